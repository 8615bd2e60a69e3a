/**
 * Keeping untrusted text from reordering what the visitor reads. Every message body and name is
 * direction-isolated (`dir="auto"`, `<bdi>`), so an Arabic name cannot pull the sentence around it apart.
 * Inside the text, the characters that reorder what follows them (embeddings, overrides, isolates: `…/won
 * exe.jpg` from U+202E) are shown as what they are instead of acting; in links, the marks too.
 * A link whose label looks like an address other than its target shows the real host beside it
 * (markdown.tsx).
 */
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../i18n/index.ts';

/** Embeddings, overrides and isolates (each can reverse or regroup the text after it); in links, the marks too. */
const REORDERING = /([\u202A-\u202E\u2066-\u2069])/;
const ANY_BIDI = /([\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069])/;

export const hasBidiControl = (s: string) => ANY_BIDI.test(s);

/**
 * `text` with its reordering controls (every bidi control when `strict`) replaced by a visible, named
 * token. Plain text comes back as the same string, so the common case costs one regex test.
 */
export function showControls(text: string, strict = false): ComponentChildren {
  const which = strict ? ANY_BIDI : REORDERING;
  if (!which.test(text)) return text;
  // Split on a capturing group: the controls are the odd parts.
  return text.split(which).map((part, i) =>
    i % 2 ? (
      <span class="bidi-control" title={t('message.bidiControl')}>
        {`U+${(0x10000 + part.charCodeAt(0)).toString(16).slice(1).toUpperCase()}`}
      </span>
    ) : (
      part
    ),
  );
}

/** A name, isolated from the sentence around it and unable to reverse itself. */
export const Name = ({ children, class: cls }: { children: string; class?: string }) => <bdi class={cls}>{showControls(children)}</bdi>;

/** A UI sentence with a name in it (`{name} is typing…`): the name isolated, the sentence translated. */
export function withName(key: MessageKey, name: string): ComponentChildren {
  const [before, after] = t(key, { name: '\u0000' }).split('\u0000');
  return [before, <Name>{name}</Name>, after];
}
