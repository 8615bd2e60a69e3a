/**
 * Pure conversions from Amazon Connect transcript items (the same shape over REST and the websocket,
 * contract §1.2) to the widget's domain: messages, system lines, typing, receipts, who the agent is,
 * and the end of the chat. Events are told apart by ContentType, as chatjs does.
 */
import type { AttachmentItem, TranscriptItem } from '../../../shared/amazon-connect/wire.ts';
import type { Agent, Attachment, ChatMessage, Choice, Receipt, SystemEvent } from '../chat-backend.ts';

const EVENT = 'application/vnd.amazonaws.connect.event.';
const INTERACTIVE = 'application/vnd.amazonaws.connect.message.interactive';
/** Templates whose elements are answers the visitor picks (a Panel is a short list picker). */
const PICKERS = new Set(['ListPicker', 'QuickReply', 'Panel']);

/** What one item means to the widget (several parts at once: a join is a line and a new agent). */
export interface Adapted {
  message?: ChatMessage;
  /** Someone else is typing: their name. */
  typing?: string;
  receipt?: { id: string; receipt: Receipt };
  /** An agent joined (or, as null, left). */
  agent?: Agent | null;
  ended?: boolean;
}

/** Who "we" are: our participant, and whether we are the ones leaving (so the end is ours). */
export interface Me {
  participantId: string;
  leaving?: boolean | undefined;
}

const staff = (role: string | undefined) => role === 'AGENT' || role === 'CUSTOM_BOT' || role === 'SUPERVISOR';

/** Delivered / read by someone other than us. */
export function receiptOf(meta: TranscriptItem['MessageMetadata'], me: Me): Receipt | undefined {
  let best: Receipt | undefined;
  for (const r of meta?.Receipts ?? []) {
    if (r.RecipientParticipantId === me.participantId) continue;
    if (r.ReadTimestamp) return 'read';
    if (r.DeliveredTimestamp) best = 'delivered';
  }
  return best;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text ?? '');
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const s = (v: unknown) => (typeof v === 'string' ? v : '');

/** An interactive template (contract §1.2): its title as text, and the options of a picker. */
function interactive(content: string | undefined): Pick<ChatMessage, 'text' | 'choices'> {
  const json = parseJson(content);
  const body = (json?.data as { content?: Record<string, unknown> } | undefined)?.content ?? {};
  const text = [s(body.title), s(body.subtitle)].filter(Boolean).join('\n');
  const choices: Choice[] = [];
  if (!PICKERS.has(s(json?.templateType)) || !Array.isArray(body.elements)) return { text };
  for (const e of body.elements as Record<string, unknown>[]) {
    // Hyperlinks and paging actions of a list are not answers.
    if (!e || typeof e !== 'object' || !s(e.title) || e.actionDetail || e.type === 'hyperlink') continue;
    choices.push({ title: s(e.title), subtitle: s(e.subtitle) || undefined });
  }
  return choices.length ? { text, choices } : { text };
}

function attachment(a: AttachmentItem): Attachment {
  return {
    id: a.AttachmentId ?? '',
    name: a.AttachmentName || 'file',
    type: a.ContentType,
    status: a.Status === 'REJECTED' ? 'rejected' : a.Status === 'IN_PROGRESS' ? 'pending' : undefined,
  };
}

function line(item: TranscriptItem, system: SystemEvent, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: item.Id ?? '',
    text: item.Content ?? '',
    at: Date.parse(item.AbsoluteTime ?? '') || 0,
    from: 'system',
    system,
    systemType: item.ContentType ?? '',
    author: { username: item.ParticipantId ?? '', name: item.DisplayName },
    ...extra,
  };
}

export function adaptItem(item: TranscriptItem, me: Me): Adapted {
  const type = item.ContentType ?? '';
  const role = item.ParticipantRole;
  const mine = item.ParticipantId === me.participantId;
  if (item.Type === 'MESSAGEMETADATA') {
    const receipt = receiptOf(item.MessageMetadata, me);
    const id = item.MessageMetadata?.MessageId;
    return receipt && id ? { receipt: { id, receipt } } : {};
  }
  if (item.Type === 'MESSAGE' || item.Type === 'ATTACHMENT') {
    if (!item.Id) return {};
    // The contact flow's own messages ("Please wait…") read as lines of the conversation, not as an agent.
    if (role === 'SYSTEM') return { message: line(item, 'other', { format: 'plain' }) };
    const receipt = receiptOf(item.MessageMetadata, me);
    const body =
      item.Type === 'ATTACHMENT'
        ? { text: '', attachments: (item.Attachments ?? []).map(attachment) }
        : type === INTERACTIVE
          ? { ...interactive(item.Content), format: 'plain' as const }
          : { text: item.Content ?? '', ...(type === 'text/markdown' ? {} : { format: 'plain' as const }) };
    return {
      message: {
        id: item.Id,
        at: Date.parse(item.AbsoluteTime ?? '') || 0,
        from: mine || role === 'CUSTOMER' ? 'visitor' : 'agent',
        author: { username: item.ParticipantId ?? '', name: item.DisplayName },
        ...body,
        ...(receipt ? { receipt } : {}),
      },
    };
  }
  if (item.Type !== 'EVENT' || !type.startsWith(EVENT) || !item.Id) return {};
  switch (type.slice(EVENT.length)) {
    case 'typing':
      return mine ? {} : { typing: item.DisplayName || '' };
    case 'participant.joined':
      if (!staff(role)) return { message: line(item, 'other', { hidden: true }) };
      return {
        message: line(item, 'agent-joined'),
        ...(role === 'SUPERVISOR' ? {} : { agent: { username: item.ParticipantId ?? '', name: item.DisplayName } }),
      };
    case 'participant.left':
      if (!staff(role)) return { message: line(item, 'other', { hidden: true }) };
      return { message: line(item, 'agent-left'), ...(role === 'SUPERVISOR' ? {} : { agent: null }) };
    case 'chat.ended':
      return { message: line(item, 'chat-closed', { closedBy: me.leaving ? 'visitor' : 'agent', transcriptRequested: false }), ended: true };
    case 'transfer.succeeded':
      return { message: line(item, 'transfer') };
    default:
      // Receipts, idle/returned, name changes, acknowledgements: nothing a visitor reads.
      return {};
  }
}
