/**
 * The console's view of a room's messages, and the pure operations on it: normalise what REST (ISO
 * dates) and DDP (Date objects) deliver, and upsert by `_id` so history, the live stream and our own
 * optimistic sends never show the same message twice.
 */
import type { WireMessage } from '../../../shared/rocketchat/wire.ts';

export type MessageKind = 'visitor' | 'agent' | 'system';

export interface ConsoleMessage {
  id: string;
  rid: string;
  kind: MessageKind;
  /** Untrusted text: render as text, never as HTML. */
  text: string;
  author: string;
  ts: Date;
  systemType?: string;
  edited?: boolean;
  /** Our own message on its way to the server. */
  pending?: boolean;
  /** Our own message the server refused; `error` says why. */
  error?: string;
}

export type AnyWireMessage = WireMessage<string> | WireMessage<Date>;

/** What decides a message's side: the room's visitor, as far as the console knows it. */
export interface RoomVisitor {
  _id: string;
  token: string;
}

function toDate(v: string | Date | undefined): Date {
  if (v instanceof Date) return v;
  const d = v ? new Date(v) : new Date(NaN);
  return Number.isNaN(d.getTime()) ? new Date() : d;
}

export function toConsoleMessage(m: AnyWireMessage, visitor: RoomVisitor): ConsoleMessage {
  const kind: MessageKind = m.t ? 'system' : m.token || m.u._id === visitor._id ? 'visitor' : 'agent';
  const author = (m.token ? m.alias : undefined) || m.u.name || m.u.username;
  return {
    id: m._id,
    rid: m.rid,
    kind,
    text: m.msg,
    author,
    ts: toDate(m.ts),
    ...(m.t ? { systemType: m.t } : {}),
    ...(m.editedAt ? { edited: true } : {}),
  };
}

/**
 * Insert or replace by id, keeping the list in time order. A server copy replaces a pending one
 * (same client-chosen `_id`), so an optimistic message turns into the real one in place.
 */
export function upsertMessage(list: readonly ConsoleMessage[], m: ConsoleMessage): ConsoleMessage[] {
  const i = list.findIndex((x) => x.id === m.id);
  if (i >= 0) {
    const next = list.slice();
    next[i] = m;
    return next;
  }
  const next = [...list, m];
  // Usually appended in order; sort only when something arrived late (history after live events).
  const prev = list[list.length - 1];
  if (prev && prev.ts.getTime() > m.ts.getTime()) next.sort((a, b) => a.ts.getTime() - b.ts.getTime());
  return next;
}

export function upsertAll(list: readonly ConsoleMessage[], incoming: readonly ConsoleMessage[]): ConsoleMessage[] {
  return incoming.reduce<ConsoleMessage[]>((acc, m) => upsertMessage(acc, m), list.slice());
}

/**
 * The line a system message shows as, or `undefined` for plumbing the agent doesn't need to see
 * (`command` frames such as "connected" and "promptTranscript").
 */
export function systemText(m: ConsoleMessage): string | undefined {
  switch (m.systemType) {
    case 'livechat-started':
      return 'Chat started';
    case 'livechat-close':
      return m.text ? `Chat closed by ${m.author}: “${m.text}”` : `Chat closed by ${m.author}`;
    case 'uj':
      return `${m.author} joined the chat`;
    case 'ul':
      return `${m.text || m.author} left the chat`;
    case 'au':
      return `${m.text || m.author} was added`;
    case 'livechat_navigation_history':
      return `Visitor is on ${m.text}`;
    case 'livechat_transfer_history':
    case 'livechat_transfer_history_fallback':
      return 'Chat transferred';
    case 'livechat_transcript_history':
      return 'Transcript requested';
    case 'command':
      return undefined;
    default:
      return m.text || m.systemType;
  }
}
