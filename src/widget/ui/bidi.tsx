/**
 * Keeping untrusted text from reordering what the visitor reads. Every message body and name is
 * direction-isolated (`dir="auto"`, `<bdi>`), so an Arabic name cannot pull the sentence around it apart.
 * Inside the text, the characters that reorder what follows them (embeddings, overrides, isolates: `…/won
 * exe.jpg` from U+202E) are shown as what they are instead of acting; in links, the marks too. A link
 * whose label looks like an address other than its target shows the real host beside it.
 */
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../i18n/index.ts';

/** Embeddings, overrides and isolates: each can reverse or regroup the text after it. */
const REORDERING = /[\u202A-\u202E\u2066-\u2069]/;
/** Those plus the invisible marks (LRM, RLM, ALM): none belongs in a link's label or address. */
const ANY_BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export const hasBidiControl = (s: string) => ANY_BIDI.test(s);

const code = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * `text` with its reordering controls (all bidi controls when `strict`) replaced by a visible, named
 * token. Plain text comes back as the same string, so the common case costs one regex test.
 */
export function showControls(text: string, strict = false): ComponentChildren {
  const which = strict ? ANY_BIDI : REORDERING;
  if (!which.test(text)) return text;
  const out: ComponentChildren[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!which.test(c)) continue;
    if (i > from) out.push(text.slice(from, i));
    out.push(
      <span class="bidi-control" title={t('message.bidiControl')}>
        {code(c)}
      </span>,
    );
    from = i + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/** A name, isolated from the sentence around it and unable to reverse itself. */
export const Name = ({ children, class: cls }: { children: string; class?: string }) => <bdi class={cls}>{showControls(children)}</bdi>;

/** A UI sentence with a name in it (`{name} is typing…`): the name isolated, the sentence translated. */
export function withName(key: MessageKey, name: string): ComponentChildren {
  const [before = '', after = ''] = t(key, { name: '\u0000' }).split('\u0000');
  return [before, <Name>{name}</Name>, after];
}

/** Whether `label` reads as a web or mail address (what a visitor would take for the link's target). */
function addressIn(label: string): string | undefined {
  const s = label.trim();
  const mail = /^(?:mailto:)?([^\s@/]+@[^\s@/]+\.[^\s@/]+)$/i.exec(s);
  if (mail) return `mailto:${mail[1]}`;
  if (/^(https?:\/\/|www\.)/i.test(s) || /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#]|$)/u.test(s)) {
    return /^https?:\/\//i.test(s) ? s : `https://${s}`;
  }
  return undefined;
}

/** What a target really is, as a visitor should read it: the host (in ASCII, so look-alikes show), or the mail address. */
function realTarget(url: URL): string {
  return url.protocol === 'mailto:' ? decodeURIComponent(url.pathname) : url.host;
}

/**
 * The host to show beside a link whose label looks like an address that is not where it goes
 * (`[https://bank.example](https://evil.example)`), or undefined when the label says where it goes.
 */
export function misleadingTarget(label: string, href: string): string | undefined {
  const claimed = addressIn(label);
  if (!claimed) return undefined;
  const target = new URL(href);
  let shown: URL | undefined;
  try {
    shown = new URL(claimed);
  } catch {
    shown = undefined;
  }
  const isMail = (u: URL) => u.protocol === 'mailto:';
  if (shown && isMail(shown) === isMail(target) && realTarget(shown).toLowerCase() === realTarget(target).toLowerCase()) return undefined;
  return realTarget(target);
}
