/**
 * The waiting queue as Rocket.Chat Enterprise reports it to visitors (`ee/.../lib/Helper.ts`): a queued
 * inquiry's 0-based position among queued inquiries (of its department, if it has one; oldest first) is
 * sent as `queueData` on `stream-livechat-room` and as `config.queueInfo`:
 * `{ spot: position + 1, message: { text: waiting message, user: rocket.cat }, estimatedWaitTimeSeconds }`,
 * where the estimate is `((spot - 1) / N + 1) × average chatDuration of the N most recent closed chats`
 * (N = `Livechat_number_most_recent_chats_estimate_wait_time`), absent while there is no closed chat.
 */
import type { QueueInfo } from '../../shared/rocketchat/wire.ts';
import type { Store } from '../store/store.ts';
import type { Inquiry, Room } from '../store/types.ts';
import { assignAgent, isAutoAssign, pickAgent } from './routing.ts';

function queuedInquiries(store: Store, department?: string): Inquiry[] {
  const at = (i: Inquiry) => (i.queuedAt ?? i.ts).getTime();
  return [...store.inquiries.values()]
    .filter((i) => i.status === 'queued' && (!department || i.department === department))
    .sort((a, b) => at(a) - at(b));
}

function averageChatDuration(store: Store, department: string | undefined, n: number): number | undefined {
  const closed = [...store.rooms.values()]
    .filter((r) => !r.open && r.closedAt && r.metrics?.chatDuration !== undefined && (!department || r.departmentId === department))
    .sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime())
    .slice(0, n);
  if (closed.length === 0) return undefined;
  return closed.reduce((sum, r) => sum + r.metrics!.chatDuration!, 0) / closed.length;
}

function waitingMessage(store: Store, department?: string): string {
  const d = department ? store.departments.get(department) : undefined;
  return d?.waitingQueueMessage || store.settings.Livechat_waiting_queue_message;
}

export function normalizeQueueInfo(store: Store, position: number, department?: string): QueueInfo {
  const n = store.settings.Livechat_number_most_recent_chats_estimate_wait_time;
  const avg = averageChatDuration(store, department, n);
  const spot = position + 1;
  const info: QueueInfo = { spot, message: { text: waitingMessage(store, department), user: { _id: 'rocket.cat', username: 'rocket.cat' } } };
  if (n && avg) info.estimatedWaitTimeSeconds = ((spot - 1) / n + 1) * avg;
  return info;
}

/** `getLivechatQueueInfo(room)` for `livechat/config` (Enterprise): null unless the room waits in the queue. */
export function queueInfoFor(store: Store, room: Room | undefined): QueueInfo | null {
  const s = store.settings;
  if (!room || !s.Livechat_waiting_queue || !s.Omnichannel_calculate_dispatch_service_queue_statistics) return null;
  const inquiry = store.inquiries.get(room._id);
  if (!inquiry || inquiry.status !== 'queued') return null;
  const position = queuedInquiries(store, room.departmentId).indexOf(inquiry);
  return position < 0 ? null : normalizeQueueInfo(store, position, room.departmentId);
}

/**
 * `dispatchInquiryPosition` computes the place at once and emits it a second later, which gives a widget
 * that has just opened its room time to subscribe before it is told its place.
 */
export const QUEUE_EVENT_DELAY_MS = 1000;

/**
 * `dispatchWaitingQueueStatus(department)`: every queued chat of the department learns its place. Rocket.Chat
 * also debounces the whole dispatch by 1.2 s; the stand-in does not, so every change is reported.
 */
export function dispatchQueueStatus(store: Store, department?: string): void {
  const s = store.settings;
  if (store.edition !== 'enterprise') return;
  if (!s.Livechat_waiting_queue && !s.Omnichannel_calculate_dispatch_service_queue_statistics) return;
  queuedInquiries(store, department).forEach((inquiry, position) => {
    const data = normalizeQueueInfo(store, position, inquiry.department);
    setTimeout(() => store.emit('livechatRoom', inquiry.rid, { type: 'queueData', data }), QUEUE_EVENT_DELAY_MS).unref();
  });
}

/**
 * `processWaitingQueue` (Enterprise, waiting queue on): with Auto_Selection, queued chats go to agents who
 * became free, oldest first. Without it a chat that found nobody stays unassigned until an agent takes it
 * (Community keeps it "ready", as RoutingManager.delegateInquiry says).
 */
export function processWaitingQueue(store: Store, department?: string): void {
  if (!isAutoAssign(store) || !store.settings.Livechat_waiting_queue || store.edition !== 'enterprise') return;
  let assigned = false;
  for (const inquiry of queuedInquiries(store, department)) {
    const room = store.rooms.get(inquiry.rid);
    const agent = room?.open ? pickAgent(store, inquiry.department) : undefined;
    if (!room || !agent) continue;
    assignAgent(store, room, agent);
    assigned = true;
  }
  if (assigned) dispatchQueueStatus(store, department);
}
