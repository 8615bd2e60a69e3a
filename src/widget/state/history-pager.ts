/**
 * Walk a conversation's history backwards, page by page. Rocket.Chat's `end` is exclusive (`ts < end`),
 * and two messages can share a millisecond, so each next page asks for `ts < oldest + 1 ms` and drops the
 * ids it already has: nothing at a page boundary is skipped. A page that adds nothing new means only
 * same-millisecond messages remain above the boundary, so the next page steps strictly past it.
 */
import type { ChatMessage } from '../backend/chat-backend.ts';

export type PageLoader = (before: number | undefined, limit: number) => Promise<ChatMessage[]>;

export interface PagerOptions {
  pageSize: number;
  /** Stop early: called with each page (oldest first); return true when enough has been read. */
  stop?: (page: ChatMessage[]) => boolean;
  /** Safety bound on requests for one walk. */
  maxPages?: number;
}

/** Returns every message read (deduplicated, oldest first) and whether the start was reached. */
export async function pageBackwards(load: PageLoader, options: PagerOptions): Promise<{ messages: ChatMessage[]; complete: boolean }> {
  const seen = new Map<string, ChatMessage>();
  let before: number | undefined;
  const maxPages = options.maxPages ?? 10_000;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await load(before, options.pageSize);
    const fresh = page.filter((m) => !seen.has(m.id));
    for (const m of fresh) seen.set(m.id, m);
    if (page.length < options.pageSize) return { messages: sorted(seen), complete: true };
    if (options.stop?.(page)) return { messages: sorted(seen), complete: false };
    const oldest = page.reduce((min, m) => Math.min(min, m.at), Infinity);
    // Nothing new: the whole page sat at or above the boundary millisecond; step strictly past it.
    before = fresh.length === 0 ? oldest : oldest + 1;
  }
  return { messages: sorted(seen), complete: false };
}

function sorted(map: Map<string, ChatMessage>): ChatMessage[] {
  return [...map.values()].sort((a, b) => a.at - b.at);
}
