import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { TRANSCRIPT_SENT, requestTranscript } from '../../livechat/transcript.ts';
import { parseTranscriptBody } from '../../validation/schemas.ts';

export function registerTranscriptRoutes(api: Api, { store, mailer }: StandinContext): void {
  // Rocket.Chat 7.x: 5 transcripts a minute per client.
  api.post('livechat/transcript', { rateLimit: { calls: 5, windowMs: 60_000 }, sendsMail: true }, ({ body: rawBody }) => {
    const body = parseTranscriptBody(rawBody);
    requestTranscript(store, mailer, { ...body, subject: body.subject ?? undefined });
    return { message: TRANSCRIPT_SENT };
  });
}
