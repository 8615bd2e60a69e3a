import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ConsoleMessage } from '../state/messages.ts';
import { MessageItem } from './message-item.tsx';

export interface MessageLogProps {
  label: string;
  messages: readonly ConsoleMessage[];
  loading: boolean;
  onRetry: (id: string) => void;
}

/** The conversation as a polite live region; it stays at the bottom unless the agent scrolled up to read. */
export function MessageLog({ label, messages, loading, onRetry }: MessageLogProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  // Keep the newest message in view when the pane changes size (rotation, phone keyboard, close form).
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };

  return (
    <div class="log-scroller" ref={scroller} onScroll={onScroll}>
      <div role="log" aria-label={label} aria-live="polite" aria-busy={loading}>
        <ol class="log">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} onRetry={onRetry} />
          ))}
        </ol>
      </div>
      {loading && messages.length === 0 && <p class="muted log__loading">Loading messages…</p>}
    </div>
  );
}
