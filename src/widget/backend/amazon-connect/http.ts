/**
 * JSON over HTTP for the Connect adapter, through the shared client (../http.ts): the Participant Service (bearer `X-Amz-Bearer`),
 * the site owner's start-chat backend and its transcript route. Every failure leaves as a ChatError.
 * Participant calls are retried on 429 and 5xx with jittered backoff, as the AWS SDK does: each carries
 * a ClientToken or only reads, so a retry never stores anything twice. The backend's routes are not
 * (a second start would open a second contact): the state layer decides.
 */
import { createHttp, takeEarly, type EarlyRequests } from '../http.ts';
import { earlyKey } from './early.ts';
import { ChatError } from '../errors.ts';

export interface HttpOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Automatic retries of a participant call (429, 5xx, network). */
  retries?: number;
  /** Requests the Connect panel's entry started while this adapter downloaded (early.ts). */
  early?: EarlyRequests;
}

export type Post = <T>(url: string, body: unknown, headers?: Record<string, string>) => Promise<T>;

export function createPost(retries: number, o: HttpOptions): Post {
  const http = createHttp({
    timeout: o.timeoutMs ?? 15_000,
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry: { limit: retries, methods: ['post'], statusCodes: [429, 500, 502, 503, 504], delay: (n) => 300 * 2 ** n * (1 + Math.random()) },
  });
  return async (url, body, headers) => {
    try {
      // Read as text: an empty answer (DisconnectParticipant's) is `{}` here, not a parse error.
      const res = (await takeEarly(o.early, earlyKey(url, body), o.timeoutMs ?? 15_000)) ?? (await http(url, { method: 'post', json: body, ...(headers ? { headers } : {}) }));
      const text = await res.text();
      return text ? JSON.parse(text) : {};
    } catch (e) {
      // Reading a failure is its own chunk (errors.ts): a chat where all is well never needs it. Where
      // even that cannot be fetched, the network is what failed.
      throw e instanceof ChatError
        ? e
        : await import('./errors.ts').then(
            (m) => m.toChatError(e),
            () => new ChatError('network', 'Network error'),
          );
    }
  };
}
