/**
 * Untrusted text must not reorder what a person reads. The characters that reorder what follows them
 * (embeddings, overrides, isolates: `pay to \u202Egnp.exe` reads "pay to exe.png") are shown as a
 * visible, named token instead of acting. Pure string helpers, for every place outside the widget's
 * panel that shows untrusted text: the transcript files, the transcript emails, the demo's agent console.
 * (The panel has its own, src/widget/ui/bidi.tsx, at its size ceiling; it shows the same token.)
 * In a link's label the marks (U+200E, U+200F, U+061C) are shown too: a label must read as its address.
 */

const REORDERING = /[\u202A-\u202E\u2066-\u2069]/;
const ANY_BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const global = (strict: boolean) => new RegExp((strict ? ANY_BIDI : REORDERING).source, 'g');

/** "U+202E" for U+202E. */
export const controlName = (c: string): string => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

export const hasReorderingControl = (s: string, strict = false): boolean => (strict ? ANY_BIDI : REORDERING).test(s);

/**
 * `s` split at its reordering controls: plain text parts and `{ control: "U+202E" }`, in order, for a
 * renderer that draws the token itself. Plain text comes back as `[s]`.
 */
export function splitControls(s: string, strict = false): (string | { control: string })[] {
  if (!hasReorderingControl(s, strict)) return [s];
  const out: (string | { control: string })[] = [];
  let at = 0;
  for (const m of s.matchAll(global(strict))) {
    if (m.index > at) out.push(s.slice(at, m.index));
    out.push({ control: controlName(m[0]) });
    at = m.index + 1;
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
}

/** Plain text: each control as `[U+202E]`. */
export const textWithTokens = (s: string, strict = false): string => s.replace(global(strict), (c) => `[${controlName(c)}]`);

/** How an HTML token looks: `title` says what it is (translated where the page is); `style` inline for mail clients, which drop stylesheets. */
export interface TokenLook {
  title?: string;
  style?: string;
}

const attr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * HTML: `escaped` (text already HTML-escaped; escaping leaves these characters alone) with each control
 * as `<span class="bidi-control">U+202E</span>`.
 */
export function htmlWithTokens(escaped: string, strict = false, look: TokenLook = {}): string {
  if (!hasReorderingControl(escaped, strict)) return escaped;
  const { title = 'hidden text-direction character', style } = look;
  const attrs = `class="bidi-control" title="${attr(title)}"${style ? ` style="${attr(style)}"` : ''}`;
  return escaped.replace(global(strict), (c) => `<span ${attrs}>${controlName(c)}</span>`);
}
