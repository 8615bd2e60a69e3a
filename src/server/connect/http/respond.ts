/**
 * Writing restJson1 answers. Every answer carries `x-amzn-requestid` (the SDK reads `$metadata.requestId`
 * from it) and the CORS headers a browser needs to read it, as the real endpoints send them.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AwsError } from '../errors/aws-error.ts';
import { corsResponseHeaders } from './cors.ts';

export function sendAws(res: ServerResponse, status: number, body: unknown, requestId = randomUUID()): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': requestId,
    ...corsResponseHeaders(),
  });
  res.end(text);
}

export function sendAwsError(res: ServerResponse, error: AwsError, requestId = randomUUID()): void {
  if (res.headersSent) return;
  const text = JSON.stringify(error.body());
  res.writeHead(error.status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': error.type,
    ...corsResponseHeaders(),
  });
  res.end(text);
}
