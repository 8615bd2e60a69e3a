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
