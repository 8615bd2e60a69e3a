/**
 * Rocket.Chat failures as the widget's error kinds (backend/errors.ts): the codes of 7.x and 8.x bodies
 * are mapped here and nowhere else.
 */
import { ChatError, type ChatErrorKind } from '../errors.ts';
import type { ProbeResult } from './rest-client.ts';

/** Server codes (Rocket.Chat 7.x and 8.x spellings) by kind. */
const CODES: [ChatErrorKind, string][] = [
  ['invalid-params', 'invalid-params|error-invalid-params|error-invalid-department'],
  ['invalid-email', 'error-invalid-email|invalid email'],
  ['unauthorized', 'invalid-token|error-invalid-token|error-invalid-visitor|error-unauthorized|error-forbidden'],
  ['not-found', 'invalid-room|error-invalid-room|invalid-message|invalid-agent'],
  ['room-closed', 'room-closed|error-room-already-closed|This_conversation_is_already_closed'],
  ['no-agent', 'no-agent-online|error-no-agents-online-in-department'],
  ['disabled', 'error-omnichannel-is-disabled|error-file-upload-disabled'],
  ['too-long', 'message-length-exceeds-character-limit'],
  ['rate-limited', 'error-too-many-requests'],
  ['file-too-large', 'error-file-too-large'],
  ['file-type', 'error-type-not-allowed'],
];
const CODE_KINDS = new Map<string, ChatErrorKind>(CODES.flatMap(([kind, codes]) => codes.split('|').map((c) => [c, kind] as const)));

/**
 * The code of a Rocket.Chat failure body: `errorType` when present, else the `[code]` suffix of `error`,
 * else `error` itself (plain `Error('invalid-token')` bodies carry only that), else `reason`.
 */
export function errorCode(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { errorType?: unknown; error?: unknown; reason?: unknown };
  if (typeof b.errorType === 'string') return b.errorType;
  // `API.v1.failure({ reason })` bodies (uploads refused) carry only a reason.
  if (typeof b.error !== 'string') return typeof b.reason === 'string' ? b.reason : undefined;
  const bracket = /\[([^\]]+)\]\s*$/.exec(b.error);
  return bracket ? bracket[1] : b.error;
}

/** Build a ChatError from an HTTP status and a parsed body (either Rocket.Chat generation's shape). */
export function fromHttp(status: number, body: unknown, retryAfterMs?: number): ChatError {
  const code = errorCode(body);
  const text = body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
    ? (body as { error: string }).error
    : `HTTP ${status}`;
  const mapped = code ? CODE_KINDS.get(code) : undefined;
  let kind: ChatErrorKind;
  if (status === 429 || mapped === 'rate-limited') kind = 'rate-limited';
  else if (mapped) kind = mapped;
  else if (status === 401 || status === 403) kind = 'unauthorized';
  else if (status === 413) kind = 'too-long';
  else if (status >= 500) kind = 'server';
  else if (status === 400 && body && typeof body === 'object' && (body as { success?: unknown }).success === false && !code) kind = 'rejected';
  else kind = 'server';
  return new ChatError(kind, text, { status, ...(code ? { code } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}

/**
 * How long a 429 asks us to wait: `Retry-After` (seconds or date), `X-RateLimit-Reset` (epoch ms), or
 * Rocket.Chat's "You must wait N seconds" text — the body is the only one readable cross-origin, since
 * Rocket.Chat does not expose those headers to CORS callers.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, body: unknown, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, (reset < 1e11 ? reset * 1000 : reset) - now);
  const text = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  const m = typeof text === 'string' ? /wait (\d+) seconds?/.exec(text) : null;
  return m ? Number(m[1]) * 1000 : undefined;
}

// By name: the classes stay in the panel (importing them here would split the panel's shared code into a
// chunk of its own), and errors can cross realms (frames, test runners) where instanceof fails anyway.
const isHTTPError = (e: unknown): e is { response: Response } => (e as Error | undefined)?.name === 'HTTPError';
const isTimeoutError = (e: unknown): boolean => (e as Error | undefined)?.name === 'TimeoutError';

/** Any failure of a REST call as a ChatError (rest-client.ts loads this module when a call fails). */
export async function toChatError(e: unknown, serverUrl: string, probe: () => Promise<ProbeResult>): Promise<ChatError> {
  if (isHTTPError(e)) {
    let body: unknown;
    try {
      body = await e.response.clone().json();
    } catch {
      body = undefined;
    }
    return fromHttp(e.response.status, body, retryAfterMs(e.response.headers, body));
  }
  if (isTimeoutError(e)) return new ChatError('timeout', 'The server took too long to answer');
  if (e instanceof ChatError) return e;
  // fetch rejects with the same TypeError for "offline", "connection reset" and "CORS refused". Only a
  // refusal is deterministic: if a plain CORS request to the server fails too while an opaque one gets
  // through, the server is up and refusing this origin; anything else was the network. (The probe and
  // the site owner's explanation are their own chunk: most failures never need them.)
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (!offline && (await probe().catch(() => 'unreachable' as const)) === 'refused') {
    await import('./cors-probe.ts').then((m) => m.explainCors(serverUrl), () => undefined);
    return new ChatError('cors', 'The chat server refused this website (CORS)');
  }
  return new ChatError('network', e instanceof Error ? e.message : 'Network error');
}
