/**
 * A message's text. Formatting (src/widget/ui/markdown.tsx and the shared parser, ~2.9 KB gzip) is a chunk
 * of its own, fetched only the first time a message has anything to format: most chat messages are plain
 * sentences and never need it. Until it arrives, such a message shows as the text it is (one round trip).
 * Either way, bidi controls in the text are shown, not obeyed (bidi.tsx).
 */
import { signal } from '@preact/signals';
import { h, type ComponentChildren } from 'preact';
import { showControls } from './bidi.tsx';

type Format = (text: string) => ComponentChildren;

const format = signal<Format | undefined>(undefined);
let loading: Promise<void> | undefined;

/**
 * Anything the formatter would change: emphasis and code markers, links (`[`, `<`, `//`, `www.`,
 * `mailto:`), line breaks, and a list or quote marker at the start.
 */
const FORMATTED = /[*_~`[<\n]|\/\/|www\.|mailto:|^ {0,3}([-+•>]|\d+[.)])/i;

export function preloadMarkdown(): Promise<void> {
  return (loading ??= import('./markdown.tsx').then(
    (m) => void (format.value = m.createRenderer(h, showControls)),
    () => void (loading = undefined),
  ));
}

/** `plain`: the server says the text is not markdown; it shows exactly as written. */
export function MessageBody({ text, plain }: { text: string; plain?: boolean }) {
  const f = format.value;
  if (plain) return <>{showControls(text)}</>;
  if (f) return <>{f(text)}</>;
  if (FORMATTED.test(text)) void preloadMarkdown();
  return <>{showControls(text)}</>;
}
