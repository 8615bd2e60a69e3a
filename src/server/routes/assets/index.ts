/**
 * The non-API paths Rocket.Chat serves that `livechat/config` and messages point at: uploads, avatars
 * and the notification sound. Returns false for any other path.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../../store/store.ts';
import { serveAvatar } from './avatar.ts';
import { serveUpload } from './file-upload.ts';

let chime: Buffer | undefined;
const chimeBytes = () => (chime ??= readFileSync(new URL('../../assets/chime.mp3', import.meta.url)));

export function serveAsset(store: Store, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const path = url.pathname;
  if (path.startsWith('/file-upload/')) {
    serveUpload(store, req, res, url);
    return true;
  }
  if (path.startsWith('/avatar/')) {
    serveAvatar(store, req, res, url);
    return true;
  }
  if (path === '/sounds/chime.mp3' && (req.method === 'GET' || req.method === 'HEAD')) {
    const data = chimeBytes();
    // Served from Meteor's public folder; the file is ours (scripts/make-chime.mjs), not Rocket.Chat's.
    res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': String(data.length), 'Cache-Control': 'public, max-age=0' });
    res.end(req.method === 'HEAD' ? undefined : data);
    return true;
  }
  return false;
}
