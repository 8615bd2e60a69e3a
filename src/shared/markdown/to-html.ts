/**
 * Message formatting as an HTML string, for the transcript web page and the transcript email. Every
 * piece of text is escaped; the only markup is the parser's own tags, and links carry only a checked
 * href (plus target/rel, so a click leaves the transcript alone).
 */
import { markdown, type Builder } from './markdown.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** `style` per tag: email clients ignore stylesheets, so the email passes inline styles. */
export type TagStyles = Partial<Record<'code' | 'pre' | 'blockquote' | 'a', string>>;

export function markdownToHtml(text: string, styles: TagStyles = {}): string {
  const b: Builder<string> = {
    text: escapeHtml,
    el: (tag, kids, href, start) => {
      if (tag === 'br') return '<br>';
      const style = styles[tag as keyof TagStyles];
      const attrs =
        (href ? ` href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer nofollow"` : '') +
        (start ? ` start="${start}"` : '') +
        (style ? ` style="${escapeHtml(style)}"` : '');
      return `<${tag}${attrs}>${kids.join('')}</${tag}>`;
    },
  };
  return markdown(text, b).join('');
}
