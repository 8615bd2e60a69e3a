import { formatTime, isoTime } from '../../shared/format-time.ts';
import type { Mail } from '../state/mailbox.ts';

export interface MailListProps {
  mails: readonly Mail[];
  selectedId: string | null;
  onOpen: (id: string) => void;
}

/** Caught emails, newest first: subject, recipient, time. */
export function MailList({ mails, selectedId, onOpen }: MailListProps) {
  return (
    <ul class="mail-list" aria-label="Emails">
      {mails.map((m) => (
        <li key={m.id}>
          <button
            type="button"
            class={`mail-item${m.id === selectedId ? ' mail-item--selected' : ''}`}
            aria-current={m.id === selectedId ? 'true' : undefined}
            onClick={() => onOpen(m.id)}
          >
            <span class="mail-item__subject">{m.subject || '(no subject)'}</span>
            <time class="mail-item__time" dateTime={isoTime(m.receivedAt)}>
              {formatTime(m.receivedAt)}
            </time>
            <span class="mail-item__to">To: {m.to || '(no recipient)'}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
