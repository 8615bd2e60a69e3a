/** Sending and reading messages (contract §4): visitor sends, agent sends, and history pages. */
import { MeteorError, PlainError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Message, Room, User, Visitor } from '../store/types.ts';
import { parseUrls } from './urls.ts';

/**
 * Rocket.Chat's `sendMessage` returns nothing when the `_id` already exists (PR #14945), and the route
 * then answers `{ success: false }`: a resend with the same id never stores a second copy.
 */
export function sendVisitorMessage(store: Store, visitor: Visitor, room: Room, msg: string, id?: string): Message | undefined {
  if (id && store.messageOf(id)) return undefined;
  const message = store.insertMessage({
    ...(id ? { _id: id } : {}),
    rid: room._id,
    msg,
    token: visitor.token,
    ...(visitor.name ? { alias: visitor.name } : {}),
    u: { _id: visitor._id, username: visitor.username, ...(visitor.name ? { name: visitor.name } : {}) },
    urls: parseUrls(msg),
    mentions: [],
    channels: [],
  });
  room.waitingResponse = true;
  return message;
}

export function sendAgentMessage(store: Store, agent: User, room: Room, msg: string, id?: string): Message {
  if (!room.open || room.servedBy?._id !== agent._id) throw new PlainError('error-not-allowed');
  // Rocket.Chat stores nothing for an `_id` that exists; answer with the stored copy so a resend is harmless.
  const existing = id ? store.messageOf(id) : undefined;
  if (existing) return existing;
  room.waitingResponse = false;
  return store.insertMessage({
    ...(id ? { _id: id } : {}),
    rid: room._id,
    msg,
    u: { _id: agent._id, username: agent.username, name: agent.name },
    urls: parseUrls(msg),
    mentions: [],
    channels: [],
  });
}

/**
 * `PUT livechat/message/:_id` (contract §4.3): only the visitor's own message, only while editing is
 * allowed. The edit keeps the `_id` and is broadcast again, so the widget upserts it.
 */
export function editVisitorMessage(store: Store, visitor: Visitor, message: Message, msg: string): Message {
  if (!store.settings.Message_AllowEditing || message.u._id !== visitor._id) {
    throw new MeteorError('error-action-not-allowed', 'Message editing not allowed', { method: 'livechatUpdateMessage' });
  }
  return store.updateMessage(message._id, {
    msg,
    urls: parseUrls(msg),
    editedAt: store.now(),
    editedBy: { _id: visitor._id, username: visitor.username },
  })!;
}

/** `DELETE livechat/message/:_id` (contract §4.4): same rule as editing, under `Message_AllowDeleting`. */
export function deleteVisitorMessage(store: Store, visitor: Visitor, message: Message): void {
  if (!store.settings.Message_AllowDeleting || message.u._id !== visitor._id) {
    throw new MeteorError('error-action-not-allowed', 'Message deleting not allowed', { method: 'livechatDeleteMessage' });
  }
  store.deleteMessage(message._id);
}

export function checkMessageLength(store: Store, msg: string): void {
  const s = store.settings;
  if (s.Livechat_enable_message_character_limit && msg.length > (s.Livechat_message_character_limit || s.Message_MaxAllowedSize)) {
    throw new PlainError('message-length-exceeds-character-limit');
  }
}

export interface HistoryQuery {
  end?: Date;
  limit: number;
  offset: number;
}

/** Visible messages newest first; `end` keeps those strictly older (Rocket.Chat's `$lt`). */
export function history(store: Store, rid: string, q: HistoryQuery): Message[] {
  const all = store.messagesOf(rid);
  // Binary search for the first message at or after `end`, so paging a long room stays cheap.
  let hi = all.length;
  if (q.end) {
    const end = q.end.getTime();
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (all[mid]!.ts.getTime() < end) lo = mid + 1;
      else hi = mid;
    }
  }
  const out: Message[] = [];
  let skipped = 0;
  for (let i = hi - 1; i >= 0 && out.length < q.limit; i--) {
    const m = all[i]!;
    if (m._hidden) continue;
    if (skipped < q.offset) {
      skipped++;
      continue;
    }
    out.push(m);
  }
  return out;
}

/** What `livechat/upload/:rid` may add from its form fields (`sendFileLivechatMessage`'s `msgData`). */
export interface FileMessageData {
  msg?: string;
  alias?: string;
  avatar?: string;
  emoji?: string;
}

/** The visitor's file message: `msg` empty unless given, not groupable, the upload in `file`/`files`/`attachments`. */
export function sendVisitorFileMessage(
  store: Store,
  visitor: Visitor,
  room: Room,
  parts: Pick<Message, 'file' | 'files' | 'attachments'>,
  data: FileMessageData,
): Message {
  const msg = data.msg ?? '';
  const message = store.insertMessage({
    rid: room._id,
    msg,
    ...parts,
    groupable: false,
    token: visitor.token,
    ...(visitor.name ? { alias: visitor.name } : {}),
    ...data,
    u: { _id: visitor._id, username: visitor.username, ...(visitor.name ? { name: visitor.name } : {}) },
    urls: parseUrls(msg),
    mentions: [],
    channels: [],
  });
  room.waitingResponse = true;
  return message;
}
