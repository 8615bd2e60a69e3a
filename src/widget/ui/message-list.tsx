import { useLayoutEffect, useRef } from 'preact/hooks';
import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import { formatDay, sameDay } from './format.ts';
import { MessageItem } from './message-item.tsx';

export interface MessageListProps {
  messages: readonly UiMessage[];
  agentLabel: (m: UiMessage) => string;
  typingName: string | undefined;
  canLoadEarlier: boolean;
  onLoadEarlier: () => void;
  onRetry: (id: string) => void;
  onEdit: (id: string) => void;
}

/**
 * The conversation as a polite live region (`role="log"`), so screen readers announce new messages
 * without interrupting. It sticks to the bottom unless the visitor has scrolled up to read.
 */
export function MessageList({ messages, agentLabel, typingName, canLoadEarlier, onLoadEarlier, onRetry, onEdit }: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [messages, typingName]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };

  let blocked = false;
  let previousDay: number | undefined;
  const items = messages.flatMap((m) => {
    const out = [];
    if (m.status === 'sent' && (previousDay === undefined || !sameDay(previousDay, m.at))) {
      out.push(
        <li key={`day-${m.id}`} class="day" role="separator">
          {formatDay(m.at)}
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
      {canLoadEarlier && messages.length > 0 && (
        <button type="button" class="link-button load-earlier" onClick={onLoadEarlier}>
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
