/**
 * The HTTP client of both adapters: fetch with a per-attempt timeout, JSON in and out, failures as
 * HTTPError (a status that is not 2xx, with its Response) or TimeoutError, and retries with backoff for
 * the methods and statuses the caller names. It does what the adapters used of ky (same semantics:
 * the n-th retry waits `delay(n)`, or the server's Retry-After seconds on 413/429/503; a timeout is never
 * retried; a network failure is) in a tenth of its size — ky was 3.3 KB of the 35 KB an open chat may weigh.
 */

export class HTTPError extends Error {
  override name = 'HTTPError';
  constructor(readonly response: Response) {
    super(`Request failed with status code ${response.status}`);
  }
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export interface HttpOptions {
  /** Joined to relative URLs with one `/`. */
  prefixUrl?: string;
  timeout: number;
  fetch: typeof fetch;
  retry: { limit: number; methods: string[]; statusCodes: number[]; delay: (retry: number) => number };
}

export interface RequestOptions {
  method: string;
  json?: unknown;
  headers?: Record<string, string>;
  searchParams?: Record<string, string>;
}

export type Http = (url: string, options: RequestOptions) => Promise<Response>;

const TIMEOUT = {};

export function createHttp(o: HttpOptions): Http {
  const attempt = async (url: string, r: RequestOptions) => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(TIMEOUT), o.timeout);
    let res: Response;
    try {
      res = await o.fetch(url, {
        method: r.method.toUpperCase(),
        headers: { accept: 'application/json', ...(r.json === undefined ? {} : { 'content-type': 'application/json' }), ...r.headers },
        ...(r.json === undefined ? {} : { body: JSON.stringify(r.json) }),
        signal: abort.signal,
      });
    } catch (e) {
      throw abort.signal.reason === TIMEOUT ? new TimeoutError(`Request timed out: ${url}`) : e;
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok) throw new HTTPError(res);
    return res;
  };
  return async (path, r) => {
    const query = r.searchParams && new URLSearchParams(r.searchParams).toString();
    const url = (o.prefixUrl ? `${o.prefixUrl}/${path}` : path) + (query ? `?${query}` : '');
    const retriable = o.retry.methods.includes(r.method.toLowerCase());
    for (let n = 1; ; n++) {
      try {
        return await attempt(url, r);
      } catch (e) {
        if (!retriable || n > o.retry.limit || e instanceof TimeoutError) throw e;
        let ms = o.retry.delay(n);
        if (e instanceof HTTPError) {
          const { status } = e.response;
          if (!o.retry.statusCodes.includes(status)) throw e;
          // The server's Retry-After (in seconds; a date falls back to the backoff) wins where it applies.
          const after = Number(e.response.headers.get('retry-after') || NaN);
          if ([413, 429, 503].includes(status) && after >= 0) ms = after * 1000;
        }
        await new Promise((done) => setTimeout(done, ms));
      }
    }
  };
}
