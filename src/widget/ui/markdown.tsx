/**
 * Message formatting in the widget: the shared parser (src/shared/markdown) building Preact VNodes.
 * A chunk of its own, loaded by message-body.tsx when a message first needs formatting.
 *
 * The caller hands in Preact's `h`: when this lazy chunk imported Preact itself, the bundler moved
 * Preact out of the panel into a chunk of its own (an extra request, ~0.4 KB gzip on every open chat).
 */
import type { ComponentChildren, h as H } from 'preact';
import { markdown, type Builder } from '../../shared/markdown/markdown.ts';
import markdownCss from './markdown.css?inline';
import { adoptStyles } from './styles.ts';

adoptStyles(markdownCss);

export { safeHref } from '../../shared/markdown/markdown.ts';

/** A function from a message's text to VNodes: text nodes and a few formatting elements, never HTML. */
export function createRenderer(h: typeof H): (text: string) => ComponentChildren {
  const vnodes: Builder<ComponentChildren> = {
    text: (s) => s,
    el: (tag, kids, href, start) => h(tag, href ? { href, target: '_blank', rel: 'noopener noreferrer nofollow' } : start ? { start } : null, kids),
  };
  return (text) => markdown(text, vnodes);
}
