import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { TRANSCRIPT_SENT, requestTranscript } from '../../livechat/transcript.ts';
import { parseTranscriptBody } from '../../validation/schemas.ts';

export function registerTranscriptRoutes(api: Api, { store, mailer }: StandinContext): void {
  api.post('livechat/transcript', {}, ({ body: rawBody }) => {
    const body = parseTranscriptBody(rawBody);
    requestTranscript(store, mailer, { ...body, subject: body.subject ?? undefined });
    return { message: TRANSCRIPT_SENT };
  });
}
