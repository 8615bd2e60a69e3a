import { describe, expect, it, vi } from 'vitest';
import { createHttp, HTTPError, TimeoutError, type HttpOptions } from '../../src/widget/backend/http.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function client(answers: (() => Response | Promise<Response>)[], o: Partial<HttpOptions> = {}) {
  const seen: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init));
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  });
  const http = createHttp({
    prefixUrl: 'https://chat.test/api/v1',
    timeout: 1_000,
    fetch: fetch as unknown as typeof globalThis.fetch,
    retry: { limit: 2, methods: ['get'], statusCodes: [503], delay: () => 0 },
    ...o,
  });
  return { http, seen, fetch };
}

describe('the HTTP client both adapters use', () => {
  it('joins the prefix, sends JSON with its content type and reads the query', async () => {
    const { http, seen } = client([() => json(200, { ok: true })]);
    const res = await http('livechat/message', { method: 'post', json: { msg: 'hi' }, searchParams: { a: '1 2' } });
    expect(await res.json()).toEqual({ ok: true });
    expect(seen[0]!.url).toBe('https://chat.test/api/v1/livechat/message?a=1+2');
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
    expect(await seen[0]!.json()).toEqual({ msg: 'hi' });
  });

  it('a status that is not 2xx is an HTTPError carrying the response', async () => {
    const { http } = client([() => json(400, { error: 'invalid-token' })]);
    const e = await http('livechat/visitor', { method: 'post', json: {} }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTTPError);
    expect((e as HTTPError).name).toBe('HTTPError');
    expect((e as HTTPError).response.status).toBe(400);
  });

  it('retries a retriable method on the listed statuses and on network failures, then gives up', async () => {
    const { http, fetch } = client([() => json(503, {}), () => Promise.reject(new TypeError('Failed to fetch')), () => json(200, { ok: 1 })]);
    expect(await (await http('livechat/config', { method: 'get' })).json()).toEqual({ ok: 1 });
    expect(fetch).toHaveBeenCalledTimes(3);
    const failing = client([() => json(503, {}), () => json(503, {}), () => json(503, {}), () => json(200, {})]);
    await expect(failing.http('livechat/config', { method: 'get' })).rejects.toBeInstanceOf(HTTPError);
    expect(failing.fetch).toHaveBeenCalledTimes(3);
  });

  it('never retries other methods or other statuses', async () => {
    const post = client([() => json(503, {}), () => json(200, {})]);
    await expect(post.http('livechat/message', { method: 'post', json: {} })).rejects.toBeInstanceOf(HTTPError);
    expect(post.fetch).toHaveBeenCalledTimes(1);
    const notListed = client([() => json(500, {}), () => json(200, {})]);
    await expect(notListed.http('livechat/config', { method: 'get' })).rejects.toBeInstanceOf(HTTPError);
    expect(notListed.fetch).toHaveBeenCalledTimes(1);
  });

  it("waits the server's Retry-After seconds on a 503 instead of its own backoff", async () => {
    vi.useFakeTimers();
    try {
      const { http, fetch } = client([() => json(503, {}, { 'retry-after': '2' }), () => json(200, {})], {
        retry: { limit: 1, methods: ['get'], statusCodes: [503], delay: () => 10 },
      });
      const done = http('livechat/config', { method: 'get' });
      await vi.advanceTimersByTimeAsync(1_900);
      expect(fetch).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(200);
      await done;
      expect(fetch).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an attempt that takes longer than the timeout is a TimeoutError, not retried', async () => {
    const hang = () =>
      new Promise<Response>((_, reject) => {
        // Rejects when aborted, as fetch does.
        setTimeout(() => reject(new DOMException('aborted', 'AbortError')), 5_000);
      });
    const fetch = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
      const p = hang();
      return new Promise<Response>((resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        p.then(resolve, reject);
      });
    });
    const http = createHttp({ timeout: 20, fetch: fetch as unknown as typeof globalThis.fetch, retry: { limit: 2, methods: ['get'], statusCodes: [], delay: () => 0 } });
    await expect(http('https://chat.test/slow', { method: 'get' })).rejects.toBeInstanceOf(TimeoutError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
