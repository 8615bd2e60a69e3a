/**
 * The files of a Rocket.Chat message, as the widget's attachments: each id is the file's path on the
 * server (the adapter turns it into an address when asked), and nothing a message carries can point
 * anywhere but the chat server itself.
 */
import type { Attachment } from '../chat-backend.ts';
import { isObject, reader, type Json } from '../shape.ts';
import { num, text } from './read.ts';

/** Pictures a browser shows in an <img> without running anything: never SVG. */
const PICTURE = /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i;

/**
 * A link to the server's own files, as a path on it; links elsewhere (another site, `javascript:`,
 * `data:`) are refused, so nothing a message carries can point the widget anywhere but its server.
 */
export function serverPath(link: unknown, server: string): string | undefined {
  if (typeof link !== 'string' || !link) return undefined;
  try {
    const base = new URL(server);
    const url = new URL(link, base);
    if (!/^https?:$/.test(url.protocol) || url.origin !== base.origin) return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}

function fileOf(a: Json, server: string, file: Json): Attachment | undefined {
  const id = serverPath(a.title_link, server);
  if (!id) return undefined;
  // Only media attachments carry a type and size; other files have them on the message (`file`, `fileUpload`).
  const media = ['image', 'audio', 'video'].find((k) => a[`${k}_type`] !== undefined);
  const type = text(a[`${media}_type`]) ?? text(file.type);
  const size = num(a[`${media}_size`]) ?? num(file.size);
  const out: Attachment = { id, name: text(a.title) ?? decodeURIComponent(id.split('/').pop() ?? '') };
  if (type) out.type = type;
  if (size !== undefined) out.size = size;
  if (text(a.description)) out.description = a.description as string;
  const picture = serverPath(a.image_url, server);
  if (picture && type && PICTURE.test(type)) {
    const d = isObject(a.image_dimensions) ? a.image_dimensions : {};
    out.image = {};
    if (num(d.width)) out.image.width = d.width as number;
    if (num(d.height)) out.image.height = d.height as number;
    if (picture !== id) out.image.preview = picture;
  }
  return out;
}

/** Files of a message: its file attachments (every version builds one per upload); other attachments are cards, not files. */
export function filesOf(m: Json, server: string, route: string): Attachment[] {
  const file = { ...(isObject(m.file) ? m.file : {}), ...(isObject(m.fileUpload) ? m.fileUpload : {}) };
  const list = m.attachments == null ? [] : Array.isArray(m.attachments) ? m.attachments : (reader(route).obj('attachments', m.attachments), []);
  // Links elsewhere are an integration's card, not a file of this chat: left to the text.
  return list.map((a) => (isObject(a) ? fileOf(a, server, file) : undefined)).filter((a): a is Attachment => !!a);
}

