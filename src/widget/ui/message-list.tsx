import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import { withName } from './bidi.tsx';
import { formatDay, sameDay } from './format.ts';
import { MessageItem } from './message-item.tsx';
import type { AgentLabel } from './message-text.ts';
import { windowEndAt, windowEndOf, windowRange, type WindowEnd } from './message-window.ts';

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
  /** Answer a message's options. */
  onChoose?: (messageId: string, index: number) => void;
  /** The address of one of the conversation's files. */
  fileUrl?: (id: string) => Promise<string>;
  /** Where focus goes after "Jump to the newest messages" (the button itself goes away). */
  onJumped?: () => void;
  /** How many messages are in the DOM at most; the window slides by half of it. */
  windowSize?: number;
  /** Shown while the conversation is empty (a greeting); by default one line saying where replies appear. */
  empty?: ComponentChildren;
  /** An agent's picture by username (undefined when the server hides agents, or has none). */
  avatarOf?: (username: string) => string | undefined;
}

/** Messages closer than this, from the same sender, form one group (one name, one time). */
const GROUP_MS = 5 * 60_000;

const WINDOW = 120;
/** Within this distance of an edge, the window slides (or an older page is fetched). */
const EDGE_PX = 120;
/** Within this distance of the bottom, the visitor is following the conversation. */
const PINNED_PX = 40;
/** How long the log stays silent after a slide, so screen readers do not read old messages as new. */
const QUIET_MS = 400;

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
 * window is kept by its last message (see message-window.ts); `undefined` means it follows the newest.
 * Once the visitor reads more than a screen back, the window stops following: nothing moves under
 * them, and new messages are announced by a status line and a "Jump to the newest messages" button.
 */
export function MessageList(p: MessageListProps) {
  const { messages, agentLabel, typingName, canLoadEarlier, onLoadEarlier, onRetry, onEdit, onJumped, onChoose, fileUrl, avatarOf } = p;
  const size = p.windowSize ?? WINDOW;
  const step = Math.max(1, size >> 1);
  const scroller = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  /** The last scroll position the visitor chose, to restore when the panel is shown again. */
  const readAt = useRef(0);
  const fetching = useRef(false);
  const quietTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastId = useRef<string | undefined>(undefined);
  /** The newest message when the window stopped following: anything newer arrived while reading back. */
  const newestWhenLeft = useRef<string | undefined>(undefined);
  const [endKey, setEndKey] = useState<WindowEnd | undefined>(undefined);

  const { start, end } = windowRange(messages, endKey, size);
  const newerHidden = end < messages.length;
  const olderAvailable = start > 0 || canLoadEarlier;
  const newest = messages[messages.length - 1];

  // Read before this render changes the DOM (the hooks' stand-in for getSnapshotBeforeUpdate).
  const anchor = useRef<Anchor | undefined>(undefined);
  if (scroller.current && list.current && !pinned.current) anchor.current = visibleAnchor(scroller.current, list.current);

  /**
   * The log is a polite live region, which would read every message a slide puts in the page as if it
   * were new. Silence it for the slide (or until a page of older messages has arrived).
   */
  const hush = (until?: Promise<unknown>) => {
    const el = log.current;
    if (!el) return;
    el.setAttribute('aria-live', 'off');
    clearTimeout(quietTimer.current);
    const restore = () => {
      clearTimeout(quietTimer.current);
      quietTimer.current = setTimeout(() => el.setAttribute('aria-live', 'polite'), QUIET_MS);
    };
    if (until) until.then(restore, restore);
    else restore();
  };

  /** Slides the window so it ends at `index` (exclusive); at the newest it follows again. */
  const endAt = (index: number) => {
    hush();
    if (!endKey) newestWhenLeft.current = newest?.id;
    const key = windowEndAt(messages, index);
    if (key) pinned.current = false;
    setEndKey(key);
  };

  const showEarlier = () => {
    if (start > 0) return endAt(Math.max(0, start - step) + size);
    if (!canLoadEarlier || fetching.current) return;
    fetching.current = true;
    // Older messages arrive above; with a full window, the next slide brings them into view.
    const loading = Promise.resolve(onLoadEarlier()).finally(() => (fetching.current = false));
    hush(loading);
  };
  const showLater = () => endAt(end + step);
  const jumpToNewest = () => {
    hush();
    pinned.current = true;
    setEndKey(undefined);
    onJumped?.();
  };

  const onScroll = () => {
    const el = scroller.current;
    // A closed panel reads as scrolled to the top: that is not the visitor scrolling.
    if (!el || el.clientHeight === 0) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    readAt.current = el.scrollTop;
    pinned.current = fromBottom < PINNED_PX && !newerHidden;
    // Back at the newest of a window that stopped following: follow again (same messages, no slide).
    if (pinned.current && endKey) setEndKey(undefined);
    if (!endKey && newest && fromBottom > el.clientHeight) {
      // Reading back: stop following, so new messages no longer move the page under the visitor.
      newestWhenLeft.current = newest.id;
      setEndKey(windowEndOf(messages[end - 1]!));
    }
    if (el.scrollTop < EDGE_PX && olderAvailable) showEarlier();
    else if (fromBottom < EDGE_PX && newerHidden) showLater();
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (!newest) {
      // A new chat: start again at the bottom, following.
      pinned.current = true;
      newestWhenLeft.current = undefined;
      if (endKey) setEndKey(undefined);
    }
    // Only a message typed here (another tab's arrives sent, by the stream) brings the visitor down.
    const typedHere = newest && newest.id !== lastId.current && newest.status === 'sending';
    lastId.current = newest?.id;
    if (typedHere && (newerHidden || !pinned.current)) {
      pinned.current = true;
      if (newerHidden) {
        hush();
        return setEndKey(undefined);
      }
    }
    const a = anchor.current;
    anchor.current = undefined;
    if (pinned.current) el.scrollTop = el.scrollHeight;
    else if (a?.el.isConnected) el.scrollTop += a.el.getBoundingClientRect().top - el.getBoundingClientRect().top - a.top;
    if (el.clientHeight === 0) return; // hidden: nothing below is about what the visitor sees
    // Still at an edge after this render (a short window, a page that just arrived): keep going.
    if (!pinned.current && el.scrollTop < EDGE_PX && start > 0) showEarlier();
    // Too few messages to scroll, and more on the server: no scroll will ever ask for them.
    else if (start === 0 && canLoadEarlier && messages.length > 0 && el.scrollHeight <= el.clientHeight) showEarlier();
  }, [messages, typingName, start, end, olderAvailable]);

  useLayoutEffect(() => () => clearTimeout(quietTimer.current), []);

  // Shown after being rendered hidden (the panel mounts closed for a chat under way), a phone keyboard
  // opening, a rotation: a visitor following the conversation still sees the newest message.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let wasHidden = el.clientHeight === 0;
    const observer = new ResizeObserver(() => {
      const hidden = el.clientHeight === 0;
      if (pinned.current) el.scrollTop = el.scrollHeight;
      // A closed panel forgets its scroll position: put back what the visitor was reading.
      else if (wasHidden && !hidden) el.scrollTop = readAt.current;
      wasHidden = hidden;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  let blocked = messages.slice(0, start).some((m) => m.status === 'failed');
  let previousDay: number | undefined = start > 0 ? messages[start - 1]?.at : undefined;
  let previous: UiMessage | undefined;
  const items = messages.slice(start, end).flatMap((m) => {
    const out = [];
    if (m.status === 'sent' && (previousDay === undefined || !sameDay(previousDay, m.at))) {
      out.push(
        <li key={`day-${m.id}`} class="day">
          <time dateTime={new Date(m.at).toISOString().slice(0, 10)}>{formatDay(m.at)}</time>
        </li>,
      );
      previousDay = m.at;
      previous = undefined;
    }
    const queued = blocked && m.status === 'sending';
    if (m.status === 'failed') blocked = true;
    // The visitor's own messages group whatever the server calls them; an agent's, per agent.
    const same = previous?.from === m.from && (m.from === 'visitor' || previous.author?.username === m.author?.username);
    const first = !(same && m.at - previous!.at < GROUP_MS);
    previous = m.from === 'system' ? undefined : m;
    const avatar = m.from === 'agent' && m.author?.username ? avatarOf?.(m.author.username) : undefined;
    out.push(
      <MessageItem
        key={m.id}
        message={m}
        agentLabel={agentLabel}
        queued={queued}
        first={first}
        avatar={avatar}
        onRetry={onRetry}
        onEdit={onEdit}
        // Options stay open until the visitor says anything after them.
        answerable={!!m.choices && !messages.slice(messages.indexOf(m) + 1).some((x) => x.from === 'visitor')}
        {...(onChoose ? { onChoose } : {})}
        {...(fileUrl ? { fileUrl } : {})}
      />,
    );
    return out;
  });

  return (
    <div class="log-scroller" ref={scroller} onScroll={onScroll}>
      {olderAvailable && messages.length > 0 && (
        <button type="button" class="link-button load-earlier" onClick={showEarlier}>
          {t('log.loadEarlier')}
        </button>
      )}
      <div class="log" role="log" aria-label={t('log.label')} aria-live="polite" ref={log}>
        <ol class="log__list" ref={list}>
          {items}
        </ol>
      </div>
      {newerHidden && (
        <button type="button" class="jump-latest" onClick={jumpToNewest}>
          <span aria-hidden="true">↓ </span>
          {t('log.jumpToLatest')}
        </button>
      )}
      {messages.length === 0 && (p.empty ?? <p class="log-empty">{t('log.empty')}</p>)}
      <p class="typing" role="status">
        {typingName && (
          <>
            <span class="typing__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {/* One flex item: the name and its sentence must not be spaced apart by the row's gap. */}
            <span>{withName('agent.typing', typingName)}</span>
          </>
        )}
      </p>
      {/* Messages past the window are not in the log, so the log cannot announce them: this does. */}
      <p class="sr" role="status">
        {newerHidden && newest?.id !== newestWhenLeft.current ? t('log.newBelow') : ''}
      </p>
    </div>
  );
}
