/**
 * "Forget my data": the server erases the visitor (their conversations, messages and files), then the
 * widget forgets everything it kept on this device and starts clean. Loaded when the visitor confirms.
 */
import { asChatError, type ChatError } from '../backend/errors.ts';
import type { Chat } from './chat.ts';
import { DB } from './kept-files.ts';

/** Resolves with the error the visitor should read, or nothing once they are forgotten. */
export async function forgetVisitor(chat: Chat): Promise<ChatError | undefined> {
  const c = chat.core;
  const open = c.conversationId.value;
  // Rocket.Chat refuses to erase a visitor with an open chat (unless its privacy setting allows it): finish it first.
  if (open && !c.ended.value) await c.backend.closeChat({ conversation: open }).catch(() => undefined);
  try {
    await c.backend.removeVisitor();
  } catch (e) {
    return asChatError(e);
  }
  c.batch(() => {
    c.resetSession();
    c.guest.value = {};
    c.draft.value = '';
  });
  c.setWho('');
  for (const key of c.sessionKeys) c.storage.remove(key);
  // Files kept for a resend after a reload.
  try {
    indexedDB.deleteDatabase(DB);
  } catch {
    // No IndexedDB: nothing was kept there.
  }
  return undefined;
}
