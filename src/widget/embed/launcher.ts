/** The launcher bubble: built with DOM calls (no HTML strings), labelled, with an unread badge. */
import type { Launcher, LauncherLabels } from './host-contract.ts';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';

export function createLauncher(host: HTMLElement, panelId: string, labels: LauncherLabels): Launcher {
  const doc = host.ownerDocument;
  const button = doc.createElement('button');
  button.type = 'button';
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
 * White or black text, whichever reads better on `color` (WCAG relative luminance). One of the two
 * always reaches at least 4.58:1, on any colour, so text on the site's colour meets WCAG AA.
 */
export function readableOn(el: HTMLElement, color: string): string {
  const probe = el.ownerDocument.createElement('i');
  probe.style.color = color;
  el.ownerDocument.body.appendChild(probe);
  const rgb = getComputedStyle(probe).color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
  probe.remove();
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05/(L+0.05), with black (L+0.05)/0.05: white while the first is the
  // larger, i.e. while (L+0.05)² ≤ 1.05 × 0.05.
  return (luminance + 0.05) ** 2 <= 0.0525 ? '#fff' : '#000';
}
