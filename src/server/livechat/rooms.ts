/**
 * Rooms: open-or-create for a visitor (contract §3.1), routing to an agent, and closing by either side
 * (§3.2, §10.6). Every state change posts the system messages Rocket.Chat posts.
 */
import { randomId } from '../../shared/rocketchat/random-id.ts';
import { MeteorError, PlainError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Room, User, Visitor } from '../store/types.ts';
import { agentInfo, isOnlineAgent } from './agents.ts';

export const ROCKET_CAT = { _id: 'rocket.cat', username: 'rocket.cat', name: 'Rocket.Cat' } as const;

export function findRoom(store: Store, token: string, rid: string): Room | undefined {
  const room = store.rooms.get(rid);
  return room && room.t === 'l' && room.v.token === token ? room : undefined;
}

export interface RoomRequest {
  rid?: string;
  agentId?: string;
  isWidget: boolean;
  host?: string;
}

export function getRoom(store: Store, visitor: Visitor, req: RoomRequest): { room: Room; newRoom: boolean } {
  if (req.rid) {
    const room = findRoom(store, visitor.token, req.rid);
    if (!room || !room.open) throw new PlainError('invalid-room');
    return { room, newRoom: false };
  }
  const open = store.openRoomsOf(visitor.token)[0];
  if (open) return { room: open, newRoom: false };
  return { room: createRoom(store, visitor, req), newRoom: true };
}

/** The agent routing would pick next (`livechat/agent.next`); a department that does not exist has none. */
export function nextAgent(store: Store, departmentId: string | undefined): User | undefined {
  if (departmentId && !store.departments.has(departmentId)) return undefined;
  return pickAgent(store, departmentId);
}

function pickAgent(store: Store, departmentId: string | undefined): User | undefined {
  const available = store.availableAgents(departmentId);
  // Auto_Selection gives the chat to the available agent with the fewest open chats.
  const load = (a: User) => [...store.rooms.values()].filter((r) => r.open && r.servedBy?._id === a._id).length;
  return available.sort((a, b) => load(a) - load(b))[0];
}

function createRoom(store: Store, visitor: Visitor, req: RoomRequest): Room {
  const s = store.settings;
  if (!s.Livechat_enabled) throw new MeteorError('error-omnichannel-is-disabled');
  const departmentId = visitor.department;
  // An `agentId` that names an agent is a request for that agent: when they are not online and available
  // there is nobody to take the chat (contract §3.1 (a)); an id naming nobody is ignored.
  const requested = req.agentId ? store.users.get(req.agentId) : undefined;
  const candidate =
    requested && requested.roles.includes('livechat-agent')
      ? isOnlineAgent(requested)
        ? requested
        : undefined
      : pickAgent(store, departmentId);
  if (!candidate && !s.Livechat_accept_chats_with_no_agents) {
    throw new MeteorError('no-agent-online', 'Sorry, no online agents');
  }

  const now = store.now();
  const room: Room = {
    _id: randomId(),
    msgs: 0,
    usersCount: 1,
    lm: now,
    fname: visitor.name || visitor.username,
    t: 'l',
    ts: now,
    departmentId,
    v: { _id: visitor._id, username: visitor.username, token: visitor.token, status: visitor.status ?? 'online' },
    cl: false,
    open: true,
    waitingResponse: true,
    source: req.isWidget ? { type: 'widget', destination: req.host } : { type: 'api' },
    _updatedAt: now,
  };
  store.rooms.set(room._id, room);
  store.inquiries.set(room._id, {
    _id: randomId(),
    rid: room._id,
    name: room.fname ?? visitor.username,
    token: visitor.token,
    status: 'queued',
    ts: now,
    department: departmentId,
  });
  visitor.lastChat = { _id: room._id, ts: now };
  store.insertMessage({
    rid: room._id,
    msg: '',
    t: 'livechat-started',
    u: { _id: visitor._id, username: visitor.username },
    token: visitor.token,
    groupable: false,
  });
  if (candidate && s.Livechat_Routing_Method === 'Auto_Selection') assignAgent(store, room, candidate);
  return room;
}

/** Gives a room to an agent: `servedBy`, the inquiry taken, `command connected` + `uj`, and `agentData`. */
export function assignAgent(store: Store, room: Room, agent: User): void {
  room.servedBy = { _id: agent._id, username: agent.username, ts: store.now() };
  room.usersCount = 2;
  const inquiry = store.inquiries.get(room._id);
  if (inquiry) inquiry.status = 'taken';
  const u = { _id: agent._id, username: agent.username, name: agent.name };
  store.insertMessage({ rid: room._id, msg: 'connected', t: 'command', u, groupable: false });
  store.insertMessage({ rid: room._id, msg: '', t: 'uj', u, groupable: false });
  store.emit('livechatRoom', room._id, { type: 'agentData', data: agentInfo(store, agent) });
}

export interface Closer {
  kind: 'visitor' | 'user';
  _id: string;
  username: string;
  name?: string;
  token?: string;
}

/** Closes an open room: room fields, inquiry gone, `livechat-close` (+ `promptTranscript` when enabled). */
export function closeRoom(store: Store, room: Room, closer: Closer, comment: string): void {
  const s = store.settings;
  const now = store.now();
  delete room.open;
  room.closedAt = now;
  room.closer = closer.kind;
  room.closedBy = { _id: closer._id, username: closer.username };
  room.waitingResponse = false;
  store.inquiries.delete(room._id);
  const transcriptRequested = !s.Livechat_enable_transcript && s.Livechat_transcript_send_always;
  const close = store.insertMessage({
    rid: room._id,
    msg: comment,
    t: 'livechat-close',
    u: { _id: closer._id, username: closer.username, ...(closer.name ? { name: closer.name } : {}) },
    ...(closer.token ? { token: closer.token } : {}),
    groupable: false,
    transcriptRequested,
  });
  room.closingMessage = { _id: close._id, msg: comment, ts: close.ts };
  if (s.Livechat_enable_transcript && !s.Livechat_transcript_send_always) {
    store.insertMessage({ rid: room._id, msg: 'promptTranscript', t: 'command', u: close.u, groupable: false });
  }
}
