/** Reads a JSON request body with a size bound; malformed or oversized input is a 4xx, never a crash. */
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    req.resume();
    throw new BodyError(413, 'request entity too large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      req.resume();
      throw new BodyError(413, 'request entity too large');
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const type = String(req.headers['content-type'] ?? '');
  // Express's json parser only reads JSON content types; anything else arrives as an empty body.
  if (type && !/json/i.test(type)) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new BodyError(400, e instanceof Error ? e.message : 'Invalid JSON');
  }
}
