/**
 * Another tab of the same site changed the session (started a chat, finished it, started a new one, or
 * the page switched visitors): follow it, so every tab shows one conversation. Loaded the first time
 * another tab writes.
 */
import type { Visitor } from '../backend/chat-backend.ts';
import type { Chat, Ended } from './chat.ts';

export async function adoptFromStorage(c: Chat['core']): Promise<void> {
  const { storage } = c;
  const nextToken = storage.get<string>('token') ?? '';
  const nextRid = storage.get<string>('rid');
  const nextEnded = storage.get<Ended>('ended');
  if (nextToken !== c.token.value) {
    c.resetSession();
    c.batch(() => {
      c.token.value = nextToken;
      c.visitor.value = storage.get<Visitor>('visitor');
    });
    if (nextToken) await c.load();
    return;
  }
  if (!c.visitor.value) c.visitor.value = storage.get<Visitor>('visitor');
  if (nextRid !== c.roomId.value) {
    c.stopWatch();
    c.batch(() => {
      c.roomId.value = nextRid;
      c.ended.value = nextEnded;
      c.historyComplete.value = false;
      c.transcript.value = { status: 'idle' };
      c.store.clear();
    });
    if (nextRid && !nextEnded) c.startWatch();
    await c.syncHistory();
    return;
  }
  if (nextEnded && !c.ended.value) c.markEnded(nextEnded.by, nextEnded.transcriptRequested);
}
