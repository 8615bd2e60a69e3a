import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import { errorText } from './error-text.ts';
import { formatTime } from './format.ts';
import { Name, showControls, withName } from './bidi.tsx';
import { renderMarkdown } from './markdown.tsx';
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
    const named = m.system === 'agent-joined' ? 'log.system.agentJoined' : m.system === 'agent-left' ? 'log.system.agentLeft' : undefined;
    return (
      <li class="msg msg--system">
        {named ? <span>{withName(named, agentLabel(m))}</span> : <span dir="auto">{showControls(systemText(m, agentLabel))}</span>}
      </li>
    );
  }
  const mine = m.from === 'visitor';
  const author = mine ? t('log.you') : agentLabel(m);
  return (
    <li class={`msg ${mine ? 'msg--mine' : 'msg--theirs'}${m.status === 'failed' ? ' msg--failed' : ''}`}>
      <p class="msg__meta">
        <Name class="msg__author">{author}</Name>
        {m.status === 'sent' && <time dateTime={new Date(m.at).toISOString()}>{formatTime(m.at)}</time>}
      </p>
      <div class="msg__body" dir="auto">
        {renderMarkdown(m.text)}
      </div>
      {m.editedAt !== undefined && <p class="msg__note">{t('message.edited')}</p>}
      {mine && m.status === 'sending' && <p class="msg__note">{t(queued ? 'message.queued' : 'message.sending')}</p>}
      {mine && m.status === 'failed' && (
        <div class="msg__failed">
          <p>
            {t('message.failed')} {m.error ? errorText(m.error) : ''} {m.retryAt !== undefined ? t('message.autoRetry') : ''}
          </p>
          <div class="msg__actions">
            <button type="button" class="link-button" onClick={() => onRetry(m.id)}>
              {t('message.retry')}
            </button>
            {m.retryAt === undefined && (
              <button type="button" class="link-button" onClick={() => onEdit(m.id)}>
                {t('message.edit')}
              </button>
            )}
          </div>
        </div>
      )}
    </li>
  );
}
