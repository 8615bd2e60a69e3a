/**
 * Message formatting as plain text, for text transcripts: the markers go (`*bold*` reads "bold"),
 * lists get bullets or numbers, quotes a "> ", and a link whose label is not its address keeps the
 * address beside it, so it can still be followed.
 */
import { markdown, type Builder } from './markdown.ts';

const strip = (url: string) => url.replace(/^(https?:\/\/|mailto:)/i, '').replace(/\/$/, '');

const text: Builder<string> = {
  text: (s) => s,
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
