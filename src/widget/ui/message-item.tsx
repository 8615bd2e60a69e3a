import type { UiMessage } from '../state/message-store.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { Avatar } from './avatar.tsx';
import { errorText } from './error-text.ts';
import { formatTime } from './format.ts';
import { ALERT, Icon, SENDING, SENT } from './icons.tsx';
import { MessageBody } from './message-body.tsx';
import { systemText, type AgentLabel } from './message-text.ts';

export interface MessageItemProps {
  message: UiMessage;
  /** How to name the agent: their name, or "Agent" when the server hides identity. */
  agentLabel: AgentLabel;
  /** A message before this one failed, so this one waits. */
  queued: boolean;
  /** The first of consecutive messages from one sender: it carries the name, time and avatar. */
  first?: boolean;
  /** The agent's picture (absent when the server hides agent identity, or has none). */
  avatar?: string;
  onRetry: (id: string) => void;
  onEdit: (id: string) => void;
}

/** How far a message of the visitor's has got: an icon, with its words for screen readers. */
function Receipt({ m, queued }: { m: UiMessage; queued: boolean }) {
  const key: MessageKey =
    m.status === 'sending' ? (queued ? 'message.queued' : 'message.sending') : m.receipt ? `message.${m.receipt}` : 'message.sent';
  // A clock while on its way; one tick at the server; two once delivered (solid once read).
  return (
    <span class={`msg__receipt msg__receipt--${m.receipt ?? m.status}`}>
      <Icon d={m.status === 'sending' ? SENDING : SENT} />
      {m.receipt && <Icon d={SENT} />}
      <span class="sr">{t(key)}</span>
    </span>
  );
}

export function MessageItem({ message: m, agentLabel, queued, first = true, avatar, onRetry, onEdit }: MessageItemProps) {
  if (m.from === 'system') {
    return (
      <li class="msg msg--system">
        <span>{systemText(m, agentLabel)}</span>
      </li>
    );
  }
  const mine = m.from === 'visitor';
  const author = mine ? t('log.you') : agentLabel(m);
  return (
    <li class={`row ${mine ? 'row--mine' : 'row--theirs'}${first ? ' row--first' : ''}`}>
      {!mine && first && <Avatar name={author} src={avatar} />}
      <div class={`msg ${mine ? 'msg--mine' : 'msg--theirs'}${m.status === 'failed' ? ' msg--failed' : ''}`}>
        {/* Name and time once per group; screen readers still hear who wrote each message. */}
        {first ? (
          <p class="msg__meta">
            <span class="msg__author">{author}</span>
            {m.status === 'sent' && <time dateTime={new Date(m.at).toISOString()}>{formatTime(m.at)}</time>}
          </p>
        ) : (
          <span class="sr">{author}: </span>
        )}
        <div class="msg__body">
          <MessageBody text={m.text} plain={m.format === 'plain'} />
        </div>
        {mine && m.status !== 'failed' && <Receipt m={m} queued={queued} />}
        {m.editedAt !== undefined && <p class="msg__note">{t('message.edited')}</p>}
        {mine && m.status === 'failed' && (
          // One thing to say and one to do: "Not sent — Retry". The reason only when retrying alone will
          // not help (too long, chat finished…), and then Edit too.
          <p class="msg__failed">
            <Icon d={ALERT} />
            {t('message.failed')}
            {m.retryAt === undefined && m.error ? `: ${errorText(m.error)}` : ''} —
            <button type="button" class="link-button" onClick={() => onRetry(m.id)}>
              {t('message.retry')}
            </button>
            {m.retryAt === undefined && (
              <button type="button" class="link-button" onClick={() => onEdit(m.id)}>
                {t('message.edit')}
              </button>
            )}
          </p>
        )}
      </div>
    </li>
  );
}
