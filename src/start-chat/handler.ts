/**
 * The reference start-chat backend as one function from a plain request to a plain response, so that the
 * same code runs as a Lambda handler (lambda.ts), a Node HTTP server (node-server.ts) and inside the
 * stand-in. Routes, relative to where it is mounted:
 *   POST /start-chat        → StartChatContact; `{data:{startChatResult, featurePermissions, transcriptEmail}}`
 *   POST /transcript-email  → mails the kept transcript of a chat this backend started
 * Failures follow the samples' `{data:{Error}}` (500 when Connect refused; 4xx for the page's own mistakes).
 */
import { timingSafeEqual } from 'node:crypto';
import type { StartChatConfig } from './config.ts';
import { corsHeaders, originAllowed, preflightHeaders } from './cors.ts';
import { startChatContact } from './start-chat.ts';
import { TranscriptKeeper } from './transcript/keeper.ts';
import { sendMail } from './transcript/mailer.ts';
import { HourlyLimit } from './transcript/rate-limit.ts';
import { renderTranscript } from './transcript/render.ts';
import { validateStartChat, validateTranscriptEmail } from './validate.ts';

export interface HttpRequest {
  method: string;
  /** Path relative to the mount point (`/start-chat`). */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
  /** `http://127.0.0.1:<port>` the request arrived on, for `connectEndpoint: 'self'`. */
  localOrigin?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface StartChatBackend {
  handle(req: HttpRequest): Promise<HttpResponse>;
  close(): void;
}

const MAX_BODY = 16 * 1024;

export function createStartChatBackend(config: StartChatConfig, options: { WebSocket?: new (url: string) => WebSocket } = {}): StartChatBackend {
  const keeper = config.transcript.enabled
    ? new TranscriptKeeper({ keepMinutes: config.transcript.keepMinutes, ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}) })
    : undefined;
  const perContact = new HourlyLimit(config.transcript.perContactPerHour);
  const perAddress = new HourlyLimit(config.transcript.perAddressPerHour);

  async function handle(req: HttpRequest): Promise<HttpResponse> {
    const origin = req.headers.origin;
    const cors = corsHeaders(origin, config.allowedOrigins);
    const json = (status: number, body: unknown, extra: Record<string, string> = {}): HttpResponse => ({
      status,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...cors, ...extra },
      body: JSON.stringify(body),
    });
    const error = (status: number, e: Record<string, unknown>, extra?: Record<string, string>) => json(status, { data: { Error: e } }, extra);
    const route = req.path.replace(/\/+$/, '') || '/';
    if (route !== '/start-chat' && route !== '/' && route !== '/transcript-email') return error(404, { code: 'NotFound', message: 'No such route.' });
    if (req.method === 'OPTIONS') {
      const headers = preflightHeaders(origin, config.allowedOrigins, req.headers['access-control-request-headers']);
      return { status: headers['Access-Control-Allow-Origin'] ? 204 : 403, headers, body: '' };
    }
    if (!originAllowed(origin, config.allowedOrigins)) return error(403, { code: 'OriginNotAllowed', message: `${origin} may not start chats here.` });
    if (req.method !== 'POST') return error(405, { code: 'MethodNotAllowed', message: 'Use POST.' }, { Allow: 'POST, OPTIONS' });
    if (Buffer.byteLength(req.body) > MAX_BODY) return error(413, { code: 'TooLarge', message: `The body is over ${MAX_BODY} bytes.` });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return error(415, { code: 'UnsupportedMediaType', message: 'Send JSON (Content-Type: application/json).' });
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return error(400, { code: 'InvalidJson', message: 'The body is not valid JSON.' });
    }
    return route === '/transcript-email' ? transcriptEmail(body, error, json) : startChat(body, req, error, json);
  }

  async function startChat(body: unknown, req: HttpRequest, error: ErrorFn, json: JsonFn): Promise<HttpResponse> {
    const checked = validateStartChat(body, config);
    if (!checked.ok) return error(400, { ...checked.error });
    const endpoint = config.connectEndpoint === 'self' ? req.localOrigin : config.connectEndpoint;
    let result;
    try {
      result = await startChatContact(config, checked.value, endpoint);
    } catch (e) {
      const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
      console.error('[start-chat] StartChatContact failed:', err.name, err.message);
      return error(500, { code: err.name ?? 'Error', message: err.message ?? 'StartChatContact failed', statusCode: err.$metadata?.httpStatusCode, requestId: err.$metadata?.requestId });
    }
    const startChatResult = { ContactId: result.ContactId!, ParticipantId: result.ParticipantId!, ParticipantToken: result.ParticipantToken! };
    if (keeper) {
      const participantEndpoint =
        config.participantEndpoint === 'self' ? req.localOrigin! : (config.participantEndpoint ?? `https://participant.connect.${config.region}.amazonaws.com`);
      const tracking = keeper.track({ contactId: startChatResult.ContactId, participantToken: startChatResult.ParticipantToken, displayName: checked.value.displayName, participantEndpoint });
      // Its socket is subscribed before the visitor can say anything; a slow Participant Service delays no chat.
      await Promise.race([tracking, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    }
    return json(200, {
      data: {
        startChatResult,
        featurePermissions: { MESSAGING_MARKDOWN: checked.value.contentTypes.includes('text/markdown'), ATTACHMENTS: config.attachments },
        transcriptEmail: !!keeper,
      },
    });
  }

  async function transcriptEmail(body: unknown, error: ErrorFn, json: JsonFn): Promise<HttpResponse> {
    const smtp = typeof config.transcript.smtp === 'function' ? config.transcript.smtp() : config.transcript.smtp;
    if (!keeper || !smtp) return error(501, { code: 'TranscriptEmailUnavailable', message: 'This backend does not send transcripts.' });
    const checked = validateTranscriptEmail(body);
    if (!checked.ok) return error(400, { ...checked.error });
    const { contactId, participantToken, email } = checked.value;
    const kept = keeper.get(contactId);
    // The ParticipantToken proves the visitor owns the chat; either failure reads the same, to reveal nothing.
    if (!kept || !sameSecret(kept.participantToken, participantToken)) return error(404, { code: 'ChatNotFound', message: 'No chat with this ContactId and ParticipantToken.' });
    const addressKey = email.toLowerCase();
    const waitContact = perContact.take(contactId);
    const waitAddress = waitContact ? 0 : perAddress.take(addressKey);
    if (waitContact || waitAddress) {
      if (!waitContact) perContact.undo(contactId);
      const seconds = waitContact || waitAddress;
      return error(429, { code: 'RateLimited', message: 'Too many transcript emails; try again later.', retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
    }
    try {
      const chat = (await keeper.settle(contactId)) ?? kept;
      const mail = renderTranscript(chat, config.transcript.subject);
      await sendMail(smtp, { from: config.transcript.from, to: { name: chat.displayName, address: email }, subject: config.transcript.subject, text: mail.text, html: mail.html });
      return json(200, { data: { status: 'sent', messageCount: mail.count, chatEnded: chat.ended } });
    } catch (e) {
      perContact.undo(contactId);
      perAddress.undo(addressKey);
      console.error('[start-chat] transcript email failed:', e instanceof Error ? e.message : e);
      return error(502, { code: 'MailFailed', message: 'The transcript could not be sent; try again.', retryable: true });
    }
  }

  return { handle, close: () => keeper?.close() };
}

type ErrorFn = (status: number, e: Record<string, unknown>, extra?: Record<string, string>) => HttpResponse;
type JsonFn = (status: number, body: unknown, extra?: Record<string, string>) => HttpResponse;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
