/**
 * Who serves a chat: Rocket.Chat's RoutingManager as far as Livechat needs it. Auto_Selection gives a
 * new or waiting chat to the least busy available agent who is under `Livechat_maximum_chats_per_agent`
 * (an Enterprise limit, honoured with the waiting queue on); Manual_Selection leaves it queued until an
 * agent takes it. Assigning posts `command connected` + `uj` and emits `agentData`; unassigning posts
 * `ul` for the agent who leaves and emits `agentData` with no data.
 */
import type { Store } from '../store/store.ts';
import type { Room, User } from '../store/types.ts';
import { agentInfo } from './agents.ts';

export function isAutoAssign(store: Store): boolean {
  return store.settings.Livechat_Routing_Method === 'Auto_Selection';
}

export function openChatsOf(store: Store, agentId: string): number {
  let n = 0;
  for (const r of store.rooms.values()) if (r.open && r.servedBy?._id === agentId) n++;
  return n;
}

/** Online, available agents (of the department, if one is named) who may take one more chat. */
export function freeAgents(store: Store, departmentId?: string): User[] {
  const s = store.settings;
  const limit = s.Livechat_waiting_queue ? s.Livechat_maximum_chats_per_agent : 0;
  const online = store.availableAgents(departmentId);
  return limit > 0 ? online.filter((a) => openChatsOf(store, a._id) < limit) : online;
}

/** The agent Auto_Selection would pick now; a department that does not exist has none. */
export function pickAgent(store: Store, departmentId?: string): User | undefined {
  if (departmentId && !store.departments.has(departmentId)) return undefined;
  const load = (a: User) => openChatsOf(store, a._id);
  return freeAgents(store, departmentId).sort((a, b) => load(a) - load(b))[0];
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

/** The serving agent leaves (`ul`, msg = username) and the room no longer has one. */
export function removeAgent(store: Store, room: Room): void {
  const old = room.servedBy ? store.users.get(room.servedBy._id) : undefined;
  delete room.servedBy;
  room.usersCount = 1;
  if (old) store.insertMessage({ rid: room._id, msg: old.username, t: 'ul', u: { _id: old._id, username: old.username, name: old.name }, groupable: false });
}

/** Back in the queue, in its (new) department: `unassignAgent(inquiry, departmentId, shouldQueue)`. */
export function requeue(store: Store, room: Room): void {
  const hadAgent = !!room.servedBy;
  if (hadAgent) removeAgent(store, room);
  const now = store.now();
  room.queuedAt = now;
  const inquiry = store.inquiries.get(room._id);
  if (inquiry) {
    inquiry.status = 'queued';
    inquiry.queuedAt = now;
    inquiry.department = room.departmentId;
  }
  // dispatchAgentDelegated(rid) with no agent: the visitor's widget drops the agent it showed.
  if (hadAgent) store.emit('livechatRoom', room._id, { type: 'agentData' });
}
