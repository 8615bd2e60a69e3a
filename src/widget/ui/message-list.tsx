import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import { formatDay, sameDay } from './format.ts';
import { MessageItem } from './message-item.tsx';
import type { AgentLabel } from './message-text.ts';

export interface MessageListProps {
  messages: readonly UiMessage[];
  agentLabel: AgentLabel;
  typingName: string | undefined;
  /** The server has older messages than those loaded. */
  canLoadEarlier: boolean;
  /** Fetches an older page; the list asks again only once this settles. */
  onLoadEarlier: () => Promise<unknown> | void;
  onRetry: (id: string) => void;
  onEdit: (id: string) => void;
  /** How many messages are in the DOM at most; the window slides by half of it. */
  windowSize?: number;
}

const WINDOW = 120;
/** Within this distance of an edge, the window slides (or an older page is fetched). */
const EDGE_PX = 120;
/** Within this distance of the bottom, the visitor is following the conversation. */
const PINNED_PX = 40;

interface Anchor {
  el: Element;
  /** Its top, relative to the scroller's visible top. */
  top: number;
}

/**
 * The item across the middle of the view: what the visitor is reading, to keep in place. The middle,
 * not the top, because a slide or a new message may remove items at either end of the window.
 */
function visibleAnchor(scroller: HTMLElement, list: HTMLElement): Anchor | undefined {
  const view = scroller.getBoundingClientRect();
  const middle = view.top + view.height / 2;
  let last: Anchor | undefined;
  for (const el of list.children) {
    const r = el.getBoundingClientRect();
    last = { el, top: r.top - view.top };
    if (r.bottom > middle) break;
  }
  return last;
}

/**
 * The conversation as a polite live region (`role="log"`), so screen readers announce new messages
 * without interrupting. It sticks to the bottom unless the visitor has scrolled up to read.
 *
 * Windowed: at most `windowSize` messages are in the DOM, whatever the conversation's length, so a
 * conversation of thousands opens, scrolls and takes memory like one of a hundred. Near the top the
 * window slides towards older messages (fetching another page once all loaded ones are shown), near
 * the bottom back towards the newest; what the visitor is reading stays where it is on screen. The
 * window is kept as the id of its last message, so pages arriving above do not move it; `undefined`
 * means it follows the newest.
 */
export function MessageList(p: MessageListProps) {
  const { messages, agentLabel, typingName, canLoadEarlier, onLoadEarlier, onRetry, onEdit } = p;
  const size = p.windowSize ?? WINDOW;
  const step = Math.max(1, size >> 1);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  const fetching = useRef(false);
  const lastId = useRef<string | undefined>(undefined);
  /** The newest message when the window last slid: anything newer arrived while the visitor read back. */
  const newestWhenLeft = useRef<string | undefined>(undefined);
  const [endId, setEndId] = useState<string | undefined>(undefined);

  const found = endId === undefined ? -1 : messages.findIndex((m) => m.id === endId);
  const end = found < 0 ? messages.length : found + 1;
  const start = Math.max(0, end - size);
  const newerHidden = end < messages.length;
  const olderAvailable = start > 0 || canLoadEarlier;

  // Read before this render changes the DOM (the hooks' stand-in for getSnapshotBeforeUpdate).
  const anchor = useRef<Anchor | undefined>(undefined);
  if (scroller.current && list.current && !pinned.current) anchor.current = visibleAnchor(scroller.current, list.current);

  /** Slides the window so it ends at `index` (exclusive); the newest end follows new messages. */
  const endAt = (index: number) => {
    newestWhenLeft.current = messages[messages.length - 1]?.id;
    setEndId(index >= messages.length ? undefined : messages[index - 1]?.id);
  };

  const showEarlier = () => {
    if (start > 0) return endAt(Math.max(0, start - step) + size);
    if (!canLoadEarlier || fetching.current) return;
    fetching.current = true;
    const settle = () => {
      fetching.current = false;
    };
    // Older messages arrive above; with a full window, the next slide brings them into view.
    Promise.resolve(onLoadEarlier()).then(settle, settle);
  };
  const showLater = () => endAt(end + step);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    pinned.current = fromBottom < PINNED_PX && !newerHidden;
    if (el.scrollTop < EDGE_PX && olderAvailable) showEarlier();
    else if (fromBottom < EDGE_PX && newerHidden) showLater();
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const newest = messages[messages.length - 1];
    const own = newest && newest.id !== lastId.current && newest.from === 'visitor' && lastId.current !== undefined;
    lastId.current = newest?.id;
    if (own && (newerHidden || !pinned.current)) {
      // The visitor just wrote: show it, whatever they were reading.
      pinned.current = true;
      if (newerHidden) return setEndId(undefined);
    }
    const a = anchor.current;
    anchor.current = undefined;
    if (pinned.current) el.scrollTop = el.scrollHeight;
    else if (a?.el.isConnected) el.scrollTop += a.el.getBoundingClientRect().top - el.getBoundingClientRect().top - a.top;
    // Still at an edge after this render (a short window, a page that just arrived): keep going.
    if (!pinned.current && el.scrollTop < EDGE_PX && start > 0) showEarlier();
  }, [messages, typingName, start, end]);

  // Shown after being rendered hidden (the panel mounts closed for a chat under way), a phone keyboard
  // opening, a rotation: a visitor following the conversation still sees the newest message.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  let blocked = messages.slice(0, start).some((m) => m.status === 'failed');
  let previousDay: number | undefined = start > 0 ? messages[start - 1]?.at : undefined;
  const items = messages.slice(start, end).flatMap((m) => {
    const out = [];
    if (m.status === 'sent' && (previousDay === undefined || !sameDay(previousDay, m.at))) {
      out.push(
        <li key={`day-${m.id}`} class="day">
          <time dateTime={new Date(m.at).toISOString().slice(0, 10)}>{formatDay(m.at)}</time>
        </li>,
      );
      previousDay = m.at;
    }
    const queued = blocked && m.status === 'sending';
    if (m.status === 'failed') blocked = true;
    out.push(<MessageItem key={m.id} message={m} agentLabel={agentLabel} queued={queued} onRetry={onRetry} onEdit={onEdit} />);
    return out;
  });

  return (
    <div class="log-scroller" ref={scroller} onScroll={onScroll}>
      {olderAvailable && messages.length > 0 && (
        <button type="button" class="link-button load-earlier" onClick={showEarlier}>
          {t('log.loadEarlier')}
        </button>
      )}
      <div class="log" role="log" aria-label={t('log.label')} aria-live="polite">
        <ol class="log__list" ref={list}>
          {items}
        </ol>
      </div>
      {newerHidden && (
        <button type="button" class="jump-latest" onClick={() => ((pinned.current = true), setEndId(undefined))}>
          <span aria-hidden="true">↓ </span>
          {t('log.jumpToLatest')}
        </button>
      )}
      {messages.length === 0 && <p class="log-empty">{t('log.empty')}</p>}
      <p class="typing" role="status">
        {typingName && (
          <>
            <span class="typing__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t('agent.typing', { name: typingName })}
          </>
        )}
        {/* Messages past the window are not in the log, so the log cannot announce them: this does. */}
        {newerHidden && messages[messages.length - 1]?.id !== newestWhenLeft.current && <span class="sr-only">{t('log.newBelow')}</span>}
      </p>
    </div>
  );
}
