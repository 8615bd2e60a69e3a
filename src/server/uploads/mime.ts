/**
 * What type an upload is stored under, and whether the server lets it in. Rocket.Chat's `getMimeType`
 * trusts the type the client declared unless it is missing or `application/octet-stream`, then looks the
 * file name's extension up; `fileUploadIsValidContentTypeFromSettings` applies the black list first, then
 * the white list (comma lists, `type/*` wildcards, empty or `*` white list = everything).
 */

const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function mimeFromName(filename: string): string | undefined {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION[filename.slice(dot + 1).toLowerCase()];
}

export function storedMimeType(declared: string, filename: string): string {
  const type = declared.trim().toLowerCase();
  if (type && type !== 'application/octet-stream') return type;
  return mimeFromName(filename) ?? 'application/octet-stream';
}

function list(setting: string): string[] | undefined {
  if (!setting || setting === '*') return undefined;
  return setting.split(',').map((t) => t.trim());
}

function onList(type: string, items: string[]): boolean {
  if (items.includes(type)) return true;
  return items.filter((i) => i.indexOf('/*') > 0).includes(type.replace(/(\/.*)$/, '/*'));
}

export function isAllowedContentType(type: string, whiteList: string, blackList: string): boolean {
  const black = blackList ? blackList.split(',').map((t) => t.trim()) : undefined;
  if (black && type && onList(type, black)) return false;
  const white = list(whiteList);
  return white ? !!type && onList(type, white) : true;
}

/**
 * Types a browser may render from our origin without running anything. Everything else is served as
 * an attachment, and types that can carry script as `application/octet-stream`, so an upload can never
 * become a page of the chat server (Rocket.Chat relies on `Content-Security-Policy: default-src 'none'`
 * alone and serves every type inline).
 */
const INLINE_SAFE = /^(image\/(png|jpeg|gif|webp|bmp|x-icon)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf|text\/plain)$/;
const ACTIVE = /(html|xml|javascript|ecmascript|svg)/;

export function servingHeaders(type: string): { contentType: string; inline: boolean } {
  if (INLINE_SAFE.test(type)) return { contentType: type === 'text/plain' ? 'text/plain; charset=utf-8' : type, inline: true };
  return { contentType: ACTIVE.test(type) ? 'application/octet-stream' : type || 'application/octet-stream', inline: false };
}
