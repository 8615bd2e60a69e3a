/**
 * One conversation's incoming side: the live watch (messages, typing, agent, receipts, connection),
 * receiving messages into the store (unread counts, read receipts, the end of the chat), and history —
 * filling gaps after a reconnect, earlier pages on scroll-up, and the whole of it for a download.
 */
import { batch, effect } from '@preact/signals';
import type { ChatMessage, LiveEvent, LiveWatch } from '../backend/chat-backend.ts';
import { asChatError, type ChatState, type Ended } from './chat-state.ts';
import { pageBackwards, type PageLoader } from './history-pager.ts';

export interface FeedHooks {
  markEnded(by: Ended['by'], transcriptRequested: boolean): void;
  flush(): void;
  /** The server no longer knows the visitor (history refused our credentials). */
  sessionLost(): Promise<boolean>;
}

/** The first read of a gap after a (re)connect or a poll, in messages. */
const GAP_PAGE = 5;

export function createRoomFeed(s: ChatState, hooks: FeedHooks) {
  const { conversationId, ended, unread, agent, queue, typing, connection, notice, historyComplete, watching, store, backend, emit, pageSize, isShown } = s;
  let watch: LiveWatch | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let syncing: Promise<void> | undefined;
  /** A resync asked for while a read is on its way: that read may have started before what it must catch. */
  let syncAgain: Promise<void> | undefined;
  /** Where "Load earlier messages" goes on from: the page before the oldest one read, per conversation. */
  let earlier: { id: string; cursor: string | undefined } | undefined;
  /** The other side's messages already reported as read. */
  const reported = new Set<string>();
  let stopReading: (() => void) | undefined;

  function start(): void {
    const id = conversationId.value;
    if (watch || !id) return;
    watch = backend.watch({ conversation: id }, onLiveEvent);
    // Whenever the visitor can see the conversation, what the other side wrote counts as read.
    stopReading = effect(() => {
      if (!watching.value) return;
      const ids = store.all.value.filter((m) => m.from === 'agent' && m.status === 'sent' && !reported.has(m.id)).map((m) => m.id);
      if (!ids.length) return;
      for (const i of ids) reported.add(i);
      watch?.markRead(ids);
    });
  }

  function stop(): void {
    stopReading?.();
    stopReading = undefined;
    watch?.close();
    watch = undefined;
    reported.clear();
    clearTimeout(typingTimer);
    batch(() => {
      typing.value = undefined;
      connection.value = 'idle';
      queue.value = undefined;
    });
  }

  function onLiveEvent(e: LiveEvent): void {
    switch (e.type) {
      case 'message':
        receive([e.message], true);
        return;
      case 'typing':
        clearTimeout(typingTimer);
        typing.value = e.typing ? e.name : undefined;
        // If the "stopped" event is lost, don't show dots forever.
        if (e.typing) typingTimer = setTimeout(() => (typing.value = undefined), 15_000);
        return;
      case 'agent':
        batch(() => {
          agent.value = e.agent;
          if (e.agent) queue.value = undefined;
        });
        if (e.agent) emit({ type: 'agent-assigned', agent: e.agent });
        return;
      case 'queue':
        // Places are computed a moment before they are sent: one can arrive after an agent took the chat.
        if (agent.value || ended.value) return;
        queue.value = e.place;
        emit({ type: 'queue', place: e.place });
        return;
      case 'deleted':
        store.remove(e.id);
        return;
      case 'agent-status':
        emit({ type: 'agent-status', status: e.status });
        return;
      case 'receipt':
        store.setReceipt(e.id, e.receipt);
        return;
      case 'connection':
        connection.value = e.state;
        if (e.state === 'online') hooks.flush();
        return;
      case 'resync':
        resync();
        hooks.flush();
        return;
      case 'ended':
        // Show whatever the server has of the end (its system line) before the ended view.
        void sync().then(() => {
          if (!ended.value) hooks.markEnded(e.by, false);
        });
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

  function pageLoader(id: string, limit: number): PageLoader {
    return (cursor) => backend.loadHistory({ conversation: id, limit, ...(cursor !== undefined ? { cursor } : {}) });
  }

  /**
   * Fill whatever we missed: page backwards from the newest message until a page overlaps what we
   * already hold (or the conversation starts), so a long disconnection loses nothing.
   */
  function sync(): Promise<void> {
    const id = conversationId.value;
    if (!id) return Promise.resolve();
    syncing ??= (async () => {
      const hadAny = store.all.value.some((m) => m.status === 'sent');
      try {
        const held = (page: readonly ChatMessage[]) => page.some((m) => store.get(m.id)?.status === 'sent');
        // A gap (every connect, every poll without a socket) is most often empty or a message or two: its
        // first read is a few messages, not a page of 50 read again (about 10 KiB on each connect).
        let walk = hadAny ? await pageBackwards(pageLoader(id, GAP_PAGE), { maxPages: 1 }) : undefined;
        // A first load needs one page; a gap too long for the small read is walked again in full pages from
        // the newest (a cursor is the backend's business, so a walk keeps one page size) until a page
        // meets messages we already hold.
        if (!walk || (!walk.complete && !held(walk.messages))) walk = await pageBackwards(pageLoader(id, pageSize), { stop: (page) => !hadAny || held(page) });
        if (conversationId.value !== id) return;
        receive(walk.messages, hadAny);
        // A gap's walk ends among messages we hold: the oldest page read before still says where to go on.
        if (!hadAny || earlier?.id !== id) earlier = { id, cursor: walk.earlier };
        if (walk.complete) historyComplete.value = true;
        if (notice.value?.during === 'history') notice.value = undefined;
      } catch (e) {
        const error = asChatError(e);
        if (error.kind === 'unauthorized') void hooks.sessionLost();
        // A gap's read failing while the connection is down is the outage the connection's banner already
        // tells ("Earlier messages could not be loaded" would be wrong: there may be none), and coming back
        // online reads it again.
        else if (!hadAny || connection.value === 'online') notice.value = { error, during: 'history' };
      }
    })().finally(() => {
      syncing = undefined;
    });
    return syncing;
  }

  /**
   * Subscribed again (or a poll): a read already on its way may have started before the subscription, so
   * one more follows it, however many are asked for meanwhile. Whoever just wants the conversation
   * (the first load) shares the read on its way instead of waiting for a second one.
   */
  function resync(): void {
    if (!syncing) return void sync();
    syncAgain ??= syncing.then(() => {
      syncAgain = undefined;
      return sync();
    });
  }

  /** Older messages for scroll-up; resolves false when the start of the conversation is reached. */
  async function loadEarlier(): Promise<boolean> {
    const id = conversationId.value;
    if (!id || historyComplete.value) return false;
    if (earlier?.id !== id && store.all.value.some((m) => m.status === 'sent')) {
      // Nothing read yet says where the page before is: read from the newest (the store drops repeats).
      await sync();
      return !historyComplete.value;
    }
    let page;
    try {
      page = await pageLoader(id, pageSize)(earlier?.id === id ? earlier.cursor : undefined);
    } catch (e) {
      // Scrolling up again retries; meanwhile the visitor knows why nothing older appears.
      const error = asChatError(e);
      if (error.kind === 'unauthorized') void hooks.sessionLost();
      else notice.value = { error, during: 'history' };
      return false;
    }
    if (conversationId.value !== id) return false;
    receive(page.messages, false);
    earlier = { id, cursor: page.earlier };
    if (page.earlier === undefined) historyComplete.value = true;
    return !historyComplete.value;
  }

  /** The whole conversation from the server, oldest first, as the visitor may see it. */
  async function exportMessages(): Promise<ChatMessage[]> {
    const id = conversationId.value;
    if (!id) return [];
    const { messages } = await pageBackwards(pageLoader(id, 100));
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
