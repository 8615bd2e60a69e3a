/**
 * For the demo only: lets one person try the widget without a second window playing the agent. While
 * enabled, the first available agent "types" and answers each visitor message through the same store
 * events a real agent's replies go through. The agent console switches it off.
 */
import { sendAgentMessage } from '../livechat/messages.ts';
import type { Store } from '../store/store.ts';
import type { Message } from '../store/types.ts';

const REPLIES = [
  'Thanks for reaching out! How can I help you today?',
  'Got it. Let me check that for you.',
  'That makes sense. Anything else you would like to know?',
  'Happy to help. You can also ask for the transcript when we are done.',
];

export function startDemoBot(store: Store, state: { enabled: boolean }, delayMs = 900): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const count = new Map<string, number>();
  const onMessage = (m: Message) => {
    if (!state.enabled || m.t || !m.token) return;
    const room = store.rooms.get(m.rid);
    const agent = room?.servedBy ? store.users.get(room.servedBy._id) : undefined;
    if (!room?.open || !agent) return;
    const n = count.get(room._id) ?? 0;
    count.set(room._id, n + 1);
    store.emit('notifyRoom', room._id, 'user-activity', [agent.username, ['user-typing'], {}]);
    const t = setTimeout(() => {
      timers.delete(t);
      store.emit('notifyRoom', room._id, 'user-activity', [agent.username, [], {}]);
      if (room.open && state.enabled) sendAgentMessage(store, agent, room, REPLIES[n % REPLIES.length]!);
    }, delayMs);
    timers.add(t);
  };
  store.on('message', onMessage);
  return () => {
    store.off('message', onMessage);
    for (const t of timers) clearTimeout(t);
  };
}
