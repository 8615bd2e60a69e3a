import { formatTime, isoTime } from '../../shared/format-time.ts';
import { systemText, type ConsoleMessage } from '../state/messages.ts';
import { Bidi, shown } from '../../shared/bidi.tsx';

export interface MessageItemProps {
  message: ConsoleMessage;
  onRetry: (id: string) => void;
}

/** One message: system lines centred and small, the visitor on the left, the agent on the right. Text only. */
export function MessageItem({ message: m, onRetry }: MessageItemProps) {
  if (m.kind === 'system') {
    const text = systemText(m);
    if (text === undefined) return null;
    return (
      <li class="msg msg--system">
        <span>{shown(text)}</span> <time dateTime={isoTime(m.ts)}>{formatTime(m.ts)}</time>
      </li>
    );
  }
  return (
    <li class={`msg msg--${m.kind}${m.pending ? ' msg--pending' : ''}${m.error ? ' msg--failed' : ''}`}>
      <span class="visually-hidden">{m.kind === 'visitor' ? 'Visitor' : 'Agent'} </span>
      <span class="msg__meta">
        <Bidi class="msg__author" text={m.author} /> <time dateTime={isoTime(m.ts)}>{formatTime(m.ts)}</time>
        {m.edited && <span class="msg__edited"> (edited)</span>}
      </span>
      <span class="msg__bubble" dir="auto">
        {shown(m.text)}
      </span>
      {m.pending && <span class="msg__state">Sending…</span>}
      {m.error && (
        <span class="msg__state msg__state--error">
          Not sent ({m.error}).{' '}
          <button type="button" class="link-button" onClick={() => onRetry(m.id)}>
            Retry
          </button>
        </span>
      )}
    </li>
  );
}
