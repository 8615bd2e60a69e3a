/**
 * An in-memory `ConsoleClient` for the agent console's component tests: canned rooms and history, a
 * record of what the console sent, and handles on the live watches so a test can push messages and
 * typing as the DDP stream would.
 */
import type { RoomWatchHandlers } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireMessage, WireRoom } from '../../src/shared/rocketchat/wire.ts';
import type { ConsoleClient } from '../../src/demo/agent-console/state/client.ts';

export const VISITOR = { _id: 'V1', username: 'guest-1', token: 'tok-1' };
export const AGENT = { _id: 'A1', username: 'agent', name: 'Ana Agent' };

export function makeRoom(overrides: Partial<WireRoom> = {}): WireRoom {
  return {
    _id: 'R1',
    t: 'l',
    fname: 'Jane Visitor',
    msgs: 1,
    usersCount: 2,
    ts: '2026-11-21T10:00:00.000Z',
    _updatedAt: '2026-11-21T10:00:00.000Z',
    lm: '2026-11-21T10:01:00.000Z',
    v: { ...VISITOR },
    open: true,
    waitingResponse: true,
    servedBy: { _id: AGENT._id, username: AGENT.username, ts: '2026-11-21T10:00:00.000Z' },
    ...overrides,
  };
}

let seq = 0;
export function visitorMsg(text: string, overrides: Partial<WireMessage> = {}): WireMessage {
  seq++;
  return {
    _id: `vm${seq}`,
    rid: 'R1',
    msg: text,
    ts: new Date(Date.UTC(2026, 10, 21, 10, 0, seq)).toISOString(),
    _updatedAt: new Date(Date.UTC(2026, 10, 21, 10, 0, seq)).toISOString(),
    u: { _id: VISITOR._id, username: VISITOR.username, name: 'Jane Visitor' },
    token: VISITOR.token,
    alias: 'Jane Visitor',
    ...overrides,
  };
}

export function agentMsg(text: string, overrides: Partial<WireMessage> = {}): WireMessage {
  seq++;
  return {
    _id: `am${seq}`,
    rid: 'R1',
    msg: text,
    ts: new Date(Date.UTC(2026, 10, 21, 10, 0, seq)).toISOString(),
    _updatedAt: new Date(Date.UTC(2026, 10, 21, 10, 0, seq)).toISOString(),
    u: { ...AGENT },
    ...overrides,
  };
}

/** What DDP delivers: the same message with Date objects (EJSON decoded). */
export function live(m: WireMessage): WireMessage<Date> {
  const { editedAt, ...rest } = m;
  return { ...rest, ts: new Date(m.ts), _updatedAt: new Date(m._updatedAt), ...(editedAt ? { editedAt: new Date(editedAt) } : {}) };
}

export class FakeAgentClient implements ConsoleClient {
  username = '';
  name = '';
  roomList: WireRoom[] = [makeRoom()];
  historyByRoom = new Map<string, WireMessage[]>();
  watches = new Map<string, Set<RoomWatchHandlers>>();
  sent: { rid: string; msg: string; id: string | undefined }[] = [];
  closed: { rid: string; comment: string | undefined }[] = [];
  typingCalls: boolean[] = [];
  /** Set to make the next call of that kind fail. */
  failLogin: unknown;
  failSend: unknown;
  failRooms: unknown;

  async login(user: string, password: string): Promise<void> {
    if (this.failLogin) throw this.failLogin;
    if (user !== 'agent' || password !== 'agent-pass') throw new Error('bad credentials');
    this.username = AGENT.username;
    this.name = AGENT.name;
  }
  async logout(): Promise<void> {}
  async rooms(): Promise<WireRoom[]> {
    if (this.failRooms) throw this.failRooms;
    return this.roomList.filter((r) => r.open !== false);
  }
  async history(room: Pick<WireRoom, '_id'>): Promise<WireMessage[]> {
    // Newest first, as Rocket.Chat answers.
    return [...(this.historyByRoom.get(room._id) ?? [])].reverse();
  }
  async take(): Promise<void> {}
  async send(rid: string, msg: string, id?: string): Promise<WireMessage> {
    this.sent.push({ rid, msg, id });
    if (this.failSend) throw this.failSend;
    return agentMsg(msg, { rid, ...(id ? { _id: id } : {}) });
  }
  async close(rid: string, comment?: string): Promise<void> {
    this.closed.push({ rid, comment });
  }
  async connect(): Promise<void> {}
  watchRoom(rid: string, handlers: RoomWatchHandlers): () => void {
    const set = this.watches.get(rid) ?? new Set();
    set.add(handlers);
    this.watches.set(rid, set);
    return () => set.delete(handlers);
  }
  async typing(_rid: string, isTyping: boolean): Promise<void> {
    this.typingCalls.push(isTyping);
  }
  disconnect(): void {}

  /** Push a message down every live watch of its room. */
  emit(m: WireMessage): void {
    for (const h of this.watches.get(m.rid) ?? []) h.onMessage?.(live(m));
  }
  emitTyping(rid: string, username: string, typing: boolean): void {
    for (const h of this.watches.get(rid) ?? []) h.onTyping?.(username, typing);
  }
}
