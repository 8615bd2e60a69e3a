/**
 * The one HTTP client (../http.ts) that talks to Rocket.Chat's REST API. Calls are typed by the shared endpoint
 * table; every failure leaves this module as a ChatError. GETs are retried with jittered backoff; POSTs
 * never are here — resending a message is the state layer's deliberate, idempotent decision.
 */
import { createHttp, drop, takeEarly, type EarlyRequests } from '../http.ts';
import type { LivechatEndpoints } from '../../../shared/rocketchat/endpoints.ts';
import { ChatError } from '../errors.ts';

type Endpoint = keyof LivechatEndpoints;
type Def<K extends Endpoint> = LivechatEndpoints[K];
type QueryOf<K extends Endpoint> = Def<K> extends { query: infer Q } ? Q : never;
type BodyOf<K extends Endpoint> = Def<K> extends { body: infer B } ? B : never;
type PathParams<S extends string> = S extends `${string}:${infer P}/${infer Rest}`
  ? { [K in P | keyof PathParams<Rest>]: string }
  : S extends `${string}:${infer P}`
    ? { [K in P]: string }
    : Record<never, never>;
type PathOf<K extends Endpoint> = K extends `${string} ${infer P}` ? P : never;

export type CallInput<K extends Endpoint> = { params?: PathParams<PathOf<K>> } & ([QueryOf<K>] extends [never]
  ? { body: BodyOf<K> }
  : { query?: QueryOf<K> });

export type RestClient = <K extends Endpoint>(endpoint: K, input: CallInput<K>) => Promise<Def<K>['response']>;

export interface RestClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** After a network failure: does the server answer this origin ('ok'), only opaquely ('refused'), or not at all? */
  probe?: () => Promise<ProbeResult>;
  /** Reads the loader started while the panel downloaded, by URL (loader.ts builds them as `call` does). */
  early?: EarlyRequests;
}

export function apiBase(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/api/v1`;
}

export function createRestClient(serverUrl: string, options: RestClientOptions = {}): RestClient {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const http = createHttp({
    prefixUrl: apiBase(serverUrl),
    timeout: options.timeoutMs ?? 15_000,
    fetch: fetchImpl,
    // Half fixed, half random: many widgets retrying after one outage do not come back in step.
    retry: { limit: 2, methods: ['get'], statusCodes: [408, 500, 502, 503, 504], delay: (n) => 150 * 2 ** n * (1 + Math.random()) },
  });
  const probe = options.probe ?? (() => import('./cors-probe.ts').then((m) => m.probeReachable(serverUrl, fetchImpl)));

  return async (endpoint, input) => {
    const space = endpoint.indexOf(' ');
    const method = endpoint.slice(0, space);
    const params = (input.params ?? {}) as Record<string, string>;
    const path = endpoint.slice(space + 1).replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
    const query = 'query' in input ? (input.query as Record<string, unknown> | undefined) : undefined;
    const searchParams: Record<string, string> = {};
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) searchParams[k] = String(v);
    const timeout = options.timeoutMs ?? 15_000;
    // An early read is good until our first write: what it answers may be changed by it.
    if (method !== 'GET' && options.early) {
      options.early.forEach(drop);
      options.early.clear();
    }
    const qs = `${new URLSearchParams(searchParams)}`;
    try {
      const res =
        (method === 'GET' && (await takeEarly(options.early, `${apiBase(serverUrl)}/${path}?${qs}`, timeout))) ||
        (await http(path, {
          method,
          ...(qs ? { searchParams } : {}),
          ...('body' in input ? { json: input.body } : {}),
        }));
      // As ky did: an empty answer is '' (the routes read for success only accept any body).
      const text = await res.text();
      return text ? JSON.parse(text) : '';
    } catch (e) {
      // Reading a failure (its body, the code table, a CORS probe) is its own chunk: a chat where all is
      // well never needs it. Where even that cannot be fetched, the network is what failed.
      throw e instanceof ChatError
        ? e
        : await import('./errors.ts').then(
            (m) => m.toChatError(e, serverUrl, probe),
            () => new ChatError('network', 'Network error'),
          );
    }
  };
}

export type ProbeResult = 'ok' | 'refused' | 'unreachable';
