/**
 * `parseUrlsInMessage` (Rocket.Chat 7.x): links in the text, outside code spans and blocks, each once,
 * as `{ url, meta: {} }`. Rocket.Chat's OEmbed step later fills `meta` by fetching the page; the stand-in
 * never goes to the network, so `meta` stays `{}` as it does on a server with embeds off or unreachable.
 */
import type { MessageUrl } from '../../shared/rocketchat/wire.ts';

// Rocket.Chat's getMessageUrlRegex, restated.
const URL_RE =
  /([A-Za-z]{3,9}):\/\/([-;:&=+$,\w]+@{1})?([-A-Za-z0-9.]+)+:?(\d+)?((\/[-+=!:~%/.@,\w]*)?\??([-+=&!:;%@/.,\w]+)?(?:#([^\s)]+))?)?/g;

// Markdown.code swaps fenced blocks and inline code for tokens before the links are looked for.
const CODE_RE = /```[\s\S]*?```|`[^`\n]*`/g;

/** Messages can be long; the regex is linear in practice, but never feed it more than Rocket.Chat stores. */
const MAX_SCAN = 64 * 1024;

export function parseUrls(msg: string): MessageUrl[] {
  const text = msg.slice(0, MAX_SCAN).replace(CODE_RE, ' ');
  const found = text.match(URL_RE) ?? [];
  return [...new Set(found)].map((url) => ({ url, meta: {} }));
}
