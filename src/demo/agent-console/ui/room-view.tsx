import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../../shared/error-notice.tsx';
import { formatTime } from '../../shared/format-time.ts';
import type { Conversation } from '../state/conversation.ts';
import { CloseForm } from './close-form.tsx';
import { Composer } from './composer.tsx';
import { MessageLog } from './message-log.tsx';
import { TypingIndicator } from './typing-indicator.tsx';
import { Bidi, labelText } from '../../shared/bidi.tsx';

export interface RoomViewProps {
  conversation: Conversation;
  /** Back to the list (narrow screens). */
  onBack: () => void;
}

/** One conversation: header with actions, the message log, the visitor's typing, and the reply box. */
export function RoomView({ conversation: c, onBack }: RoomViewProps) {
  const [closing, setClosing] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const wasClosing = useRef(false);

  // Cancelling the close form puts focus back on the button that opened it.
  useEffect(() => {
    if (wasClosing.current && !closing) closeButton.current?.focus();
    wasClosing.current = closing;
  }, [closing]);
  const room = c.room.value;
  const open = c.open.value;
  const queued = c.queued.value;
  const mine = c.servedByMe.value;
  const name = c.visitorName.value;

  return (
    <section class="room-view" aria-labelledby="room-title">
      <header class="room-view__head">
        <button type="button" class="button button--small room-view__back" onClick={onBack}>
          ← Chats
        </button>
        <div class="room-view__who">
          <h2 id="room-title">
            <Bidi text={name} />
          </h2>
          <p class="muted small">
            Started {formatTime(room.ts)}
            {room.servedBy && !mine ? ` · with ${room.servedBy.username}` : ''}
            {!open && ' · closed'}
          </p>
        </div>
        <div class="room-view__actions">
          {queued && (
            <button type="button" class="button button--primary" onClick={() => void c.take()}>
              Take chat
            </button>
          )}
          {open && !queued && !closing && (
            <button type="button" class="button" ref={closeButton} onClick={() => setClosing(true)}>
              Close chat…
            </button>
          )}
        </div>
      </header>
      {c.error.value && <ErrorNotice error={c.error.value} onDismiss={c.dismissError} />}
      <MessageLog label={`Conversation with ${labelText(name)}`} messages={c.messages.value} loading={c.loading.value} onRetry={c.retry} />
      <TypingIndicator name={open ? c.visitorTyping.value : null} />
      {!open ? (
        <p class="room-view__closed" role="status">
          This chat is closed.
        </p>
      ) : closing ? (
        <CloseForm
          onCancel={() => setClosing(false)}
          onClose={async (comment) => {
            const ok = await c.close(comment);
            if (ok) setClosing(false);
            return ok;
          }}
        />
      ) : queued ? (
        <p class="room-view__closed">This chat is waiting in the queue. Take it to reply.</p>
      ) : (
        <Composer onInput={c.typingInput} onSend={c.send} />
      )}
    </section>
  );
}
