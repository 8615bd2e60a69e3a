/**
 * A visitor moves their open chat to another department (Rocket.Chat's `transfer` → `forwardRoomToDepartment`):
 * the department must exist and differ; Manual_Selection puts the chat back in the queue of the new
 * department; Auto_Selection gives it to an agent of that department, and refuses with
 * `error-no-agents-online-in-department` when the serving agent would stay the same (no other free agent).
 * Each transfer leaves a `livechat_transfer_history` message (u = the visitor, with their token).
 * `Livechat_allow_switching_departments` only tells the widget whether to offer it: Rocket.Chat's server
 * does not refuse the route when it is off, and neither does the stand-in.
 */
import type { TransferData } from '../../shared/rocketchat/wire.ts';
import { PlainError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Message, Room, Visitor } from '../store/types.ts';
import { dispatchQueueStatus } from './queue.ts';
import { assignAgent, isAutoAssign, pickAgent, requeue } from './routing.ts';

function saveTransferHistory(store: Store, room: Room, data: Omit<TransferData<Date>, 'ts'>, token?: string): Message {
  const { _id, username } = data.transferredBy;
  return store.insertMessage({
    rid: room._id,
    msg: '',
    t: 'livechat_transfer_history',
    u: { _id, username },
    groupable: false,
    ...(token ? { token } : {}),
    transferData: { ...data, ts: store.now() },
  });
}

/** Returns false for a closed room (`forwardRoomToDepartment` does), throws Rocket.Chat's errors otherwise. */
export function transferToDepartment(store: Store, room: Room, visitor: Visitor, departmentId: string): boolean {
  const department = store.departments.get(departmentId);
  if (!department) throw new PlainError('error-invalid-department');
  if (!room.open) return false;
  if (!store.inquiries.has(room._id)) throw new PlainError('error-transferring-inquiry');
  const oldDepartment = room.departmentId;
  if (oldDepartment === departmentId) throw new PlainError('error-forwarding-chat-same-department');

  const transferredBy = { _id: visitor._id, username: visitor.username, ...(visitor.name ? { name: visitor.name } : {}), userType: 'visitor' as const };
  const data: Omit<TransferData<Date>, 'ts'> = {
    transferredBy,
    scope: 'department',
    ...(oldDepartment ? { previousDepartment: oldDepartment } : {}),
    nextDepartment: { _id: department._id, name: department.name },
  };

  if (!isAutoAssign(store)) {
    saveTransferHistory(store, room, data, room.v.token);
    room.departmentId = departmentId;
    requeue(store, room);
  } else {
    const oldAgent = room.servedBy ? store.users.get(room.servedBy._id) : undefined;
    const next = pickAgent(store, departmentId);
    if (room.servedBy && (!next || next._id === room.servedBy._id)) throw new PlainError('error-no-agents-online-in-department');
    if (next) assignAgent(store, room, next);
    saveTransferHistory(store, room, data, room.v.token);
    if (oldAgent && next) {
      store.insertMessage({ rid: room._id, msg: oldAgent.username, t: 'ul', u: { _id: oldAgent._id, username: oldAgent.username, name: oldAgent.name }, groupable: false });
    }
    room.departmentId = departmentId;
    const inquiry = store.inquiries.get(room._id);
    if (inquiry) inquiry.department = departmentId;
  }
  dispatchQueueStatus(store, oldDepartment);
  dispatchQueueStatus(store, departmentId);
  return true;
}

/** `findLivechatTransferHistory`: the `transferData` of the room's transfer messages, oldest first. */
export function transferHistory(store: Store, rid: string): TransferData<Date>[] {
  return store
    .messagesOf(rid)
    .filter((m) => m.t === 'livechat_transfer_history' && m.transferData)
    .map((m) => m.transferData as TransferData<Date>);
}
