/**
 * Message formatting as plain text, for text transcripts: the markers go (`*bold*` reads "bold"),
 * lists get bullets or numbers, quotes a "> ", and a link whose label is not its address keeps the
 * address beside it, so it can still be followed. A reordering control becomes a visible token
 * (`[U+202E]`; in a link's label every bidi control): plain text has no markup to isolate with, and the
 * isolate characters are themselves invisible controls that not every viewer honours, so the text is
 * left in the order it was typed, with the control named where it was.
 */
import { textWithTokens } from '../bidi-text.ts';
import { markdown, type Builder } from './markdown.ts';

const strip = (url: string) => url.replace(/^(https?:\/\/|mailto:)/i, '').replace(/\/$/, '');

const text: Builder<string> = {
  text: (s, inLink) => textWithTokens(s, inLink),
  el: (tag, kids, href, start) => {
    const inner = kids.join('');
    switch (tag) {
      case 'br':
        return '\n';
      case 'a': {
        // A bare address stays as written; a label gets its address beside it.
        return strip(inner) === strip(href!) ? inner : `${inner} (${href})`;
      }
      case 'pre':
        return `\n${inner}\n`;
      case 'ul':
      case 'ol':
        return `\n${kids.map((k, i) => `${tag === 'ul' ? '•' : `${(start ?? 1) + i}.`} ${k}`).join('\n')}\n`;
      case 'blockquote':
        return `\n${inner.split('\n').map((l) => `> ${l}`).join('\n')}\n`;
      default:
        return inner;
    }
  },
};

export function markdownToText(s: string): string {
  return markdown(s, text).join('').replace(/^\n+|\n+$/g, '').replace(/\n{3,}/g, '\n\n');
}
