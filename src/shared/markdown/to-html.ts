/**
 * Message formatting as an HTML string, for the transcript web page and the transcript email. Every
 * piece of text is escaped; the only markup is the parser's own tags, and links carry only a checked
 * href (plus target/rel, so a click leaves the transcript alone). Text cannot reorder what is read: a
 * reordering control is shown as a named token (`U+202E`), in a link's label every bidi control; the
 * caller isolates the whole (`dir="auto"`, `<bdi>`).
 */
import { htmlWithTokens } from '../bidi-text.ts';
import { markdown, type Builder } from './markdown.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * `style` per tag (`control`: a bidi control's token): email clients ignore stylesheets, so the email
 * passes inline styles.
 */
export type TagStyles = Partial<Record<'code' | 'pre' | 'blockquote' | 'a' | 'control', string>>;

/** Untrusted plain text (a name, a system line) as HTML: escaped, its reordering controls as tokens. */
export function textToHtml(s: string, styles: TagStyles = {}, controlTitle?: string): string {
  return htmlWithTokens(escapeHtml(s), false, { style: styles.control, title: controlTitle });
}

/** `controlTitle`: what a control's token says on hover, in the page's language (English without). */
export function markdownToHtml(text: string, styles: TagStyles = {}, controlTitle?: string): string {
  const b: Builder<string> = {
    text: (s, inLink) => htmlWithTokens(escapeHtml(s), inLink, { style: styles.control, title: controlTitle }),
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
