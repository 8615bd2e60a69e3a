/**
 * A message's text, formatted once the markdown renderer (its own chunk) is here. Most messages have
 * no markup and are the same either way; one that has asks for the renderer, and it is fetched at
 * idle anyway where the server speaks markdown (`preloadMarkdown`), so it is usually here first.
 */
import { signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { showControls } from './bidi.tsx';

let render: ((text: string) => ComponentChildren) | undefined;
let loading: Promise<unknown> | undefined;
const loaded = signal(false);

/** What the renderer would change: emphasis, code, links. */
const MARKUP = /[*_~`[<]|https?:\/\/|www\.|mailto:/i;

export function preloadMarkdown(): Promise<unknown> {
  return (loading ??= import('./markdown.tsx').then(
    (m) => {
      render = m.renderMarkdown;
      loaded.value = true;
    },
    () => (loading = undefined),
  ));
}

export function RichText({ text }: { text: string }) {
  // Read so this re-renders when the renderer arrives.
  if (!loaded.value && MARKUP.test(text)) void preloadMarkdown();
  return <>{render ? render(text) : showControls(text)}</>;
}
