/**
 * JSON over HTTP for the Connect adapter, through ky: the Participant Service (bearer `X-Amz-Bearer`),
 * the site owner's start-chat backend and its transcript route. Every failure leaves as a ChatError.
 * Participant calls are retried on 429 and 5xx with jittered backoff, as the AWS SDK does: each carries
 * a ClientToken or only reads, so a retry never stores anything twice. The backend's routes are not
 * (a second start would open a second contact): the state layer decides.
 */
import ky, { HTTPError, TimeoutError } from 'ky';
import { ChatError } from '../errors.ts';
import { fromAws } from './errors.ts';

export interface HttpOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Automatic retries of a participant call (429, 5xx, network). */
  retries?: number;
}

export type Post = <T>(url: string, body: unknown, headers?: Record<string, string>) => Promise<T>;

async function toError(e: unknown): Promise<ChatError> {
  if (e instanceof HTTPError || (e as Error | undefined)?.name === 'HTTPError') {
    const res = (e as HTTPError).response;
    let body: unknown;
    try {
      body = await res.clone().json();
    } catch {
      body = undefined;
    }
    const after = Number(res.headers.get('retry-after'));
    return fromAws(res.status, res.headers.get('x-amzn-errortype'), body, after > 0 ? after * 1000 : undefined);
  }
  if (e instanceof TimeoutError || (e as Error | undefined)?.name === 'TimeoutError') return new ChatError('timeout', 'timeout');
  return e instanceof ChatError ? e : new ChatError('network', e instanceof Error ? e.message : 'Network error');
}

export function createPost(retries: number, o: HttpOptions): Post {
  const http = ky.create({
    timeout: o.timeoutMs ?? 15_000,
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry: { limit: retries, methods: ['post'], statusCodes: [429, 500, 502, 503, 504], delay: (n) => 300 * 2 ** n * (1 + Math.random()) },
  });
  return async (url, body, headers) => {
    try {
      // Read as text: an empty answer (DisconnectParticipant's) is `{}` here, not a parse error.
      const text = await http.post(url, { json: body, ...(headers ? { headers } : {}) }).text();
      return text ? JSON.parse(text) : {};
    } catch (e) {
      throw await toError(e);
    }
  };
}
