/**
 * The Rocket.Chat calls that end something — finish the chat, email its transcript, leave a message while
 * nobody is online: a small chunk of their own, fetched on first use (or ahead, `prefetchEnding`, while
 * the visitor looks at the confirmation), so an open chat downloads none of them and finishing one
 * downloads no more than these.
 */
import type { OfflineMessage } from '../chat-backend.ts';
import type { ExtrasContext } from './visitor-extras.ts';

export async function closeChat(ctx: ExtrasContext, { conversation: rid }: { conversation: string }): Promise<void> {
  await ctx.call('POST livechat/room.close', { body: { token: ctx.token(), rid } });
}

export async function requestTranscript(ctx: ExtrasContext, { conversation: rid, email }: { conversation: string; email: string }): Promise<void> {
  await ctx.call('POST livechat/transcript', { body: { token: ctx.token(), rid, email } });
}

export async function sendOfflineMessage(ctx: ExtrasContext, { name, email, message, department }: OfflineMessage): Promise<void> {
  await ctx.call('POST livechat/offline.message', {
    body: { name, email, message, ...(department ? { department } : {}), host: location.origin },
  });
}
