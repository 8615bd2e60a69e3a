import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import { formatTime } from './format.ts';
import { RichText } from './rich-text.tsx';
import { Name, showControls, withName } from './bidi.tsx';
import { systemText, type AgentLabel } from './message-text.ts';
import { lazy } from './lazy.tsx';

// Options and files travel with their own chunk: most conversations never show one.
const MessageExtras = lazy(() => import('./message-extras.tsx').then((m) => m.MessageExtras));
// So does what an unsent message says (with the rest of what shows only when something is wrong).
const FailedNote = lazy(() => import('./trouble.tsx').then((m) => m.FailedNote));

export interface MessageItemProps {
  message: UiMessage;
  /** How to name the agent: their name, or "Agent" when the server hides identity. */
  agentLabel: AgentLabel;
  /** A message before this one failed, so this one waits. */
  queued: boolean;
  onRetry: (id: string) => void;
  onEdit: (id: string) => void;
  /** Its options may still be answered. */
  answerable?: boolean;
  onChoose?: (messageId: string, index: number) => void;
  onOpenFile?: (attachmentId: string) => void;
}

export function MessageItem({ message: m, agentLabel, queued, onRetry, onEdit, answerable, onChoose, onOpenFile }: MessageItemProps) {
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
        {mine && m.receipt && (
          // Ticks for the eye, a word for screen readers.
          <span class={`receipt receipt--${m.receipt}`}>
            <span aria-hidden="true">{m.receipt === 'read' ? '✓✓' : '✓'}</span>
            <span class="sr">{t(m.receipt === 'read' ? 'message.read' : 'message.delivered')}</span>
          </span>
        )}
      </p>
      <div class="msg__body" dir="auto">
        {m.format === 'plain' ? showControls(m.text) : <RichText text={m.text} />}
      </div>
      {(m.choices || m.attachments) && onChoose && onOpenFile && (
        <MessageExtras message={m} answerable={answerable === true} onChoose={onChoose} onOpenFile={onOpenFile} />
      )}
      {m.editedAt !== undefined && <p class="msg__note">{t('message.edited')}</p>}
      {mine && m.status === 'sending' && !queued && <p class="msg__note">{t('message.sending')}</p>}
      {mine && (m.status === 'failed' || queued) && <FailedNote message={m} queued={queued} onRetry={onRetry} onEdit={onEdit} />}
    </li>
  );
}
