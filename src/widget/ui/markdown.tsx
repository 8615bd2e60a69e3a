/**
 * Rocket.Chat message formatting, the basics, rendered to Preact VNodes.
 *
 * Safety: no HTML string is ever built. Text goes into text nodes, the only elements made are
 * strong/em/s/code/pre/br/a, and an <a> gets a href only after `new URL()` says it is http(s) or mailto.
 * Bidi: controls that reorder text are shown, not obeyed (in links, every bidi control); an address
 * with one never becomes a link; a label that looks like another address shows the real one (bidi.tsx).
 *
 * Speed: one pass per line finds the "atoms" (code spans and links); a second pass pairs the
 * emphasis markers around them. Every scan either consumes what it read or stops at a character that
 * a later scan of the same kind starts after, and closers are looked up through a cursor that only
 * moves forward, so the work stays about linear in the length of the text.
 */
import type { ComponentChildren } from 'preact';
import { jsx } from 'preact/jsx-runtime';
import { t } from '../i18n/index.ts';
import { adoptStyles } from './styles.ts';
import { hasBidiControl, misleadingTarget, showControls } from './bidi.tsx';

adoptStyles('.msg__body a{color:inherit;text-decoration:underline}.msg__body code{padding:1px 4px;border-radius:4px;background:#0000000f;font:13px/1.4 ui-monospace,monospace}.msg--mine .msg__body code{background:#ffffff33}.msg__body pre{margin:4px 0;padding:8px;overflow-x:auto;border-radius:6px;background:#0000000f;white-space:pre}.msg__body pre code{padding:0;background:none}');

type Kids = ComponentChildren[];

const TAGS: Record<string, string> = { '*': 'strong', _: 'em', '~': 's' };
const isWord = (c?: string) => !!c && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c?: string) => !c || /\s/.test(c);
/** Ends a URL: the end of the line, whitespace, control characters and `<>"\``. */
const endsUrl = (c?: string) => !c || c <= ' ' || /[\s<>"`]/.test(c);

/** The canonical href when `raw` is an absolute http:, https: or mailto: URL; otherwise nothing. */
export function safeHref(raw: string): string | undefined {
  // The URL parser silently drops tabs and newlines (`java\tscript:`), so refuse those first; and an
  // address with a bidi control in it reads otherwise than it goes.
  if (/[\s\0-\x1f\x7f-\x9f]/.test(raw) || hasBidiControl(raw)) return;
  try {
    const url = new URL(raw);
    if (/^(https?|mailto):$/.test(url.protocol)) return url.href;
  } catch {
    // not an absolute URL: stays text
  }
}

// Says, on hover, that it leaves the chat for a new tab. `labelText` is the label as written: when it
// looks like another address, the real host is shown too. (Importing the panel's own modules also keeps
// this chunk from making rolldown 1.x move preact into a file of its own.)
const link = (href: string, label: Kids, labelText: string) => {
  const real = misleadingTarget(labelText, href);
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" title={t('message.linkNewTab')}>
      {label}
      {real && <span class="link-host"> ({real})</span>}
    </a>
  );
};

/** One line of text (no `\n`). `links` is off inside a link's label: anchors don't nest. */
function inline(s: string, links: boolean): Kids {
  const n = s.length;
  /** start → [end, node] of each code span and link. */
  const atoms = new Map<number, [number, ComponentChildren]>();
  /** Backtick run lengths known to have no closing run further on. */
  const noRun: boolean[] = [];

  for (let i = 0; i < n; ) {
    const c = s[i]!;
    let end = i + 1;
    let node: ComponentChildren;
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
            node = <code>{showControls(s.slice(end, p), !links)}</code>;
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
          node = link(href, inline(s.slice(i + 1, p), false), s.slice(i + 1, p));
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
          node = link(href, inline(s.slice(p + 1, q), false), s.slice(p + 1, q));
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
        if (href) node = link(href, [s.slice(i, e)], s.slice(i, e));
        end = Math.max(e, end);
      }
    }
    if (node) atoms.set(i, [end, node]);
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

  const run = (a: number, b: number): Kids => {
    const out: Kids = [];
    let text = a;
    for (let i = a; i < b; ) {
      const atom = atoms.get(i);
      const c = s[i]!;
      let next = i + 1;
      let node: ComponentChildren;
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
          if (j !== undefined && j + len <= b) {
            node = jsx(TAGS[c]!, { children: run(next, j) });
            next = j + len;
          }
        }
      }
      if (node) {
        if (i > text) out.push(showControls(s.slice(text, i), !links));
        out.push(node);
        text = next;
      }
      i = next;
    }
    if (b > text) out.push(showControls(s.slice(text, b), !links));
    return out;
  };
  return run(0, n);
}

/**
 * Renders a chat message's text: *bold*, _italic_, ~strike~ (~~strike~~), `code`, ``` blocks,
 * [label](url), <url|label>, bare http(s)://, www. and mailto: links, and line breaks as <br>.
 * Anything else, HTML included, is shown as the text it is.
 */
export function renderMarkdown(text: string): ComponentChildren {
  const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n');
  const out: Kids = [];
  let br = false;
  let unclosed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A ``` line, with at most a language word after it, opens a block up to the next ``` line.
    if (!unclosed && line.startsWith('```') && /^[^\s`]*\s*$/.test(line.slice(3))) {
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== '```') j++;
      if (j < lines.length) {
        out.push(
          <pre>
            <code>{showControls(lines.slice(i + 1, j).join('\n'))}</code>
          </pre>,
        );
        i = j;
        br = false;
        continue;
      }
      unclosed = true;
    }
    if (br) out.push(<br />);
    out.push(...inline(line, true));
    br = true;
  }
  return out;
}
