/**
 * The backend over node:http: a middleware for an existing server (the stand-in mounts it at a prefix)
 * and a standalone server for `npm run start-chat`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { StartChatBackend } from './handler.ts';

const MAX_READ = 64 * 1024;

/** Answers requests under `prefix` and returns true; returns false for anything else. */
export function startChatMiddleware(backend: StartChatBackend, prefix = '') {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (prefix && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return false;
    void serve(backend, req, res, url.pathname.slice(prefix.length) || '/');
    return true;
  };
}

async function serve(backend: StartChatBackend, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Past the limit keep reading (and dropping) so the answer can still be sent; the handler says 413.
      if (size <= MAX_READ) chunks.push(chunk);
    }
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const body = size > MAX_READ ? 'x'.repeat(MAX_READ + 1) : Buffer.concat(chunks).toString('utf8');
    const answer = await backend.handle({ method: req.method ?? 'GET', path, headers, body, localOrigin: `http://127.0.0.1:${req.socket.localPort}` });
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  } catch (e) {
    console.error('[start-chat] unexpected error', e);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ data: { Error: { code: 'InternalError', message: 'Unexpected error.' } } }));
  }
}

export function createStartChatServer(backend: StartChatBackend): Server {
  const middleware = startChatMiddleware(backend);
  return createServer((req, res) => void middleware(req, res));
}
