/**
 * Rocket.Chat's REST CORS behaviour (contract §0.5): off by default; `API_CORS_Origin` is `*` or a comma
 * list; an origin outside the list gets 403 "Invalid origin". A site embedding the widget must switch it on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Settings } from '../settings.ts';

const ALLOW_METHODS = 'GET, POST, PUT, DELETE, HEAD, PATCH';
const ALLOW_HEADERS = 'Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization';
export const CORS_DISABLED_TEXT = 'CORS not enabled. Go to "Admin > General > REST Api" to enable it.';
export const INVALID_ORIGIN_TEXT = 'Invalid origin';

/** Returns true when the response has been finished here (preflight answered or origin refused). */
export function applyCors(settings: Settings, req: IncomingMessage, res: ServerResponse): boolean {
  const preflight = req.method === 'OPTIONS';
  if (!settings.API_Enable_CORS) {
    if (preflight) {
      res.writeHead(405, { 'Content-Type': 'text/plain' });
      res.end(CORS_DISABLED_TEXT);
      return true;
    }
    return false;
  }
  const origin = req.headers.origin;
  if (!req.headers['access-control-request-method'] && !origin) return false;

  const setting = String(settings.API_CORS_Origin).trim();
  if (setting === '*') {
    res.setHeader('Access-Control-Allow-Origin', '*');
  } else {
    const allowed = setting.split(',').map((o) => o.trim().toLowerCase());
    if (!allowed.includes((origin ?? '').toLowerCase())) {
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      res.end(INVALID_ORIGIN_TEXT);
      return true;
    }
    res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
    res.setHeader('Vary', 'Origin');
  }
  res.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
  res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
  if (preflight) {
    res.writeHead(200);
    res.end();
    return true;
  }
  return false;
}
