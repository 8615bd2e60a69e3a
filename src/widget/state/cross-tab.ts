/**
 * Another tab of the same site changed the session (started a chat, finished it, started a new one, or
 * the page switched visitors): follow it, so every tab shows one conversation. Loaded the first time
 * another tab writes.
 */
import type { Visitor } from '../backend/chat-backend.ts';
import type { Chat, Ended } from './chat.ts';

export async function adoptFromStorage(c: Chat['core']): Promise<void> {
  const { storage } = c;
  const nextWho = c.backend.visitorToken?.get() ?? '';
  const nextId = storage.get<string>('rid');
  const nextEnded = storage.get<Ended>('ended');
  if (nextWho !== c.who()) {
    // Read before the reset, which clears (and so unstores) this tab's visitor.
    const nextVisitor = storage.get<Visitor>('visitor');
    c.resetSession();
    c.setWho(nextWho);
    c.visitor.value = nextVisitor;
    if (nextWho) await c.load();
    return;
  }
  if (!c.visitor.value) c.visitor.value = storage.get<Visitor>('visitor');
  if (nextId !== c.conversationId.value) {
    c.stopWatch();
    c.batch(() => {
      c.conversationId.value = nextId;
      c.ended.value = nextEnded;
      c.historyComplete.value = false;
      c.transcript.value = { status: 'idle' };
      c.store.clear();
    });
    if (nextId && !nextEnded) c.startWatch();
    await c.syncHistory();
    return;
  }
  if (nextEnded && !c.ended.value) c.markEnded(nextEnded.by, nextEnded.transcriptRequested);
}
