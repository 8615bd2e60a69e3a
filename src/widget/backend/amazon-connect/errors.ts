/**
 * Amazon Connect failures as the widget's error kinds (backend/errors.ts). The Participant Service
 * answers restJson1: the status, the name in `x-amzn-errortype` (maybe with a `:<uri>` suffix), else
 * in the body's `__type`/`code` (maybe `ns#Name`), the text in `message` or `Message` (contract §1.1).
 * The start-chat backend answers the samples' `{data:{Error}}`, ours with a `code`.
 */
import { ChatError, type ChatErrorKind } from '../errors.ts';

/** Names whose kind the status alone would not give (inside the samples' 500, or a 403 that is CORS). */
const KINDS: Record<string, ChatErrorKind> = {
  AccessDeniedException: 'unauthorized',
  ValidationException: 'invalid-params',
  ThrottlingException: 'rate-limited',
  ServiceQuotaExceededException: 'quota',
  LimitExceededException: 'quota',
  ConflictException: 'rejected',
  TranscriptEmailUnavailable: 'disabled',
  OriginNotAllowed: 'cors',
};

/** The rest by status (contract §1.1: 403 AccessDenied, 400 Validation, 429 Throttling, 402 ServiceQuotaExceeded, 409 Conflict, 404). */
const BY_STATUS: Record<number, ChatErrorKind> = { 400: 'invalid-params', 401: 'unauthorized', 402: 'quota', 403: 'unauthorized', 404: 'not-found', 409: 'rejected', 429: 'rate-limited' };

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The error's name: header first, then the body (as the AWS SDK reads it). */
export function errorName(header: string | null, body: unknown): string | undefined {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  // The samples' backend nests it: {data:{Error:{code|name}}}.
  const nested = (b.data as { Error?: Record<string, unknown> } | undefined)?.Error;
  const raw = str(header) ?? str(b.__type) ?? str(b.code) ?? str(nested?.code) ?? str(nested?.name);
  return raw?.split(':')[0]!.split('#').pop();
}

export function fromAws(status: number, header: string | null, body: unknown, retryAfterMs?: number): ChatError {
  const name = errorName(header, body);
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const nested = (b.data as { Error?: Record<string, unknown> } | undefined)?.Error;
  const text = str(b.message) ?? str(b.Message) ?? str(nested?.message) ?? `HTTP ${status}`;
  let kind: ChatErrorKind = (name && KINDS[name]) || BY_STATUS[status] || 'server';
  // Our backend names the bad field; an address it refuses is the visitor's to fix.
  if (kind === 'invalid-params' && nested?.field === 'Email') kind = 'invalid-email';
  const wait = retryAfterMs ?? (typeof nested?.retryAfterSeconds === 'number' ? nested.retryAfterSeconds * 1000 : undefined);
  return new ChatError(kind, text, { status, ...(name ? { code: name } : {}), ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
}

/**
 * Any failure of an HTTP call as a ChatError (http.ts loads this module when a call fails). By name: the
 * error classes stay in the panel, and errors can cross realms where instanceof fails.
 */
export async function toChatError(e: unknown): Promise<ChatError> {
  const name = (e as Error | undefined)?.name;
  if (name === 'HTTPError') {
    const res = (e as { response: Response }).response;
    let body: unknown;
    try {
      body = await res.clone().json();
    } catch {
      body = undefined;
    }
    const after = Number(res.headers.get('retry-after'));
    return fromAws(res.status, res.headers.get('x-amzn-errortype'), body, after > 0 ? after * 1000 : undefined);
  }
  if (name === 'TimeoutError') return new ChatError('timeout', 'timeout');
  return e instanceof ChatError ? e : new ChatError('network', e instanceof Error ? e.message : 'Network error');
}
