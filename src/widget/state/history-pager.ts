/**
 * Walk a conversation's history backwards, page by page, following each page's `earlier` cursor (what a
 * cursor means is the backend's business: a time boundary, a server token). Pages may overlap at their
 * edges; ids seen twice are kept once.
 */
import type { ChatMessage, HistoryPage } from '../backend/chat-backend.ts';

export type PageLoader = (cursor: string | undefined) => Promise<HistoryPage>;

export interface PagerOptions {
  /** Stop early: called with each page (oldest first); return true when enough has been read. */
  stop?: (page: ChatMessage[]) => boolean;
  /** Safety bound on requests for one walk. */
  maxPages?: number;
}

/**
 * Returns every message read (deduplicated, oldest first), whether the start was reached, and the
 * cursor of the page before the oldest one read.
 */
export async function pageBackwards(load: PageLoader, options: PagerOptions = {}): Promise<{ messages: ChatMessage[]; complete: boolean; earlier?: string }> {
  const seen = new Map<string, ChatMessage>();
  let cursor: string | undefined;
  const maxPages = options.maxPages ?? 10_000;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await load(cursor);
    for (const m of page.messages) if (!seen.has(m.id)) seen.set(m.id, m);
    if (page.earlier === undefined) return { messages: sorted(seen), complete: true };
    if (options.stop?.(page.messages)) return { messages: sorted(seen), complete: false, earlier: page.earlier };
    cursor = page.earlier;
  }
  return { messages: sorted(seen), complete: false, ...(cursor !== undefined ? { earlier: cursor } : {}) };
}

function sorted(map: Map<string, ChatMessage>): ChatMessage[] {
  return [...map.values()].sort((a, b) => a.at - b.at);
}
