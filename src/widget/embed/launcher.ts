/** The launcher bubble: built with DOM calls (no HTML strings), labelled, with an unread badge. */
import type { Launcher, LauncherLabels } from './host-contract.ts';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';

export function createLauncher(host: HTMLElement, panelId: string, labels: LauncherLabels): Launcher {
  const doc = document;
  // No `type`: in a shadow root it belongs to no form, so it never submits one.
  const button = doc.createElement('button');
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-controls', panelId);
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(SVG, 'path');
  svg.appendChild(path);
  const badge = doc.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('aria-hidden', 'true');
  button.append(svg, badge);

  let open = false;
  let unread = 0;
  let error = '';
  let text = labels;
  const render = () => {
    // The close icon comes with the panel (only it opens the chat): the loader ships one path.
    path.setAttribute('d', open ? (text.closeIcon ?? CHAT_ICON) : CHAT_ICON);
    button.setAttribute('aria-expanded', `${open}`);
    const name = open ? text.close : text.open;
    const label = error ? `${error} ${name}` : unread > 0 && !open ? `${name}, ${text.unread(unread)}` : name;
    button.setAttribute('aria-label', label);
    button.title = error;
    badge.hidden = !error && (unread <= 0 || open);
    badge.textContent = error ? '!' : unread > 99 ? '99+' : `${unread}`;
  };
  render();

  return {
    button,
    setOpen(v) {
      open = v;
      render();
    },
    setUnread(n) {
      unread = Math.max(0, (n ?? 0) | 0);
      render();
    },
    setError(message) {
      error = message ?? '';
      render();
    },
    setBusy(busy) {
      if (busy) button.setAttribute('aria-busy', 'true');
      else button.removeAttribute('aria-busy');
    },
    setColor(color) {
      if (!color) return;
      host.style.setProperty('--rcw-color', color);
      host.style.setProperty('--rcw-on-color', readableOn(host, color));
    },
    setPosition(position) {
      host.dataset.position = position;
    },
    setLabels(l) {
      text = l;
      render();
    },
  };
}

/**
 * White or black text, whichever reads better on `color`. Relative luminance with sRGB's curve taken as
 * a plain 2.2 power (what the loader can afford), white up to 0.18: checked against WCAG's exact formula
 * on every 8-bit colour, the chosen one always reaches at least 4.52:1 (test/widget/launcher-contrast.test.ts),
 * so text on the site's colour meets WCAG AA. Read from the host itself (in the page: the page's colour
 * syntax, names included, resolved by the browser), its inline colour removed again at once.
 */
export function readableOn(el: HTMLElement, color: string): string {
  const style = el.style;
  // Important: a page's `* { color: … !important }` must not decide it.
  style.setProperty('color', color, 'important');
  const rgb = getComputedStyle(el).color.match(/[\d.]+/g) ?? [];
  style.color = '';
  return onColor(rgb);
}

/** `rgb`: red, green, blue from 0 to 255 (more values, such as alpha, are ignored; none gives white). */
export function onColor(rgb: readonly (string | number)[]): '#fff' | '#000' {
  const [r, g, b] = rgb.map((c) => (+c / 255) ** 2.2) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18 ? '#000' : '#fff';
}
