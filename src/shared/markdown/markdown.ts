/**
 * Rocket.Chat message formatting, the basics, for every place a message is shown: the widget (Preact
 * VNodes), the transcript web page and email (escaped HTML), the plain-text transcripts. One parser;
 * a `Builder` makes the output, so all of them agree on what a message says.
 *
 * Safety: the parser never builds markup itself. Text reaches the builder as text, the only elements
 * are the `Tag`s below, and a link gets a href only after `new URL()` says it is http(s) or mailto.
 *
 * Speed: one pass per line finds the "atoms" (code spans and links); a second pass pairs the
 * emphasis markers around them. Every scan either consumes what it read or stops at a character that
 * a later scan of the same kind starts after, and closers are looked up through a cursor that only
 * moves forward, so the work stays about linear in the length of the text.
 */

type InlineTag = 'strong' | 'em' | 's';
export type Tag = InlineTag | 'code' | 'pre' | 'br' | 'a' | 'ul' | 'ol' | 'li' | 'blockquote';

export interface Builder<N> {
  /** `inLink`: the text is (in) a link's label, where no bidi control of any kind belongs. */
  text(s: string, inLink?: boolean): N;
  /** `href` only on `a` (already checked by `safeHref`); `start` only on an `ol` not starting at 1. */
  el(tag: Tag, kids: N[], href?: string, start?: number): N;
  /** A link, where the builder wants the label as written too (to show a target its label misstates). */
  link?(href: string, kids: N[], label: string): N;
}

/** Every bidi control: marks, embeddings, overrides, isolates. An address holding one reads otherwise than it goes. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const TAGS: Record<string, InlineTag> = { '*': 'strong', _: 'em', '~': 's' };
const isWord = (c?: string) => !!c && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c?: string) => !c || /\s/.test(c);
/** Ends a URL: the end of the line, whitespace, control characters and `<>"\``. */
const endsUrl = (c?: string) => !c || c <= ' ' || /[\s<>"`]/.test(c);

/** The canonical href when `raw` is an absolute http:, https: or mailto: URL; otherwise nothing. */
export function safeHref(raw: string): string | undefined {
  // The URL parser silently drops tabs and newlines (`java\tscript:`), so refuse those first; and an
  // address with a bidi control in it reads otherwise than it goes.
  if (/[\s\0-\x1f\x7f-\x9f]/.test(raw) || BIDI.test(raw)) return;
  try {
    const url = new URL(raw);
    if (/^(https?|mailto):$/.test(url.protocol)) return url.href;
  } catch {
    // not an absolute URL: stays text
  }
}

/** One line of text (no `\n`). `links` is off inside a link's label: anchors don't nest. */
function inline<N>(b: Builder<N>, s: string, links: boolean): N[] {
  const n = s.length;
  const link = (href: string, kids: N[], label: string) => (b.link ? b.link(href, kids, label) : b.el('a', kids, href));
  /** start → [end, node] of each code span and link. */
  const atoms = new Map<number, [number, N]>();
  /** Backtick run lengths known to have no closing run further on. */
  const noRun: boolean[] = [];

  for (let i = 0; i < n; ) {
    const c = s[i]!;
    let end = i + 1;
    let node: N | undefined;
    if (c === '`') {
      // A run of N backticks is closed by the next run of exactly N.
      while (s[end] === '`') end++;
      const len = end - i;
      for (let p = end; !noRun[len]; ) {
        p = s.indexOf('`', p);
        if (p < 0) noRun[len] = true;
        else {
          let q = p;
          while (s[q] === '`') q++;
          if (q - p === len) {
            node = b.el('code', [b.text(s.slice(end, p), !links)]);
            end = q;
            break;
          }
          p = q;
        }
      }
    } else if (links && c === '[') {
      // [label](url): the label has no brackets, the URL no whitespace and balanced parentheses.
      let p = i + 1;
      while (p < n && s[p] !== ']' && s[p] !== '[') p++;
      if (s[p] === ']' && p > i + 1 && s[p + 1] === '(') {
        let q = p + 2;
        let depth = 0;
        for (; !endsUrl(s[q]) && s[q] !== '[' && s[q] !== ']'; q++) {
          if (s[q] === '(') depth++;
          else if (s[q] === ')' && !depth--) break;
        }
        const href = s[q] === ')' && safeHref(s.slice(p + 2, q));
        if (href) {
          node = link(href, inline(b, s.slice(i + 1, p), false), s.slice(i + 1, p));
          end = q + 1;
        }
      }
    } else if (links && c === '<') {
      // Rocket.Chat's <url|label>.
      let p = i + 1;
      while (!endsUrl(s[p]) && s[p] !== '|') p++;
      if (s[p] === '|') {
        let q = p + 1;
        while (q < n && s[q] !== '>' && s[q] !== '<') q++;
        const href = s[q] === '>' && q > p + 1 && safeHref(s.slice(i + 1, p));
        if (href) {
          node = link(href, inline(b, s.slice(p + 1, q), false), s.slice(p + 1, q));
          end = q + 1;
        }
      }
    } else if (links && /[hmw]/i.test(c) && !/[\p{L}\p{N}.@/]/u.test(s[i - 1] || ' ')) {
      // A bare URL, starting at a word boundary.
      const lower = s.slice(i, i + 8).toLowerCase();
      const prefix = ['https://', 'http://', 'www.', 'mailto:'].find((x) => lower.startsWith(x));
      if (prefix) {
        let e = i;
        let depth = 0;
        for (; !endsUrl(s[e]); e++) depth += s[e] === '(' ? 1 : s[e] === ')' ? -1 : 0;
        // Trailing punctuation belongs to the sentence, and so does an unbalanced `)`.
        for (;;) {
          const t = s[e - 1]!;
          if (`.,:;!?'*_~]`.includes(t)) e--;
          else if (t === ')' && depth < 0) {
            depth++;
            e--;
          } else break;
        }
        const href = e - i > prefix.length && safeHref((prefix === 'www.' ? 'https://' : '') + s.slice(i, e));
        if (href) node = link(href, [b.text(s.slice(i, e), true)], s.slice(i, e));
        end = Math.max(e, end);
      }
    }
    if (node !== undefined) atoms.set(i, [end, node]);
    i = end;
  }

  // Positions that can close each marker kind (`*`, `**`, `_`, `__`, `~`, `~~`), outside atoms.
  const closers: Record<string, number[]> = {};
  for (let p = 0; p < n; ) {
    const atom = atoms.get(p);
    if (atom) {
      p = atom[0];
      continue;
    }
    const c = s[p]!;
    if (TAGS[c] && !isSpace(s[p - 1])) {
      for (let len = 1; len < 3 && s[p + len - 1] === c; len++) {
        if (!isWord(s[p + len])) (closers[c.repeat(len)] ||= []).push(p);
      }
    }
    p++;
  }
  // Openers are tried left to right, so each kind's closer cursor only moves forward.
  const cursor: Record<string, number> = {};

  const run = (a: number, z: number): N[] => {
    const out: N[] = [];
    let text = a;
    for (let i = a; i < z; ) {
      const atom = atoms.get(i);
      const c = s[i]!;
      let next = i + 1;
      let node: N | undefined;
      if (atom) [next, node] = atom;
      else if (TAGS[c] && !isWord(s[i - 1])) {
        const len = s[i + 1] === c ? 2 : 1;
        next = i + len;
        if (!isSpace(s[next])) {
          const kind = c.repeat(len);
          const list = closers[kind] || [];
          let x = cursor[kind] || 0;
          while (x < list.length && list[x]! <= next) x++;
          cursor[kind] = x;
          const j = list[x];
          if (j !== undefined && j + len <= z) {
            node = b.el(TAGS[c]!, run(next, j));
            next = j + len;
          }
        }
      }
      if (node !== undefined) {
        if (i > text) out.push(b.text(s.slice(text, i), !links));
        out.push(node);
        text = next;
      }
      i = next;
    }
    if (z > text) out.push(b.text(s.slice(text, z), !links));
    return out;
  };
  return run(0, n);
}

const LIST = /^ {0,3}(?:([-+•])|(\d{1,9})[.)])\s+(.*)$/;
const QUOTE = /^ {0,3}>(?: (.*))?$/;

/**
 * Renders a chat message's text: *bold*, _italic_, ~strike~ (~~strike~~), `code`, ``` blocks,
 * "- " / "1. " lists, "> " quotes, [label](url), <url|label>, bare http(s)://, www. and mailto: links,
 * and line breaks. Anything else, HTML included, is the text it is. `b` builds the output.
 */
export function markdown<N>(text: string, b: Builder<N>): N[] {
  const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n');
  const out: N[] = [];
  let br = false;
  let unclosed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A ``` line, with at most a language word after it, opens a block up to the next ``` line.
    if (!unclosed && line.startsWith('```') && /^[^\s`]*\s*$/.test(line.slice(3))) {
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== '```') j++;
      if (j < lines.length) {
        out.push(b.el('pre', [b.el('code', [b.text(lines.slice(i + 1, j).join('\n'))])]));
        i = j;
        br = false;
        continue;
      }
      unclosed = true;
    }
    // Consecutive list items of one kind make one list; consecutive quoted lines, one quote.
    const item = LIST.exec(line);
    const quote = item ? null : QUOTE.exec(line);
    if (item || quote) {
      const kids: N[] = [];
      let j = i;
      for (let m: RegExpExecArray | null; j < lines.length; j++) {
        m = (item ? LIST : QUOTE).exec(lines[j]!);
        if (!m || (item && !m[1] !== !item[1])) break;
        if (item) kids.push(b.el('li', inline(b, m[3]!, true)));
        else kids.push(...(j > i ? [b.el('br', [])] : []), ...inline(b, m[1] ?? '', true));
      }
      const start = item?.[2] && Number(item[2]) !== 1 ? Number(item[2]) : undefined;
      out.push(b.el(quote ? 'blockquote' : item![1] ? 'ul' : 'ol', kids, undefined, start));
      i = j - 1;
      br = false;
      continue;
    }
    if (br) out.push(b.el('br', []));
    out.push(...inline(b, line, true));
    br = true;
  }
  return out;
}
