/**
 * Amazon Connect transcript items in the console's message shape: the customer on one side, the agent
 * (and bots, and the contact flow) on the other, joins, leaves and the end as system lines.
 */
import type { TranscriptItem } from '../../../shared/amazon-connect/wire.ts';
import type { ConsoleMessage } from './messages.ts';

const EVENT = 'application/vnd.amazonaws.connect.event.';
const INTERACTIVE = 'application/vnd.amazonaws.connect.message.interactive';

/** An interactive template as words: its title and its options. */
function interactiveText(content: string | undefined): string {
  try {
    const t = JSON.parse(content ?? '') as { templateType?: string; data?: { content?: { title?: string; elements?: { title?: string }[] } } };
    const c = t.data?.content;
    const options = (c?.elements ?? []).map((e) => `[${e.title ?? ''}]`).join(' ');
    return `${c?.title ?? t.templateType ?? 'Interactive message'}${options ? ` ${options}` : ''}`;
  } catch {
    return content ?? '';
  }
}

/** The console's message for an item, or undefined for what an agent need not see (typing, receipts). */
export function fromItem(contactId: string, i: TranscriptItem): ConsoleMessage | undefined {
  if (!i.Id) return undefined;
  const base = { id: i.Id, rid: contactId, author: i.DisplayName ?? i.ParticipantRole ?? '', ts: new Date(i.AbsoluteTime ?? Date.now()) };
  if (i.Type === 'MESSAGE') {
    const text = i.ContentType === INTERACTIVE ? interactiveText(i.Content) : (i.Content ?? '');
    if (i.ParticipantRole === 'SYSTEM') return { ...base, kind: 'system', systemType: 'connect:system', text };
    return { ...base, kind: i.ParticipantRole === 'CUSTOMER' ? 'visitor' : 'agent', text };
  }
  if (i.Type === 'ATTACHMENT') {
    return { ...base, kind: i.ParticipantRole === 'CUSTOMER' ? 'visitor' : 'agent', text: (i.Attachments ?? []).map((a) => `📎 ${a.AttachmentName ?? 'file'}`).join(', ') };
  }
  if (i.Type !== 'EVENT') return undefined;
  const who = i.DisplayName ?? i.ParticipantRole ?? 'Someone';
  switch (i.ContentType) {
    case `${EVENT}participant.joined`:
      return { ...base, kind: 'system', systemType: 'connect:joined', text: `${who} joined the chat` };
    case `${EVENT}participant.left`:
      return { ...base, kind: 'system', systemType: 'connect:left', text: `${who} left the chat` };
    case `${EVENT}chat.ended`:
      return { ...base, kind: 'system', systemType: 'connect:ended', text: 'The chat ended' };
    default:
      return undefined;
  }
}
