/**
 * The HTTP client of both adapters: ky, with a per-attempt timeout, JSON in and out, failures as ky's
 * HTTPError / TimeoutError, and retries with backoff for the methods and statuses the caller names
 * (the server's Retry-After on 413/429/503).
 */
import ky from 'ky';

export { HTTPError, TimeoutError } from 'ky';

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

export function createHttp(o: HttpOptions): Http {
  const k = ky.create({ ...(o.prefixUrl ? { prefixUrl: o.prefixUrl } : {}), timeout: o.timeout, fetch: o.fetch, retry: { ...o.retry, afterStatusCodes: [413, 429, 503] } });
  return (url, r) => k(url, r);
}

/** Requests started before the adapter was there (the loader's, a panel entry's), by what they ask. */
export type EarlyRequests = Map<string, Promise<Response | undefined>>;

/**
 * The early answer to `key`, taken once: only a success that came within `timeout`. Anything else (none,
 * a network failure — the starter made it undefined, so no rejection goes unhandled —, an error status,
 * no answer in time) is undefined, and the caller asks the normal way, with its retries and its reading
 * of errors: an early start never changes what the visitor is told.
 */
export async function takeEarly(early: EarlyRequests | undefined, key: string, timeout: number): Promise<Response | undefined> {
  const started = early?.get(key);
  if (!started) return undefined;
  early!.delete(key);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeout);
  });
  const res = await Promise.race([started, late]);
  clearTimeout(timer);
  if (res?.ok) return res;
  drop(started);
  return undefined;
}

/** An early answer nobody will read: its body is let go, or the browser keeps its connection busy. */
export const drop = (started: Promise<Response | undefined>) => void started.then((r) => r?.body?.cancel()).catch(() => undefined);
