/**
 * Rooms: open-or-create for a visitor (contract §3.1), routing to an agent, and closing by either side
 * (§3.2, §10.6). Every state change posts the system messages Rocket.Chat posts.
 */
import { randomId } from '../../shared/rocketchat/random-id.ts';
import { MeteorError, PlainError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Room, User, Visitor } from '../store/types.ts';
import { isOnlineAgent } from './agents.ts';
import { dispatchQueueStatus, processWaitingQueue } from './queue.ts';
import { assignAgent, isAutoAssign, pickAgent } from './routing.ts';

export { assignAgent } from './routing.ts';

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
  return pickAgent(store, departmentId);
}

/** Rocket.Chat's defaults for rooms without an Enterprise priority or SLA. */
export const PRIORITY_WEIGHT_NOT_SPECIFIED = 99_999;
export const ESTIMATED_WAITING_TIME_QUEUE_DEFAULT = 9_999_999;

function createRoom(store: Store, visitor: Visitor, req: RoomRequest): Room {
  const s = store.settings;
  if (!s.Livechat_enabled) throw new MeteorError('error-omnichannel-is-disabled');
  const departmentId = visitor.department;
  // An `agentId` that names an agent is a request for that agent: when they are not online and available
  // there is nobody to take the chat (contract §3.1 (a)); an id naming nobody is ignored.
  const requested = req.agentId ? store.users.get(req.agentId) : undefined;
  const preferred = requested && requested.roles.includes('livechat-agent') ? requested : undefined;
  // checkServiceStatus: someone must be online (busy is fine: the chat then waits in the queue).
  const someoneOnline = preferred ? isOnlineAgent(preferred) : store.availableAgents(departmentId).length > 0;
  if (!someoneOnline && !s.Livechat_accept_chats_with_no_agents) {
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
    queuedAt: now,
    priorityWeight: PRIORITY_WEIGHT_NOT_SPECIFIED,
    estimatedWaitingTimeQueue: ESTIMATED_WAITING_TIME_QUEUE_DEFAULT,
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
    queuedAt: now,
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
  if (isAutoAssign(store)) {
    const agent = preferred ? (isOnlineAgent(preferred) ? preferred : undefined) : pickAgent(store, departmentId);
    if (agent) assignAgent(store, room, agent);
  }
  if (!room.servedBy) dispatchQueueStatus(store, departmentId);
  return room;
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
  // Seconds, as Rocket.Chat stores it; the queue's wait estimate averages it over recent chats.
  room.metrics = { ...room.metrics, chatDuration: (now.getTime() - room.ts.getTime()) / 1000 };
  const wasQueued = store.inquiries.get(room._id)?.status === 'queued';
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
  // The agent has one chat fewer (the queue may move on), or a queued chat left the queue.
  if (room.servedBy) processWaitingQueue(store);
  if (wasQueued) dispatchQueueStatus(store, room.departmentId);
}
