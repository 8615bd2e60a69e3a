import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import { errorText } from './error-text.ts';
import { formatTime } from './format.ts';
import { ALERT, Icon } from './icons.tsx';
import { MessageBody } from './message-body.tsx';
import { systemText, type AgentLabel } from './message-text.ts';

export interface MessageItemProps {
  message: UiMessage;
  /** How to name the agent: their name, or "Agent" when the server hides identity. */
  agentLabel: AgentLabel;
  /** A message before this one failed, so this one waits. */
  queued: boolean;
  onRetry: (id: string) => void;
  onEdit: (id: string) => void;
}

export function MessageItem({ message: m, agentLabel, queued, onRetry, onEdit }: MessageItemProps) {
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
    <li class={`msg ${mine ? 'msg--mine' : 'msg--theirs'}${m.status === 'failed' ? ' msg--failed' : ''}`}>
      <p class="msg__meta">
        <span class="msg__author">{author}</span>
        {m.status === 'sent' && <time dateTime={new Date(m.at).toISOString()}>{formatTime(m.at)}</time>}
      </p>
      <div class="msg__body">
        <MessageBody text={m.text} />
      </div>
      {m.editedAt !== undefined && <p class="msg__note">{t('message.edited')}</p>}
      {mine && m.status === 'sending' && <p class="msg__note">{t(queued ? 'message.queued' : 'message.sending')}</p>}
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
    </li>
  );
}
