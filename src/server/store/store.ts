/**
 * In-memory collections plus the change feed the realtime layer listens to. Business rules live in
 * ../livechat/*; this module only keeps documents consistent (indexes, counters, ordering).
 */
import { EventEmitter } from 'node:events';
import { randomId } from '../../shared/rocketchat/random-id.ts';
import type { LivechatRoomEvent } from '../../shared/rocketchat/ddp.ts';
import { DEFAULT_SETTINGS, type Settings } from '../settings.ts';
import type { StorePersistence } from './persistence.ts';
import { TrackedMap } from './tracked-map.ts';
import type {
  CustomField,
  Department,
  Inquiry,
  Message,
  OfflineMessage,
  Room,
  TranscriptRequest,
  Trigger,
  Upload,
  User,
  Visitor,
} from './types.ts';

export interface StoreEvents {
  /** A message was inserted or updated (edits reuse the `_id`). */
  message: [message: Message];
  /** `stream-notify-room` event `<rid>/<event>`; `origin` lets the realtime layer skip the sender. */
  notifyRoom: [rid: string, event: string, args: unknown[], origin?: unknown];
  livechatRoom: [rid: string, event: LivechatRoomEvent];
  /** A user's auth tokens were revoked (logout): realtime drops their sessions. */
  logout: [userId: string];
  /** A user signed in or out of a live (DDP) session, or changed their status or availability. */
  presence: [userId: string];
}

export class Store extends EventEmitter<StoreEvents> {
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  edition: 'enterprise' | 'community' = 'enterprise';
  // Tracked, so that a data directory can keep what changed (persistence.ts); plain Maps otherwise.
  readonly visitors = new TrackedMap<string, Visitor>();
  readonly rooms = new TrackedMap<string, Room>();
  readonly users = new TrackedMap<string, User>();
  readonly inquiries = new TrackedMap<string, Inquiry>();
  readonly departments = new TrackedMap<string, Department>();
  readonly customFields = new TrackedMap<string, CustomField>();
  readonly transcripts: TranscriptRequest[] = [];
  readonly offlineMessages: OfflineMessage[] = [];
  readonly uploads = new TrackedMap<string, Upload>();
  readonly triggers = new TrackedMap<string, Trigger>();
  private readonly visitorByToken = new Map<string, string>();
  private readonly roomMessages = new Map<string, Message[]>();
  private readonly messageById = new Map<string, Message>();
  private lastTs = 0;
  /** Set when the store lives in a data directory (persistence.ts). */
  persistence: StorePersistence | undefined;

  constructor() {
    super();
    // Each DDP session listens; a busy demo must not print "possible memory leak".
    this.setMaxListeners(0);
  }

  /** Runs a request's work; with a data directory, what it changed is on disk before this settles. */
  durably<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.persistence) return this.persistence.durably(fn);
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Runs `fn` once every change made so far is on disk (at once without a data directory). */
  afterDurable(fn: () => void): void {
    if (this.persistence) this.persistence.afterDurable(fn);
    else fn();
  }

  /** Strictly increasing clock, so messages in one room never share a timestamp and order is stable. */
  now(): Date {
    this.lastTs = Math.max(Date.now(), this.lastTs + 1);
    return new Date(this.lastTs);
  }

  // ---- visitors ---------------------------------------------------------------------------------

  visitorByTokenOf(token: string): Visitor | undefined {
    const id = this.visitorByToken.get(token);
    return id ? this.visitors.get(id) : undefined;
  }

  saveVisitor(v: Visitor): void {
    const previous = this.visitors.get(v._id);
    if (previous && previous.token !== v.token) this.visitorByToken.delete(previous.token);
    this.visitors.set(v._id, v);
    this.visitorByToken.set(v.token, v._id);
  }

  deleteVisitor(id: string): void {
    const v = this.visitors.get(id);
    if (!v) return;
    this.visitors.delete(id);
    this.visitorByToken.delete(v.token);
  }

  nextGuestNumber(): number {
    const n = this.settings.Livechat_guest_count;
    this.settings.Livechat_guest_count = n + 1;
    return n;
  }

  // ---- rooms ------------------------------------------------------------------------------------

  openRoomsOf(token: string): Room[] {
    const out: Room[] = [];
    // Scan without touching every room; only the ones handed out may be changed by the caller.
    for (const r of this.rooms.rawValues()) if (r.open && r.v.token === token) out.push(r);
    for (const r of out) this.rooms.get(r._id);
    return out;
  }

  deleteRoom(rid: string): void {
    for (const m of this.roomMessages.get(rid) ?? []) this.messageById.delete(m._id);
    for (const [id, u] of this.uploads) if (u.rid === rid) this.uploads.delete(id);
    this.roomMessages.delete(rid);
    this.rooms.delete(rid);
    this.inquiries.delete(rid);
  }

  // ---- messages ---------------------------------------------------------------------------------

  messageOf(id: string): Message | undefined {
    return this.messageById.get(id);
  }

  /** Messages of a room in ascending `ts` order. The array is the store's own: do not mutate it. */
  messagesOf(rid: string): readonly Message[] {
    return this.roomMessages.get(rid) ?? [];
  }

  insertMessage(input: Omit<Message, '_id' | 'ts' | '_updatedAt'> & { _id?: string }): Message {
    const ts = this.now();
    const message: Message = { ...input, _id: input._id ?? randomId(), ts, _updatedAt: ts };
    let list = this.roomMessages.get(message.rid);
    if (!list) this.roomMessages.set(message.rid, (list = []));
    list.push(message);
    this.messageById.set(message._id, message);
    const room = this.rooms.get(message.rid);
    if (room) {
      room.msgs += message.t ? 0 : 1;
      room.lm = ts;
      room._updatedAt = ts;
    }
    this.emit('message', message);
    return message;
  }

  updateMessage(id: string, patch: Partial<Pick<Message, 'msg' | 'urls' | 'editedAt' | 'editedBy'>>): Message | undefined {
    const m = this.messageById.get(id);
    if (!m) return undefined;
    Object.assign(m, patch, { _updatedAt: this.now() });
    this.emit('message', m);
    return m;
  }

  /** Removes a message; listeners on `stream-notify-room` `<rid>/deleteMessage` learn its `_id`. */
  deleteMessage(id: string): boolean {
    const m = this.messageById.get(id);
    if (!m) return false;
    this.messageById.delete(id);
    const list = this.roomMessages.get(m.rid);
    const at = list ? list.indexOf(m) : -1;
    if (list && at >= 0) list.splice(at, 1);
    this.emit('notifyRoom', m.rid, 'deleteMessage', [{ _id: id }]);
    return true;
  }

  /** Every message, in the order they were inserted (per room, ascending `ts`). */
  allMessages(): IterableIterator<Message> {
    return this.messageById.values();
  }

  /** Puts back a message read from a data directory: no event, no room counters (the room has them). */
  restoreMessage(m: Message): void {
    const existing = this.messageById.get(m._id);
    if (existing) {
      Object.assign(existing, m);
    } else {
      let list = this.roomMessages.get(m.rid);
      if (!list) this.roomMessages.set(m.rid, (list = []));
      list.push(m);
      this.messageById.set(m._id, m);
    }
    // The clock must stay ahead of everything stored, so order survives a restart.
    this.lastTs = Math.max(this.lastTs, m.ts.getTime(), m._updatedAt?.getTime() ?? 0);
  }

  /** Removes a message read back as deleted, without an event. */
  forgetMessage(id: string): void {
    const m = this.messageById.get(id);
    if (!m) return;
    this.messageById.delete(id);
    const list = this.roomMessages.get(m.rid);
    const at = list ? list.indexOf(m) : -1;
    if (list && at >= 0) list.splice(at, 1);
  }

  /**
   * Forget every visitor and everything of theirs (rooms, inquiries, messages, uploads), keeping agents,
   * departments and settings: what an in-memory server restarted without its data knows (`/_standin/restart`).
   */
  forgetConversations(): void {
    for (const id of [...this.rooms.keys()]) this.deleteRoom(id);
    for (const id of [...this.visitors.keys()]) this.deleteVisitor(id);
    this.messageById.clear();
    this.roomMessages.clear();
  }

  // ---- users ------------------------------------------------------------------------------------

  userByUsernameOrEmail(login: string): User | undefined {
    const needle = login.toLowerCase();
    for (const u of this.users.values()) {
      if (u.username.toLowerCase() === needle || u.emails.some((e) => e.address.toLowerCase() === needle)) return u;
    }
    return undefined;
  }

  userByToken(userId: string, authToken: string): User | undefined {
    const u = this.users.get(userId);
    return u && u.authTokens.includes(authToken) ? u : undefined;
  }

  availableAgents(departmentId?: string): User[] {
    const dept = departmentId ? this.departments.get(departmentId) : undefined;
    return [...this.users.values()].filter(
      (u) =>
        u.roles.includes('livechat-agent') &&
        u.status !== 'offline' &&
        u.statusLivechat === 'available' &&
        (!dept || dept.agentIds.includes(u._id)),
    );
  }
}
