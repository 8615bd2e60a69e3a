/** Moving the conversation to another department mid-chat (the options menu's "Change department"); loaded on use. */
import { asChatError, type ChatError } from '../backend/errors.ts';
import type { Chat } from './chat.ts';

/** Resolves with the error the visitor should read, or nothing once the server has moved the chat. */
export async function changeDepartment(chat: Chat, department: string): Promise<ChatError | undefined> {
  const c = chat.core;
  const conversation = c.conversationId.value;
  if (!conversation) return undefined;
  try {
    await c.backend.transferChat({ conversation, department });
    // The transfer's own line, and the new agent (or a place in the queue), arrive on the live feed.
    c.department.value = department;
    return undefined;
  } catch (e) {
    return asChatError(e);
  }
}
