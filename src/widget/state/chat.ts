/**
 * The conversation controller: it loads the server's config, starts the conversation, and ends it, and it
 * composes the rest — state (chat-state), persistence, the incoming side (room-feed) and the outgoing
 * side (sender). It owns every side effect of a chat; the UI only reads signals and calls actions.
 */
import { batch, type ReadonlySignal } from '@preact/signals';
import type { Agent, ChatMessage, ConnectionState, QueuePlace, ServerConfig, Visitor, VisitorDetails } from '../backend/chat-backend.ts';
import { ChatError, isChatError } from '../backend/errors.ts';
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
import { SESSION_KEYS, persistSession } from './persistence.ts';
import { createRoomFeed } from './room-feed.ts';
import { createSender } from './sender.ts';

export type { ChatDeps, ChatEvent, DownloadState, Ended, Notice, Screen, TranscriptState } from './chat-state.ts';
export { hasPrechatFields, isEmail } from './chat-state.ts';

/** This tab's own keys: another tab changing them is no change of session. */
const LOCAL_KEYS = new Set(['draft', 'outbox', 'open', 'sound', 'guest', 'triggers', 'triggered', 'trigger-messages']);

export function createChat(deps: ChatDeps) {
  const s = createChatState(deps);
  const { backend, storage, emit, conversationId, visitor, guest, ended, unread, draft, config, loading, agent, queue, department, typing, connection, notice, transcript, finishing, historyComplete, download, prechat, watching, hiddenOverride, store, delayFor } = s;
  let starting: Promise<string> | undefined;
  let preferredAgent: string | undefined;
  let forgetOnNewChat = false;
  let loadAttempt = 0;
  let loadTimer: ReturnType<typeof setTimeout> | undefined;

  const feed = createRoomFeed(s, { markEnded, flush: () => void sender.flush(), sessionLost });
  const sender = createSender(s, { ensureConversation, sync: feed.sync, markEnded, stopTyping: () => feed.setTyping(false), sessionLost });
  /** A fresh session started by itself and not yet accepted by the server: a second refusal waits for the visitor. */
  let unconfirmed = false;
  let recovering: Promise<boolean> | undefined;
  /** Who the backend says the visitor is, to notice another tab switching visitors. */
  let who = backend.visitorToken?.get() ?? '';
  const disposers: (() => void)[] = [persistSession(s)];

  // Back online: send what waited, even before a conversation (and its live feed) exists.
  const onOnline = () => {
    sender.resetBackoff();
    if (loading.value === 'error') void load();
    else void sender.flush();
  };
  window.addEventListener('online', onOnline);
  disposers.push(() => window.removeEventListener('online', onOnline));

  // Another tab of the same site changed the session (ours, or the backend's credentials): follow it,
  // so both show one conversation.
  disposers.push(
    storage.onExternalChange((key) => {
      if (key === 'unread') unread.value = storage.get<number>('unread') ?? 0;
      else if (!LOCAL_KEYS.has(key)) void import('./cross-tab.ts').then((m) => m.adoptFromStorage(chat.core));
    }),
  );

  // ---- loading -------------------------------------------------------------------------------------

  async function load(): Promise<void> {
    clearTimeout(loadTimer);
    loading.value = 'loading';
    try {
      const c = await backend.loadConfig({ department: deps.department });
      who = backend.visitorToken?.get() ?? '';
      batch(() => {
        config.value = c;
        loading.value = 'ready';
        if (notice.value?.during === 'load') notice.value = undefined;
        // The server's record of the visitor we remember (the backend answers for its own visitor only).
        if (c.visitor && visitor.value) visitor.value = c.visitor;
      });
      if (c.enabled && !c.online && !c.openConversation) emit({ type: 'service-offline' });
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
    // Started afresh: nothing the server said about the old session applies (the fresh one flushes).
    if (config.value?.sessionLost && (await sessionLost())) return;
    await reconcile();
    void sender.flush();
  }

  /** Match what we remember with what the server says: adopt an open conversation, or notice one that ended. */
  async function reconcile(): Promise<void> {
    const c = config.value!;
    if (c.openConversation) {
      if (conversationId.value !== c.openConversation.id) {
        batch(() => {
          conversationId.value = c.openConversation!.id;
          ended.value = undefined;
          store.clear();
        });
      }
      const open = c.openConversation;
      batch(() => {
        agent.value = open.agent;
        queue.value = open.agent ? undefined : open.queue;
        department.value = open.department;
      });
      feed.start();
      await feed.sync();
      return;
    }
    if (!conversationId.value) return;
    // We remember a conversation the server no longer reports open: it ended while we were away.
    await feed.sync();
    if (!ended.value && conversationId.value) {
      const closing = store.all.value.find((m) => m.system === 'chat-closed');
      if (closing) markEnded(closing.closedBy ?? 'agent', closing.transcriptRequested === true);
      // The server forgot the conversation (or the visitor): start afresh rather than show a dead one.
      else if (!notice.value) await sessionLost();
    }
  }

  /**
   * The server refused our credentials or forgot our conversation: start afresh (recovery.ts), once by
   * itself; if the fresh session is refused too before the server ever accepted it, the visitor decides
   * (`startOver`), so a server that refuses everyone cannot make the widget loop.
   */
  function sessionLost(manual = false): Promise<boolean> {
    if (unconfirmed && !manual) {
      notice.value = { error: new ChatError('unauthorized', 'refused again'), during: 'start' };
      return Promise.resolve(false);
    }
    // Several parts may notice at once (history, the outbox, the config): one fresh start serves them all.
    recovering ??= import('./recovery.ts')
      .then(({ startAfresh }) => {
        startAfresh({ s, stopFeed: feed.stop, stopSender: sender.stop });
        unconfirmed = true;
        // What was carried over goes now (within a flush this only marks it; the flush goes on).
        void sender.flush();
        return true;
      })
      .finally(() => (recovering = undefined));
    return recovering;
  }

  // ---- starting the conversation ---------------------------------------------------------------------

  async function ensureConversation(): Promise<string> {
    if (conversationId.value) return conversationId.value;
    const open = async () => {
      const details = { ...guest.value, ...(deps.department && !guest.value.department ? { department: deps.department } : {}) };
      if (!visitor.value) {
        visitor.value = await backend.identify(details);
        who = backend.visitorToken?.get() ?? '';
        emit({ type: 'registered', visitor: visitor.value });
      }
      return backend.startChat({ details, ...(preferredAgent ? { agentId: preferredAgent } : {}) });
    };
    starting ??= (async () => {
      const started = await open().catch((e: unknown) => {
        const email = guest.value.email;
        if (!isChatError(e) || e.kind !== 'invalid-email' || !email) throw e;
        // No form asked for this address: the page gave it (setGuestEmail, registerGuest's data) or an
        // earlier visit stored it, and the visitor has nowhere to correct it. Every message would fail
        // on it, so the chat starts without it, and the site's developer is told.
        console.warn(`[chat widget] the server refused the email "${email}" the page gave; chatting without it.`);
        const { email: _refused, ...rest } = guest.value;
        guest.value = rest;
        return open();
      });
      unconfirmed = false;
      batch(() => {
        conversationId.value = started.id;
        agent.value = started.agent;
        department.value = started.department;
        ended.value = undefined;
        const c = config.value;
        if (c && started.features) config.value = { ...c, features: { ...c.features, ...started.features } };
      });
      feed.start();
      emit({ type: 'chat-started', conversationId: started.id });
      if (started.agent) emit({ type: 'agent-assigned', agent: started.agent });
      return started.id;
    })().finally(() => {
      starting = undefined;
    });
    return starting;
  }

  /** What a conversation left on screen and in the session, gone (who the visitor is stays). Within a batch. */
  function clearConversation(): void {
    conversationId.value = undefined;
    ended.value = undefined;
    agent.value = undefined;
    transcript.value = { status: 'idle' };
    historyComplete.value = false;
    notice.value = undefined;
    store.clear();
    s.local.value = [];
  }

  function resetSession(): void {
    feed.stop();
    sender.stop();
    backend.forget('conversation');
    batch(() => {
      clearConversation();
      visitor.value = undefined;
      unread.value = 0;
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
    if (config.value?.forgetWhenEnded) {
      for (const key of SESSION_KEYS) storage.remove(key);
      backend.forget('device');
      forgetOnNewChat = true;
    }
  }

  async function finish(): Promise<void> {
    const id = conversationId.value;
    if (!id || ended.value) return;
    finishing.value = true;
    try {
      await backend.closeChat({ conversation: id });
      markEnded('visitor', false);
    } catch (e) {
      const error = asChatError(e);
      if (error.kind === 'room-closed') {
        await feed.sync();
        if (!ended.value) markEnded('agent', false);
        return;
      }
      // Nothing left to finish on the server: the widget starts afresh and says so.
      if (error.kind === 'unauthorized' && (await sessionLost())) {
        finishing.value = false;
        return;
      }
      batch(() => {
        finishing.value = false;
        notice.value = { error, during: 'finish' };
      });
    }
  }

  /** Start the conversation now, before any message (a page asked to, as Connect's `initiateChat` does). */
  async function start(): Promise<boolean> {
    try {
      await ensureConversation();
      if (notice.value?.during === 'start') notice.value = undefined;
      return true;
    } catch (e) {
      notice.value = { error: asChatError(e), during: 'start' };
      return false;
    }
  }

  async function requestTranscript(email: string): Promise<boolean> {
    const id = conversationId.value;
    const address = email.trim();
    if (!id || !isEmail(address)) return false;
    transcript.value = { status: 'sending', email: address };
    try {
      await backend.requestTranscript({ conversation: id, email: address });
      transcript.value = { status: 'sent', email: address };
      emit({ type: 'transcript-requested', conversationId: id });
      return true;
    } catch (e) {
      transcript.value = { status: 'error', email: address, error: asChatError(e) };
      return false;
    }
  }

  /** A short-lived address of one of the conversation's files (or its preview), to show or open it. */
  function attachmentUrl(id: string): Promise<string> {
    const conversation = conversationId.value;
    return conversation ? backend.attachmentUrl({ conversation, id }) : Promise.reject(new Error('no conversation'));
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
    const forget = forgetOnNewChat || config.value?.forgetWhenEnded === true;
    forgetOnNewChat = false;
    backend.forget(forget ? 'visitor' : 'conversation');
    if (forget) who = '';
    batch(() => {
      clearConversation();
      if (forget) {
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
    queue: queue as ReadonlySignal<QueuePlace | undefined>,
    department: department as ReadonlySignal<string | undefined>,
    typing: typing as ReadonlySignal<string | undefined>,
    connection: connection as ReadonlySignal<ConnectionState | 'idle'>,
    notice: notice as ReadonlySignal<Notice | undefined>,
    transcript: transcript as ReadonlySignal<TranscriptState>,
    ended: ended as ReadonlySignal<Ended | undefined>,
    finishing: finishing as ReadonlySignal<boolean>,
    unread: unread as ReadonlySignal<number>,
    historyComplete: historyComplete as ReadonlySignal<boolean>,
    download: download as ReadonlySignal<DownloadState>,
    conversationId: conversationId as ReadonlySignal<string | undefined>,
    visitor: visitor as ReadonlySignal<Visitor | undefined>,
    guest: guest as ReadonlySignal<VisitorDetails>,
    prechat: prechat as ReadonlySignal<{ busy: boolean; error?: ChatError }>,
    draft: draft,
    persistent: storage.persistent,
    // actions
    load,
    start,
    send: sender.send,
    choose: sender.choose,
    /** "Try again" after a start failed: resend what waits, or start again when nothing does. */
    retryStart: () => (store.outbox.value.length ? sender.retry() : void start()),
    retry: sender.retry,
    discard: sender.discard,
    setTyping: feed.setTyping,
    reconnect: feed.reconnect,
    loadEarlier: feed.loadEarlier,
    exportMessages: feed.exportMessages,
    finish,
    requestTranscript,
    downloadTranscript,
    attachmentUrl,
    newChat,
    /** The visitor's "Start a new chat" after the server refused the session twice. */
    startOver: () => void sessionLost(true),
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
      resetSession,
      /** Who the visitor was the last time this tab knew (the backend's visitor token, or ''). */
      who: () => who,
      setWho: (next: string) => (who = next),
      load,
      stopWatch: feed.stop,
      startWatch: feed.start,
      syncHistory: feed.sync,
      markEnded,
      setPreferredAgent: (agentId: string | undefined) => (preferredAgent = agentId),
      /** Register the visitor and open the conversation now, if not yet (a file sent before any message). */
      ensureConversation,
      /**
       * The storage keys of the session. Lazily loaded state modules reach core modules through `core`:
       * importing them directly makes the bundler split the panel's shared code into an extra chunk.
       */
      sessionKeys: SESSION_KEYS,
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
