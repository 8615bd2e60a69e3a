import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import { errorText } from './error-text.ts';
import { formatTime } from './format.ts';
import { renderMarkdown } from './markdown.tsx';
import { systemText, type AgentLabel } from './message-text.ts';
import { lazy } from './lazy.tsx';

// Files travel with their own chunk: most conversations never show one.
const MessageFiles = lazy(() => import('./message-files.tsx').then((m) => m.MessageFiles));

export interface MessageItemProps {
  message: UiMessage;
  /** How to name the agent: their name, or "Agent" when the server hides identity. */
  agentLabel: AgentLabel;
  /** A message before this one failed, so this one waits. */
  queued: boolean;
  onRetry: (id: string) => void;
  onEdit: (id: string) => void;
  /** The address of one of the conversation's files, to show or download it. */
  fileUrl?: (id: string) => Promise<string>;
}

export function MessageItem({ message: m, agentLabel, queued, onRetry, onEdit, fileUrl }: MessageItemProps) {
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
      {m.text && <div class="msg__body">{renderMarkdown(m.text)}</div>}
      {m.attachments && fileUrl && <MessageFiles files={m.attachments} resolve={fileUrl} />}
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
