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
  onLoadEarlier: () => void;
  onRetry: (id: string) => void;
  onEdit: (id: string) => void;
  /** How many of the newest messages to render at first; more as the visitor scrolls up. */
  windowSize?: number;
}

const STEP = 100;

/**
 * The conversation as a polite live region (`role="log"`), so screen readers announce new messages
 * without interrupting. It sticks to the bottom unless the visitor has scrolled up to read. Only the
 * newest messages are in the DOM; scrolling up (or the "Load earlier messages" button) renders older ones
 * and, past what is loaded, fetches earlier pages — so a conversation of thousands stays fast.
 */
export function MessageList(p: MessageListProps) {
  const { messages, agentLabel, typingName, canLoadEarlier, onLoadEarlier, onRetry, onEdit } = p;
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const anchor = useRef<{ height: number; top: number } | undefined>(undefined);
  const [count, setCount] = useState(p.windowSize ?? STEP);
  const hiddenInMemory = Math.max(0, messages.length - count);
  const moreAvailable = hiddenInMemory > 0 || canLoadEarlier;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current) {
      // Older messages were added above: keep what the visitor was reading in place.
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = undefined;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, typingName, count]);

  const showEarlier = () => {
    const el = scroller.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    if (hiddenInMemory > 0) setCount(count + STEP);
    else if (canLoadEarlier) {
      setCount(count + STEP);
      onLoadEarlier();
    }
  };

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (el.scrollTop < 120 && moreAvailable && !anchor.current) showEarlier();
  };

  const shown = hiddenInMemory > 0 ? messages.slice(hiddenInMemory) : messages;
  let blocked = false;
  let previousDay: number | undefined = hiddenInMemory > 0 ? messages[hiddenInMemory - 1]?.at : undefined;
  const items = shown.flatMap((m) => {
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
      {moreAvailable && messages.length > 0 && (
        <button type="button" class="link-button load-earlier" onClick={showEarlier}>
          {t('log.loadEarlier')}
        </button>
      )}
      <div class="log" role="log" aria-label={t('log.label')} aria-live="polite">
        <ol class="log__list">{items}</ol>
      </div>
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
      </p>
    </div>
  );
}
