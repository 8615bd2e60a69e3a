/**
 * One conversation's incoming side: the live watch (messages, typing, agent, connection), receiving
 * messages into the store (unread counts, the end of the chat), and history — filling gaps after a
 * reconnect, earlier pages on scroll-up, and the whole of it for a download.
 */
import { batch } from '@preact/signals';
import type { ChatMessage, RoomEvent, RoomWatch } from '../backend/chat-backend.ts';
import { asChatError, type ChatState, type Ended } from './chat-state.ts';
import { pageBackwards, type PageLoader } from './history-pager.ts';

export interface FeedHooks {
  markEnded(by: Ended['by'], transcriptRequested: boolean): void;
  flush(): void;
}

export function createRoomFeed(s: ChatState, hooks: FeedHooks) {
  const { token, roomId, visitor, ended, unread, agent, typing, connection, notice, historyComplete, watching, store, backend, emit, pageSize, isShown } = s;
  let watch: RoomWatch | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let syncing: Promise<void> | undefined;

  function start(): void {
    const rid = roomId.value;
    if (watch || !rid || !token.value) return;
    watch = backend.watchRoom({ token: token.value, roomId: rid, username: visitor.value?.username ?? '' }, onRoomEvent);
  }

  function stop(): void {
    watch?.close();
    watch = undefined;
    clearTimeout(typingTimer);
    batch(() => {
      typing.value = undefined;
      connection.value = 'idle';
    });
  }

  function onRoomEvent(e: RoomEvent): void {
    switch (e.type) {
      case 'message':
        receive([e.message], true);
        return;
      case 'typing':
        clearTimeout(typingTimer);
        typing.value = e.typing ? e.username : undefined;
        // If the "stopped" event is lost, don't show dots forever.
        if (e.typing) typingTimer = setTimeout(() => (typing.value = undefined), 15_000);
        return;
      case 'agent':
        agent.value = e.agent;
        if (e.agent) emit({ type: 'agent-assigned', agent: e.agent });
        return;
      case 'agent-status':
        emit({ type: 'agent-status', status: e.status });
        return;
      case 'connection':
        connection.value = e.state;
        if (e.state === 'online') hooks.flush();
        return;
      case 'resync':
        void sync();
        hooks.flush();
        return;
    }
  }

  /** Take messages from the server; `live` ones (not history pages) count as unread while unseen. */
  function receive(messages: readonly ChatMessage[], live: boolean): void {
    const fresh = store.upsert(messages);
    const closing = messages.find((m) => m.system === 'chat-closed');
    batch(() => {
      if (live && !watching.value) {
        const fromAgent = fresh.filter((m) => m.from === 'agent').length;
        if (fromAgent) unread.value += fromAgent;
      }
      if (fresh.some((m) => m.from === 'agent')) typing.value = undefined;
      if (live) for (const m of fresh) if (m.from === 'agent') emit({ type: 'agent-message', message: m });
      if (closing && !ended.value) hooks.markEnded(closing.closedBy ?? 'agent', closing.transcriptRequested === true);
    });
  }

  function pageLoader(rid: string): PageLoader {
    return (before, limit) => backend.loadHistory({ token: token.value, roomId: rid, limit, ...(before !== undefined ? { before } : {}) });
  }

  /**
   * Fill whatever we missed: page backwards from the newest message until a page overlaps what we
   * already hold (or the conversation starts), so a long disconnection loses nothing.
   */
  function sync(): Promise<void> {
    const rid = roomId.value;
    if (!rid || !token.value) return Promise.resolve();
    syncing ??= (async () => {
      const hadAny = store.all.value.some((m) => m.status === 'sent');
      try {
        const { messages, complete } = await pageBackwards(pageLoader(rid), {
          pageSize: pageSize,
          // A first load needs one page; a gap is filled once a page meets messages we already hold.
          stop: (page) => !hadAny || page.some((m) => store.get(m.id)?.status === 'sent'),
        });
        if (roomId.value !== rid) return;
        receive(messages, hadAny);
        if (complete) historyComplete.value = true;
        if (notice.value?.during === 'history') notice.value = undefined;
      } catch (e) {
        notice.value = { error: asChatError(e), during: 'history' };
      }
    })().finally(() => {
      syncing = undefined;
    });
    return syncing;
  }

  /** Older messages for scroll-up; resolves false when the start of the conversation is reached. */
  async function loadEarlier(): Promise<boolean> {
    const rid = roomId.value;
    const oldest = store.oldestAt();
    if (!rid || historyComplete.value) return false;
    // `oldest + 1`: messages sharing the oldest millisecond are re-read (deduplicated), not skipped.
    let page: ChatMessage[];
    try {
      page = await pageLoader(rid)(oldest === undefined ? undefined : oldest + 1, pageSize);
    } catch (e) {
      // Scrolling up again retries; meanwhile the visitor knows why nothing older appears.
      notice.value = { error: asChatError(e), during: 'history' };
      return false;
    }
    receive(page, false);
    if (page.length < pageSize) historyComplete.value = true;
    return !historyComplete.value;
  }

  /** The whole conversation from the server, oldest first, as the visitor may see it. */
  async function exportMessages(): Promise<ChatMessage[]> {
    const rid = roomId.value;
    if (!rid) return [];
    const { messages } = await pageBackwards(pageLoader(rid), { pageSize: 100 });
    return messages.filter(isShown);
  }

  return {
    start,
    stop,
    sync,
    loadEarlier,
    exportMessages,
    setTyping: (typing: boolean) => watch?.setTyping(typing),
    reconnect: () => watch?.reconnectNow(),
  };
}

export type RoomFeed = ReturnType<typeof createRoomFeed>;
