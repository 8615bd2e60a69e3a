import { ErrorNotice } from '../../shared/error-notice.tsx';
import { formatTime } from '../../shared/format-time.ts';
import type { ConnectConversation } from '../state/connect-conversation.ts';
import { Composer } from './composer.tsx';
import { MessageLog } from './message-log.tsx';
import { TypingIndicator } from './typing-indicator.tsx';
import { Bidi, labelText } from '../../shared/bidi.tsx';

/** One Amazon Connect chat: accept it, read and reply, see the customer typing, end it. */
export function ConnectView({ conversation: c, onBack }: { conversation: ConnectConversation; onBack: () => void }) {
  const open = c.open.value;
  const waiting = c.waiting.value;
  const mine = !!c.session.value;
  const name = c.customerName.value;
  const contact = c.contact.value;
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
            Amazon Connect · started {formatTime(contact.createdAt)}
            {!open && ' · ended'}
          </p>
        </div>
        <div class="room-view__actions">
          {waiting && (
            <button type="button" class="button button--primary" onClick={() => void c.accept()}>
              Accept chat
            </button>
          )}
          {open && mine && (
            <button type="button" class="button" onClick={() => void c.end()}>
              End chat
            </button>
          )}
        </div>
      </header>
      {c.error.value && <ErrorNotice error={c.error.value} onDismiss={c.dismissError} />}
      <MessageLog label={`Conversation with ${labelText(name)}`} messages={c.messages.value} loading={c.loading.value} onRetry={c.retry} />
      <TypingIndicator name={open ? c.customerTyping.value : null} />
      {!open ? (
        <p class="room-view__closed" role="status">
          This chat has ended.
        </p>
      ) : waiting ? (
        <p class="room-view__closed">This chat is waiting for an agent. Accept it to reply.</p>
      ) : !mine ? (
        <p class="room-view__closed">Another agent has this chat.</p>
      ) : (
        <Composer onInput={c.typingInput} onSend={c.send} />
      )}
    </section>
  );
}
