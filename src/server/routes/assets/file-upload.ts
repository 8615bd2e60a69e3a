/**
 * `GET /file-upload/<id>/<name>`: an upload served back as Rocket.Chat serves it (the name part is not
 * checked), with its access rule for protected files (`FileUpload_ProtectFiles`, on by default): a visitor
 * shows `rc_room_type=l`, `rc_rid` and `rc_token` (query or cookies) naming a room of theirs, a user shows
 * `rc_uid` + `rc_token` (query or cookies) or `X-User-Id` + `X-Auth-Token`. Refused: 403, unknown: 404,
 * both with an empty body. Headers: `Content-Security-Policy: default-src 'none'`, a year of caching,
 * `Content-Disposition` with the RFC 5987 name, plus (stand-in) `nosniff` and attachment/octet-stream for
 * types a browser could run.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../../store/store.ts';
import type { Upload } from '../../store/types.ts';
import { servingHeaders } from '../../uploads/mime.ts';

export function cookieValue(cookie: string | undefined, name: string): string | undefined {
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function canAccessUpload(store: Store, req: IncomingMessage, url: URL, upload: Upload): boolean {
  if (!store.settings.FileUpload_ProtectFiles) return true;
  const q = (k: string) => url.searchParams.get(k) ?? undefined;
  let uid = q('rc_uid');
  let token = q('rc_token');
  let rid = q('rc_rid');
  let roomType = q('rc_room_type');
  if (!uid && req.headers.cookie) {
    uid = cookieValue(req.headers.cookie, 'rc_uid');
    token = cookieValue(req.headers.cookie, 'rc_token');
    rid = cookieValue(req.headers.cookie, 'rc_rid');
    roomType = cookieValue(req.headers.cookie, 'rc_room_type');
  }
  if (roomType === 'l' && token && rid) {
    const room = store.rooms.get(rid);
    // Rocket.Chat checks only that the room is the visitor's; the stand-in also wants the file to be
    // from that room, so a visitor cannot read another room's file by guessing its id.
    if (room && room.t === 'l' && room.v.token === token && upload.rid === rid) return true;
  }
  const userId = uid ?? header(req, 'x-user-id');
  const authToken = token ?? header(req, 'x-auth-token');
  return !!(userId && authToken && store.userByToken(userId, authToken));
}

export function serveUpload(store: Store, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const match = /^\/file-upload\/([^/]+)\/(.*)$/.exec(url.pathname);
  const upload = match ? store.uploads.get(match[1]!) : undefined;
  if (!upload || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404);
    res.end();
    return;
  }
  if (!canAccessUpload(store, req, url, upload)) {
    res.writeHead(403);
    res.end();
    return;
  }
  const { contentType, inline } = servingHeaders(upload.type);
  const download = url.searchParams.has('download') || url.searchParams.get('contentDisposition') === 'attachment';
  res.writeHead(200, {
    'Content-Security-Policy': "default-src 'none'",
    'Cache-Control': 'max-age=31536000',
    'Content-Disposition': `${inline && !download ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
    'Last-Modified': upload.uploadedAt.toUTCString(),
    'Content-Type': contentType,
    'Content-Length': String(upload.data.length),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : upload.data);
}
