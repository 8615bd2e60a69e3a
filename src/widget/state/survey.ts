/** The satisfaction survey after a chat: what the visitor answered goes to the server; loaded with the survey. */
import { asChatError, type ChatError } from '../backend/errors.ts';
import type { Chat } from './chat.ts';

/** Resolves with the error the visitor should read, or nothing once the server has the answers. */
export async function sendSurvey(chat: Chat, answers: Record<string, string>, comment: string): Promise<ChatError | undefined> {
  const conversation = chat.core.conversationId.value;
  if (!conversation) return undefined;
  try {
    await chat.core.backend.sendSurvey({ conversation, answers, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    return undefined;
  } catch (e) {
    return asChatError(e);
  }
}
