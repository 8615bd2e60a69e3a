/** Message formatting in the widget: the shared parser (src/shared/markdown) building Preact VNodes. */
import { h, type ComponentChildren } from 'preact';
import { markdown, type Builder } from '../../shared/markdown/markdown.ts';

export { safeHref } from '../../shared/markdown/markdown.ts';

const vnodes: Builder<ComponentChildren> = {
  text: (s) => s,
  el: (tag, kids, href, start) =>
    h(tag, href ? { href, target: '_blank', rel: 'noopener noreferrer nofollow' } : start ? { start } : null, kids),
};

/** A message's text as VNodes: text nodes and a few formatting elements, never an HTML string. */
export function renderMarkdown(text: string): ComponentChildren {
  return markdown(text, vnodes);
}
