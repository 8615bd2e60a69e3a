import type { ContactSummary } from '../../../shared/amazon-connect/agent-client.ts';
import { ErrorNotice } from '../../shared/error-notice.tsx';
import { formatTime, isoTime } from '../../shared/format-time.ts';
import type { ConnectDesk } from '../state/connect-desk.ts';
import { Bidi, labelText } from '../../shared/bidi.tsx';

function status(c: ContactSummary, mine: boolean): string {
  if (c.state === 'waiting') return 'Waiting — accept it';
  if (c.state === 'ended') return 'Ended';
  if (!mine) return `With ${labelText(c.agent?.DisplayName ?? 'another agent')}`;
  return c.lastMessage?.ParticipantRole === 'CUSTOMER' ? 'Waiting for your reply' : 'Answered';
}

/** The Amazon Connect chats, most recent activity first. */
export function ConnectList({ desk, onSelect }: { desk: ConnectDesk; onSelect: (c: ContactSummary) => void }) {
  const contacts = desk.contacts.value;
  const selected = desk.selected.value?.contactId ?? null;
  return (
    <nav class="room-list" aria-labelledby="connect-list-title">
      <div class="room-list__head">
        <h2 id="connect-list-title">
          Amazon Connect chats <span class="count">{contacts.length}</span>
        </h2>
      </div>
      {desk.error.value && <ErrorNotice error={desk.error.value} />}
      {!desk.loaded.value ? (
        <p class="room-list__empty muted">Loading chats…</p>
      ) : contacts.length === 0 ? (
        <p class="room-list__empty muted">
          No Amazon Connect chats. Open the <a href="/connect.html">customer site on Amazon Connect</a> and send a message.
        </p>
      ) : (
        <ul>
          {contacts.map((c) => {
            const at = c.lastMessage?.AbsoluteTime ?? c.createdAt;
            return (
              <li key={c.ContactId}>
                <button
                  type="button"
                  class={`room-item${c.ContactId === selected ? ' room-item--selected' : ''}`}
                  aria-current={c.ContactId === selected ? 'true' : undefined}
                  onClick={() => onSelect(c)}
                >
                  <span class="room-item__name">
                    <Bidi text={c.customer?.DisplayName ?? 'Customer'} />
                  </span>
                  <time class="room-item__time" dateTime={isoTime(at)}>
                    {formatTime(at)}
                  </time>
                  <span class={`room-item__status${c.state === 'waiting' ? ' room-item__status--attention' : ''}`}>{status(c, desk.isMine(c.ContactId))}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
