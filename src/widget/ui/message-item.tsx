import type { UiMessage } from '../state/message-store.ts';
import { language, t, type MessageKey } from '../i18n/index.ts';
import { Avatar } from './avatar.tsx';
import { formatTime } from './format.ts';
import { Icon, SENDING, SENT } from './icons.tsx';
import { MessageBody } from './message-body.tsx';
import { Name, showControls, withName } from './bidi.tsx';
import { systemText, type AgentLabel } from './message-text.ts';
import { lazy } from './lazy.tsx';

// Options (quick replies, list pickers) and files travel with their own chunks: most conversations never show one.
const MessageExtras = lazy(() => import('./message-extras.tsx').then((m) => m.MessageExtras));
const MessageFiles = lazy(() => import('./message-files.tsx').then((m) => m.MessageFiles));
// So does what an unsent message says (with the rest of what shows only when something is wrong).
const FailedNote = lazy(() => import('./trouble.tsx').then((m) => m.FailedNote));

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
  /** Its options may still be answered. */
  answerable?: boolean;
  onChoose?: (messageId: string, index: number) => void;
  /** The address of one of the conversation's files, to show or download it. */
  fileUrl?: (id: string) => Promise<string>;
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

export function MessageItem({ message: m, agentLabel, queued, first = true, avatar, onRetry, onEdit, answerable, onChoose, fileUrl }: MessageItemProps) {
  // Drawn again only when its own props change: the list renders again with every signal the panel
  // reads (typing, the agent, the connection), and on a slow phone redrawing the whole conversation each
  // time is a long task. A component that reads a signal is drawn by @preact/signals only when that
  // signal or one of its props changes, so the language is read here, whatever the message says; the
  // list's callbacks keep their identity for it (app.tsx keeps `agentLabel`).
  void language.value;
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
    <li class={`row ${mine ? 'row--mine' : 'row--theirs'}${first ? ' row--first' : ''}`}>
      {!mine && first && <Avatar name={author} src={avatar} />}
      <div class={`msg ${mine ? 'msg--mine' : 'msg--theirs'}${m.status === 'failed' ? ' msg--failed' : ''}`}>
        {/* Name and time once per group; screen readers still hear who wrote each message. */}
        {first ? (
          <p class="msg__meta">
            <Name class="msg__author">{author}</Name>
            {m.status === 'sent' && <time dateTime={new Date(m.at).toISOString()}>{formatTime(m.at)}</time>}
          </p>
        ) : (
          <span class="sr">
            <Name>{author}</Name>:{' '}
          </span>
        )}
        {m.text && (
          <div class="msg__body" dir="auto">
            <MessageBody text={m.text} plain={m.format === 'plain'} />
          </div>
        )}
        {m.choices && onChoose && <MessageExtras message={m} answerable={answerable === true} onChoose={onChoose} />}
        {m.attachments && fileUrl && <MessageFiles files={m.attachments} resolve={fileUrl} />}
        {mine && m.status !== 'failed' && <Receipt m={m} queued={queued} />}
        {m.editedAt !== undefined && <p class="msg__note">{t('message.edited')}</p>}
        {mine && m.status === 'failed' && <FailedNote message={m} onRetry={onRetry} onEdit={onEdit} />}
      </div>
    </li>
  );
}

