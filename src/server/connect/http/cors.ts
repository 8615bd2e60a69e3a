/**
 * CORS as `participant.connect.<region>.amazonaws.com` answers browsers (chatjs calls it cross-origin from
 * any site). The preflight below is the real endpoint's, captured with curl in a public CORS survey of AWS
 * endpoints (OPTIONS /participant/connection, 2021): `*`, this exact header list, the route's one method,
 * no max-age. Note what it leaves out: `amz-sdk-invocation-id` and `amz-sdk-request`, which the v3 SDK
 * sends from browsers, so a browser must not send them. Actual answers must expose `x-amzn-ErrorType` and
 * `x-amzn-RequestId` to scripts: chat-interface logs both from the browser (ui-examples#8).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export const PARTICIPANT_ALLOW_HEADERS =
  'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-Content-Sha256,X-Amz-User-Agent,X-Amz-Bearer';
/** The expose list AWS JSON endpoints send (seen on acm, dms, appmesh… in the same survey). */
export const EXPOSE_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';

export function corsResponseHeaders(): Record<string, string> {
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSE_HEADERS };
}

/** Answers a preflight for a route served with `method`. */
export function answerPreflight(_req: IncomingMessage, res: ServerResponse, method: string): void {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': '0',
    'x-amzn-RequestId': randomUUID(),
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': PARTICIPANT_ALLOW_HEADERS,
    'Access-Control-Allow-Methods': method,
  });
  res.end();
}
