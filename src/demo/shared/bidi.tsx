/**
 * The agent must read what the visitor typed: a visitor's name or message is isolated from the text around
 * it (<bdi>) and each reordering control in it (U+202E…) shows as a named token instead of acting, as in
 * the widget's panel. Strings that only take text (labels) get the plain `[U+202E]` token.
 */
import type { ComponentChildren } from 'preact';
import { splitControls, textWithTokens } from '../../shared/bidi-text.ts';

export { textWithTokens as labelText };

/** `text` with its reordering controls as visible tokens (plain text comes back as it is). */
export function shown(text: string): ComponentChildren {
  const parts = splitControls(text);
  if (parts.length === 1 && typeof parts[0] === 'string') return text;
  return parts.map((p) =>
    typeof p === 'string' ? (
      p
    ) : (
      <span class="bidi-control" title="hidden text-direction character">
        {p.control}
      </span>
    ),
  );
}

/** Untrusted text, isolated and unable to reorder itself. */
export function Bidi({ text, class: cls }: { text: string; class?: string }) {
  return <bdi class={cls}>{shown(text)}</bdi>;
}
