/**
 * The conversation controller: it loads the server's config, opens the room, and ends the chat, and it
 * composes the rest — state (chat-state), persistence, the incoming side (room-feed) and the outgoing
 * side (sender). It owns every side effect of a chat; the UI only reads signals and calls actions.
 */
import { batch, type ReadonlySignal } from '@preact/signals';
import { randomId } from '../../shared/rocketchat/random-id.ts';
import type { Agent, ChatMessage, ConnectionState, ServerConfig, Visitor, VisitorDetails } from '../backend/chat-backend.ts';
import type { ChatError } from '../backend/errors.ts';
import {
  asChatError,
  createChatState,
  isEmail,
  type ChatDeps,
  type DownloadState,
  type Ended,
  type Notice,
  type TranscriptState,
} from './chat-state.ts';
import { createOfflineForm } from './offline-form.ts';
import { SESSION_KEYS, persistSession } from './persistence.ts';
import { createRoomFeed } from './room-feed.ts';
import { createSender } from './sender.ts';

export type { ChatDeps, ChatEvent, DownloadState, Ended, Notice, Screen, TranscriptState } from './chat-state.ts';
export { hasPrechatFields, isEmail } from './chat-state.ts';

export function createChat(deps: ChatDeps) {
  const s = createChatState(deps);
  const { backend, storage, emit, token, roomId, visitor, guest, ended, unread, draft, config, loading, agent, typing, connection, notice, transcript, finishing, historyComplete, download, prechat, watching, hiddenOverride, store, delayFor } = s;
  let roomPromise: Promise<string> | undefined;
  let preferredAgent: string | undefined;
  let forgetOnNewChat = false;
  let loadAttempt = 0;
  let loadTimer: ReturnType<typeof setTimeout> | undefined;

  const feed = createRoomFeed(s, { markEnded, flush: () => void sender.flush() });
  const sender = createSender(s, { ensureRoom, sync: feed.sync, markEnded, stopTyping: () => feed.setTyping(false) });
  const disposers: (() => void)[] = [persistSession(s)];

  // Back online: send what waited, even before a room (and its live feed) exists.
  const onOnline = () => {
    sender.resetBackoff();
    if (loading.value === 'error') void load();
    else void sender.flush();
  };
  window.addEventListener('online', onOnline);
  disposers.push(() => window.removeEventListener('online', onOnline));

  // Another tab of the same site changed the session: follow it, so both show one conversation.
  disposers.push(
    storage.onExternalChange((key) => {
      if (key === 'unread') unread.value = storage.get<number>('unread') ?? 0;
      else if (key === 'token' || key === 'rid' || key === 'ended' || key === 'visitor') {
        void import('./cross-tab.ts').then((m) => m.adoptFromStorage(chat.core));
      }
    }),
  );

  // ---- loading -------------------------------------------------------------------------------------

  async function load(): Promise<void> {
    clearTimeout(loadTimer);
    loading.value = 'loading';
    try {
      const c = await backend.loadConfig({ token: token.value || undefined, department: deps.department });
      batch(() => {
        config.value = c;
        loading.value = 'ready';
        if (notice.value?.during === 'load') notice.value = undefined;
        if (c.visitor && visitor.value && c.visitor.token === visitor.value.token) visitor.value = c.visitor;
      });
      if (c.enabled && !c.online && !c.openRoom) emit({ type: 'service-offline' });
    } catch (e) {
      const error = asChatError(e);
      batch(() => {
        loading.value = 'error';
        notice.value = { error, during: 'load' };
      });
      // A passing outage (network, timeout, 5xx, rate limit): try again by itself, backing off, and
      // never sooner than a rate limit asks. The visitor can also press "Try again" at any time.
      if (error.transient) loadTimer = setTimeout(() => void load(), delayFor(loadAttempt++, error));
      return;
    }
    loadAttempt = 0;
    await reconcile();
    void sender.flush();
  }

  /** Match what we remember with what the server says: adopt an open room, or notice one that closed. */
  async function reconcile(): Promise<void> {
    const c = config.value!;
    if (c.openRoom) {
      if (roomId.value !== c.openRoom.id) {
        batch(() => {
          roomId.value = c.openRoom!.id;
          ended.value = undefined;
          store.clear();
        });
      }
      agent.value = c.openRoom.agent;
      feed.start();
      await feed.sync();
      return;
    }
    if (!roomId.value) return;
    // We remember a room the server no longer reports open: it was closed while we were away.
    await feed.sync();
    if (!ended.value && roomId.value) {
      const closing = store.all.value.find((m) => m.system === 'chat-closed');
      if (closing) markEnded(closing.closedBy ?? 'agent', closing.transcriptRequested === true);
      else if (!notice.value) {
        // The server forgot the room (or the token): start afresh rather than show a dead conversation.
        batch(() => {
          roomId.value = undefined;
          store.clear();
        });
      }
    }
  }

  // ---- opening the room ------------------------------------------------------------------------------

  function ensureToken(): string {
    if (!token.value) token.value = randomId();
    return token.value;
  }

  async function ensureRoom(): Promise<string> {
    if (roomId.value) return roomId.value;
    roomPromise ??= (async () => {
      const visitorToken = ensureToken();
      if (!visitor.value) {
        const details = guest.value;
        visitor.value = await backend.registerVisitor(visitorToken, { ...details, ...(deps.department && !details.department ? { department: deps.department } : {}) });
        emit({ type: 'registered', visitor: visitor.value });
      }
      const room = await backend.openRoom(visitorToken, preferredAgent ? { agentId: preferredAgent } : undefined);
      batch(() => {
        roomId.value = room.id;
        agent.value = room.agent;
        ended.value = undefined;
      });
      feed.start();
      emit({ type: 'chat-started', roomId: room.id });
      if (room.agent) emit({ type: 'agent-assigned', agent: room.agent });
      return room.id;
    })().finally(() => {
      roomPromise = undefined;
    });
    return roomPromise;
  }

  function resetSession(): void {
    feed.stop();
    sender.stop();
    batch(() => {
      roomId.value = undefined;
      visitor.value = undefined;
      ended.value = undefined;
      agent.value = undefined;
      unread.value = 0;
      transcript.value = { status: 'idle' };
      historyComplete.value = false;
      notice.value = undefined;
      store.clear();
    });
  }

  // ---- ending ----------------------------------------------------------------------------------------

  function markEnded(by: Ended['by'], transcriptRequested: boolean): void {
    feed.stop();
    batch(() => {
      ended.value = { by, transcriptRequested };
      finishing.value = false;
      const email = visitor.value?.email ?? guest.value.email;
      transcript.value = { status: 'idle' };
      if (email) guest.value = { ...guest.value, email };
    });
    emit({ type: 'chat-ended', by });
    // The site asked that nothing of a finished chat stays on the device: the ended view stays on screen,
    // but a reload (or a new chat) starts as a new visitor.
    if (config.value?.clearLocalStorageWhenChatEnded) {
      for (const key of SESSION_KEYS) storage.remove(key);
      forgetOnNewChat = true;
    }
  }

  async function finish(): Promise<void> {
    const rid = roomId.value;
    if (!rid || ended.value) return;
    finishing.value = true;
    try {
      await backend.closeChat({ token: token.value, roomId: rid });
      markEnded('visitor', false);
    } catch (e) {
      const error = asChatError(e);
      if (error.kind === 'room-closed') {
        await feed.sync();
        if (!ended.value) markEnded('agent', false);
        return;
      }
      batch(() => {
        finishing.value = false;
        notice.value = { error, during: 'finish' };
      });
    }
  }

  async function requestTranscript(email: string): Promise<boolean> {
    const rid = roomId.value;
    const address = email.trim();
    if (!rid || !isEmail(address)) return false;
    transcript.value = { status: 'sending', email: address };
    try {
      await backend.requestTranscript({ token: token.value, roomId: rid, email: address });
      transcript.value = { status: 'sent', email: address };
      return true;
    } catch (e) {
      transcript.value = { status: 'error', email: address, error: asChatError(e) };
      return false;
    }
  }

  /** Collect the conversation and hand it to `deliver` (which builds and saves the file, loaded on demand). */
  async function downloadTranscript(deliver: (messages: ChatMessage[]) => Promise<void>): Promise<void> {
    download.value = { status: 'preparing' };
    try {
      await deliver(await feed.exportMessages());
      download.value = { status: 'idle' };
    } catch (e) {
      download.value = { status: 'error', error: asChatError(e) };
    }
  }

  /** Leave the ended conversation and offer a fresh one (same visitor unless the server says to forget). */
  function newChat(): void {
    feed.stop();
    const forget = forgetOnNewChat || config.value?.clearLocalStorageWhenChatEnded === true;
    forgetOnNewChat = false;
    batch(() => {
      roomId.value = undefined;
      ended.value = undefined;
      agent.value = undefined;
      transcript.value = { status: 'idle' };
      historyComplete.value = false;
      notice.value = undefined;
      store.clear();
      if (forget) {
        token.value = '';
        visitor.value = undefined;
        guest.value = {};
      }
    });
  }

  const chat = {
    // state
    config: config as ReadonlySignal<ServerConfig | undefined>,
    screen: s.screen,
    messages: s.visibleMessages,
    agent: agent as ReadonlySignal<Agent | undefined>,
    typing: typing as ReadonlySignal<string | undefined>,
    connection: connection as ReadonlySignal<ConnectionState | 'idle'>,
    notice: notice as ReadonlySignal<Notice | undefined>,
    transcript: transcript as ReadonlySignal<TranscriptState>,
    ended: ended as ReadonlySignal<Ended | undefined>,
    finishing: finishing as ReadonlySignal<boolean>,
    unread: unread as ReadonlySignal<number>,
    historyComplete: historyComplete as ReadonlySignal<boolean>,
    download: download as ReadonlySignal<DownloadState>,
    roomId: roomId as ReadonlySignal<string | undefined>,
    visitor: visitor as ReadonlySignal<Visitor | undefined>,
    guest: guest as ReadonlySignal<VisitorDetails>,
    token: token as ReadonlySignal<string>,
    prechat: prechat as ReadonlySignal<{ busy: boolean; error?: ChatError }>,
    draft: draft,
    persistent: storage.persistent,
    offlineForm: createOfflineForm(backend, (message) => emit({ type: 'offline-submitted', message })),
    // actions
    load,
    send: sender.send,
    retry: sender.retry,
    discard: sender.discard,
    setTyping: feed.setTyping,
    reconnect: feed.reconnect,
    loadEarlier: feed.loadEarlier,
    exportMessages: feed.exportMessages,
    finish,
    requestTranscript,
    downloadTranscript,
    newChat,
    setWatching(visible: boolean): void {
      batch(() => {
        watching.value = visible;
        if (visible) unread.value = 0;
      });
    },
    setHiddenSystemMessages: (types: string[]) => (hiddenOverride.value = types),
    dismissNotice: () => (notice.value = undefined),
    /** For identity.ts and cross-tab.ts (loaded on demand): the writable session and what they build on. */
    core: {
      ...s,
      ensureToken,
      resetSession,
      load,
      stopWatch: feed.stop,
      startWatch: feed.start,
      syncHistory: feed.sync,
      markEnded,
      setPreferredAgent: (agentId: string | undefined) => (preferredAgent = agentId),
      batch,
    },
    dispose(): void {
      feed.stop();
      sender.stop();
      clearTimeout(loadTimer);
      for (const d of disposers) d();
    },
  };
  return chat;
}

export type Chat = ReturnType<typeof createChat>;
