/**
 * `GET /avatar/<username>`: with no uploaded avatar Rocket.Chat draws the name's first letter on a colour
 * picked by the name's length, as SVG, `Cache-Control: public, max-age=<Accounts_AvatarCacheTime>`,
 * `Content-Disposition: inline`, and a fixed `Last-Modified` (an `If-Modified-Since` equal to it is 304).
 * `/avatar/@name` always draws letters; `UI_Use_Name_Avatar` draws the initials of the user's real name.
 * `?size=` is clamped to 16–1024. PNG/JPEG conversion (`?format=`) needs sharp and is not offered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../../store/store.ts';

const FALLBACK_LAST_MODIFIED = 'Thu, 01 Jan 2015 00:00:00 GMT';
const COLORS = ['#158D65', '#7F1B9F', '#B68D00', '#E26D0E', '#10529E', '#6C727A'];

// Only letters and digits survive, so nothing from a name reaches the SVG markup.
const firstLetter = (name: string) => name.replace(/[^A-Za-z0-9]/g, '').slice(0, 1).toUpperCase();
const initials = (name: string) => name.split(' ').slice(0, 3).map(firstLetter).join('');

export function renderSvgLetters(name: string, viewSize = 200, useAllInitials = false): string {
  const color = name === '?' ? '#000' : COLORS[name.length % COLORS.length]!;
  const letters = name === '?' ? '?' : useAllInitials ? initials(name) : firstLetter(name);
  const reduction = letters.length > 1 ? letters.length ** 2 / 10 : 0;
  const fontSize = viewSize / (1.6 + reduction);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${viewSize} ${viewSize}">\n` +
    `<rect width="100%" height="100%" fill="${color}"/>\n` +
    `<text x="50%" y="50%" dy="0.36em" text-anchor="middle" pointer-events="none" fill="#ffffff" ` +
    `font-family="'Helvetica', 'Arial', 'Lucida Grande', 'sans-serif'" font-size="${fontSize}">\n${letters}\n</text>\n</svg>`
  );
}

export function serveAvatar(store: Store, req: IncomingMessage, res: ServerResponse, url: URL): void {
  let requested: string;
  try {
    requested = decodeURIComponent(url.pathname.slice('/avatar/'.length));
  } catch {
    requested = '';
  }
  if (!requested || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404);
    res.end();
    return;
  }
  const s = store.settings;
  const cacheTime = Number(url.searchParams.get('cacheTime')) || s.Accounts_AvatarCacheTime;
  const headers: Record<string, string> = { 'Cache-Control': `public, max-age=${cacheTime}`, 'Content-Disposition': 'inline' };
  if (requested[0] !== '@' && req.headers['if-modified-since'] === FALLBACK_LAST_MODIFIED) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  let name = requested;
  let all = false;
  if (requested[0] === '@') {
    name = requested.slice(1);
    all = s.UI_Use_Name_Avatar;
  } else if (s.UI_Use_Name_Avatar) {
    const user = [...store.users.values()].find((u) => u.username.toLowerCase() === requested.toLowerCase());
    if (user?.name) {
      name = user.name;
      all = true;
    }
  }
  const sizeParam = parseInt(url.searchParams.get('size') ?? '', 10);
  const size = sizeParam ? Math.min(Math.max(sizeParam, 16), 1024) : undefined;
  const svg = renderSvgLetters(name, size, all);
  res.writeHead(200, { ...headers, 'Last-Modified': FALLBACK_LAST_MODIFIED, 'Content-Type': 'image/svg+xml' });
  res.end(req.method === 'HEAD' ? undefined : svg);
}
