/**
 * Message formatting in the widget: the shared parser (src/shared/markdown) building Preact VNodes.
 * A chunk of its own, loaded by rich-text.tsx when a message first needs formatting.
 *
 * Bidi: controls that reorder text are shown, not obeyed (in links, every bidi control); an address
 * with one never becomes a link (safeHref); a label that looks like another address shows the real one.
 *
 * The caller hands in Preact's `h` and bidi.tsx's `showControls`: when this lazy chunk imported either
 * itself, the bundler moved the panel's shared code (Preact included) into a chunk of its own (an extra
 * request, ~0.4 KB gzip on every open chat).
 */
import type { ComponentChildren, h as H } from 'preact';
import { markdown, type Builder } from '../../shared/markdown/markdown.ts';
import { t } from '../i18n/index.ts';
import type { showControls } from './bidi.tsx';
import markdownCss from './markdown.css?inline';
import { adoptStyles } from './styles.ts';

adoptStyles(markdownCss);

export { safeHref } from '../../shared/markdown/markdown.ts';

/** A function from a message's text to VNodes: text nodes and a few formatting elements, never HTML. */
export function createRenderer(h: typeof H, shown: typeof showControls): (text: string) => ComponentChildren {
  const vnodes: Builder<ComponentChildren> = {
    text: (s, inLink) => shown(s, inLink),
    el: (tag, kids, href, start) => h(tag, href ? { href, target: '_blank', rel: 'noopener noreferrer nofollow' } : start ? { start } : null, kids),
    // Says, on hover, that it leaves the chat for a new tab; and where it really goes when its label
    // reads as another address.
    link: (href, kids, label) => {
      const real = misleadingTarget(label, href);
      return h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow', title: t('message.linkNewTab') }, kids, real && h('span', { class: 'link-host' }, ` (${real})`));
    },
  };
  return (text) => markdown(text, vnodes);
}

/**
 * The real host (or mail address) of a link whose label reads as another address
 * (`[https://bank.example](https://evil.example)`), or undefined. Hosts compare as the browser resolves
 * them (punycode), so a look-alike label or target shows.
 */
export function misleadingTarget(label: string, href: string): string | undefined {
  // An address in the label: a host with a letter TLD (not "2.5"), or a mail address.
  const m = /^\s*(?:https?:\/\/|mailto:)?([^\s/?#]*\.\p{L}{2}[^\s/?#]*)/iu.exec(label);
  if (!m) return undefined;
  const url = new URL(href);
  const real = url.protocol === 'mailto:' ? decodeURIComponent(url.pathname) : url.host;
  let claimed = m[1]!;
  try {
    if (!claimed.includes('@')) claimed = new URL(`http://${claimed}`).host;
  } catch {
    // not a host after all: it still is not the target
  }
  return claimed.toLowerCase() === real.toLowerCase() ? undefined : real;
}
