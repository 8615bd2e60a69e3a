/**
 * The conversation controller: a few signals, derived values, and named actions. It owns every side
 * effect of a chat (backend calls, the live watch, persistence, retry timers); the UI only reads signals
 * and calls actions. Nothing the visitor types is dropped: unsent messages live in a persisted outbox and
 * are resent with the same id, in order.
 */
import { batch, computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { randomId } from '../../shared/rocketchat/random-id.ts';
import type {
  Agent,
  ChatBackend,
  ChatMessage,
  ConnectionState,
  RoomEvent,
  RoomWatch,
  ServerConfig,
  Visitor,
  VisitorDetails,
} from '../backend/chat-backend.ts';
import { ChatError, isChatError } from '../backend/errors.ts';
import { pageBackwards, type PageLoader } from './history-pager.ts';
import { createMessageStore, type OutboxEntry, type UiMessage } from './message-store.ts';
import { createOfflineForm, type OfflineMessage } from './offline-form.ts';
import type { KeyValueStore } from './storage.ts';

export type Screen = 'loading' | 'error' | 'unavailable' | 'offline' | 'prechat' | 'chat' | 'ended';

export interface Ended {
  by: 'visitor' | 'agent';
  transcriptRequested: boolean;
}

export type TranscriptState =
  | { status: 'idle' }
  | { status: 'sending'; email: string }
  | { status: 'sent'; email: string }
  | { status: 'error'; email: string; error: ChatError };

/** A problem not tied to one message, shown once at the top of the panel. */
export interface Notice {
  error: ChatError;
  /** What the visitor was doing, so the UI can say it and offer the right retry. */
  during: 'load' | 'start' | 'finish' | 'history';
}

export type DownloadState = { status: 'idle' } | { status: 'preparing' } | { status: 'error'; error: ChatError };

/** What the page's `on…` callbacks hear about (Rocket.Chat's widget API). */
export type ChatEvent =
  | { type: 'chat-started'; roomId: string }
  | { type: 'chat-ended'; by: Ended['by'] }
  | { type: 'agent-assigned'; agent: Agent }
  | { type: 'agent-status'; status: string }
  | { type: 'agent-message'; message: ChatMessage }
  | { type: 'service-offline' }
  | { type: 'registered'; visitor: Visitor }
  | { type: 'prechat-submitted'; details: VisitorDetails }
  | { type: 'offline-submitted'; message: OfflineMessage };

export interface ChatDeps {
  backend: ChatBackend;
  onEvent?: (e: ChatEvent) => void;
  storage: KeyValueStore;
  department?: string;
  /** Page size for history requests. */
  pageSize?: number;
  /** Automatic resend delays for transient failures, ms (last one repeats). */
  resendDelaysMs?: readonly number[];
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (s: string) => EMAIL_RE.test(s.trim());

/** The registration form has something to ask. */
export function hasPrechatFields(c: ServerConfig): boolean {
  return c.nameField || c.emailField || c.departments.some((d) => d.showOnRegistration) || c.customFields.length > 0;
}

export function createChat(deps: ChatDeps) {
  const { backend, storage } = deps;
  const emit = (e: ChatEvent) => deps.onEvent?.(e);
  const pageSize = deps.pageSize ?? 50;
  const resendDelays = deps.resendDelaysMs ?? [1_000, 2_000, 5_000, 10_000, 30_000];

  const token = signal<string>(storage.get<string>('token') ?? '');
  const roomId = signal<string | undefined>(storage.get<string>('rid'));
  const visitor = signal<Visitor | undefined>(storage.get<Visitor>('visitor'));
  const guest = signal<VisitorDetails>(storage.get<VisitorDetails>('guest') ?? {});
  const ended = signal<Ended | undefined>(storage.get<Ended>('ended'));
  const unread = signal<number>(storage.get<number>('unread') ?? 0);
  const draft = signal<string>(storage.get<string>('draft') ?? '');
  const config = signal<ServerConfig | undefined>(undefined);
  const loading = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const agent = signal<Agent | undefined>(undefined);
  const typing = signal<string | undefined>(undefined);
  const connection = signal<ConnectionState | 'idle'>('idle');
  const notice = signal<Notice | undefined>(undefined);
  const transcript = signal<TranscriptState>({ status: 'idle' });
  const finishing = signal(false);
  const historyComplete = signal(false);
  const download = signal<DownloadState>({ status: 'idle' });
  const store = createMessageStore();
  /** Whether the visitor can see the conversation right now (panel open and tab visible). */
  const watching = signal(false);

  const screen = computed<Screen>(() => {
    const c = config.value;
    if (!c) return loading.value === 'error' ? 'error' : 'loading';
    if (!c.enabled) return 'unavailable';
    if (ended.value) return 'ended';
    if (roomId.value || store.outbox.value.length > 0) return 'chat';
    if (!c.online) return 'offline';
    if (c.registrationForm && !visitor.value && hasPrechatFields(c)) return 'prechat';
    return 'chat';
  });

  /** The page's setHiddenSystemMessages overrides the server's list. */
  const hiddenOverride = signal<string[] | undefined>(undefined);
  const hiddenTypes = computed(() => new Set(hiddenOverride.value ?? config.value?.hiddenSystemMessages ?? []));
  const visibleMessages = computed<readonly UiMessage[]>(() => {
    const hidden = hiddenTypes.value;
    return store.all.value.filter((m) => !m.hidden && !(m.systemType && hidden.has(m.systemType)));
  });

  // ---- persistence: only the session, never the whole state -----------------------------------------
  const persisted: [string, Signal<unknown>][] = [
    ['token', token],
    ['rid', roomId],
    ['visitor', visitor],
    ['guest', guest],
    ['ended', ended],
    ['unread', unread],
    ['draft', draft],
  ];
  const disposers: (() => void)[] = persisted.map(([key, sig]) =>
    effect(() => {
      const v = sig.value;
      if (v === undefined || v === '' || v === 0) storage.remove(key);
      else storage.set(key, v);
    }),
  );
  // Back online: send what waited, even before a room (and its live feed) exists.
  const onOnline = () => {
    resendAttempt = 0;
    if (loading.value === 'error') void load();
    else void flush();
  };
  window.addEventListener('online', onOnline);
  disposers.push(() => window.removeEventListener('online', onOnline));

  // Another tab of the same site changed the session: follow it, so both show one conversation.
  disposers.push(
    storage.onExternalChange((key) => {
      if (key === 'unread') unread.value = storage.get<number>('unread') ?? 0;
      else if (key === 'token' || key === 'rid' || key === 'ended' || key === 'visitor') {
        void import('./cross-tab.ts').then((m) => m.adoptFromStorage(api.core));
      }
    }),
  );

  // Restore before the persisting effect first runs, or its first run would erase the saved outbox.
  for (const entry of storage.get<OutboxEntry[]>('outbox') ?? []) store.addLocal(entry);
  disposers.push(
    effect(() => {
      const box = store.outbox.value;
      if (box.length) storage.set('outbox', box);
      else storage.remove('outbox');
    }),
  );

  let watch: RoomWatch | undefined;
  let roomPromise: Promise<string> | undefined;
  let flushing = false;
  let resendTimer: ReturnType<typeof setTimeout> | undefined;
  let resendAttempt = 0;
  let syncing: Promise<void> | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let forgetOnNewChat = false;

  // ---- loading -------------------------------------------------------------------------------------

  let loadAttempt = 0;
  let loadTimer: ReturnType<typeof setTimeout> | undefined;

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
      if (error.transient) loadTimer = setTimeout(() => void load(), nextDelay(loadAttempt++, error));
      return;
    }
    loadAttempt = 0;
    await reconcile();
    void flush();
  }

  function nextDelay(attempt: number, error: ChatError): number {
    const planned = resendDelays[Math.min(attempt, resendDelays.length - 1)]!;
    return Math.max(planned, error.details.retryAfterMs ?? 0);
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
      startWatch();
      await syncHistory();
      return;
    }
    if (!roomId.value) return;
    // We remember a room the server no longer reports open: it was closed while we were away.
    await syncHistory();
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

  // ---- the room and its live feed --------------------------------------------------------------------

  function ensureToken(): string {
    if (!token.value) token.value = randomId();
    return token.value;
  }

  async function ensureRoom(): Promise<string> {
    if (roomId.value) return roomId.value;
    roomPromise ??= (async () => {
      const t = ensureToken();
      if (!visitor.value) {
        visitor.value = await backend.registerVisitor(t, { ...guest.value, ...(deps.department && !guest.value.department ? { department: deps.department } : {}) });
        emit({ type: 'registered', visitor: visitor.value });
      }
      const room = await backend.openRoom(t, preferredAgent ? { agentId: preferredAgent } : undefined);
      batch(() => {
        roomId.value = room.id;
        agent.value = room.agent;
        ended.value = undefined;
      });
      startWatch();
      emit({ type: 'chat-started', roomId: room.id });
      if (room.agent) emit({ type: 'agent-assigned', agent: room.agent });
      return room.id;
    })().finally(() => {
      roomPromise = undefined;
    });
    return roomPromise;
  }

  function startWatch(): void {
    const rid = roomId.value;
    const v = visitor.value;
    if (watch || !rid || !token.value) return;
    watch = backend.watchRoom({ token: token.value, roomId: rid, username: v?.username ?? '' }, onRoomEvent);
  }

  function stopWatch(): void {
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
        if (e.state === 'online') void flush();
        return;
      case 'resync':
        void syncHistory();
        void flush();
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
      if (closing && !ended.value) markEnded(closing.closedBy ?? 'agent', closing.transcriptRequested === true);
    });
  }

  /**
   * Fill whatever we missed: page backwards from the newest message until a page overlaps what we
   * already hold (or the conversation starts), so a long disconnection loses nothing.
   */
  function syncHistory(): Promise<void> {
    const rid = roomId.value;
    if (!rid || !token.value) return Promise.resolve();
    syncing ??= (async () => {
      const hadAny = store.all.value.some((m) => m.status === 'sent');
      try {
        const { messages, complete } = await pageBackwards(pageLoader(rid), {
          pageSize,
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

  function pageLoader(rid: string): PageLoader {
    return (before, limit) => backend.loadHistory({ token: token.value, roomId: rid, limit, ...(before !== undefined ? { before } : {}) });
  }

  /** Older messages for scroll-up; resolves false when the start of the conversation is reached. */
  async function loadEarlier(): Promise<boolean> {
    const rid = roomId.value;
    const oldest = store.oldestAt();
    if (!rid || historyComplete.value) return false;
    // `oldest + 1`: messages sharing the oldest millisecond are re-read (deduplicated), not skipped.
    const page = await pageLoader(rid)(oldest === undefined ? undefined : oldest + 1, pageSize);
    receive(page, false);
    if (page.length < pageSize) historyComplete.value = true;
    return !historyComplete.value;
  }

  /** The whole conversation from the server, oldest first, as the visitor may see it. */
  async function exportMessages(): Promise<ChatMessage[]> {
    const rid = roomId.value;
    if (!rid) return [];
    const { messages } = await pageBackwards(pageLoader(rid), { pageSize: 100 });
    return messages.filter((m) => !m.hidden && !(m.systemType && hiddenTypes.value.has(m.systemType)));
  }

  /** Collect the conversation and hand it to `deliver` (which builds and saves the file, loaded on demand). */
  async function downloadTranscript(deliver: (messages: ChatMessage[]) => Promise<void>): Promise<void> {
    download.value = { status: 'preparing' };
    try {
      await deliver(await exportMessages());
      download.value = { status: 'idle' };
    } catch (e) {
      download.value = { status: 'error', error: asChatError(e) };
    }
  }

  // ---- sending ---------------------------------------------------------------------------------------

  /** Queue a message; returns false (and keeps the draft) when it cannot be sent as typed. */
  function send(text: string): boolean {
    const body = text.trim();
    if (!body || ended.value) return false;
    const limit = config.value?.limitTextLength;
    if (limit && body.length > limit) return false;
    batch(() => {
      store.addLocal({ id: randomId(), text: body, createdAt: Date.now() });
      draft.value = '';
    });
    watch?.setTyping(false);
    void flush();
    return true;
  }

  /** Send queued messages one at a time, in order; stop at the first failure so order is kept. */
  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    clearTimeout(resendTimer);
    try {
      for (;;) {
        const next = store.all.value.find((m) => m.status !== 'sent');
        if (!next || ended.value) break;
        if (next.status === 'failed' && !next.error?.transient && next.retryAt === undefined) break;
        store.update(next.id, { status: 'sending', error: undefined, retryAt: undefined });
        try {
          const rid = await ensureRoom();
          if (notice.value?.during === 'start') notice.value = undefined;
          const sent = await backend.sendMessage({ token: token.value, roomId: rid, id: next.id, text: next.text });
          store.upsert([sent]);
          resendAttempt = 0;
        } catch (e) {
          const error = asChatError(e);
          if (error.kind === 'room-closed') {
            store.update(next.id, { status: 'failed', error, retryAt: undefined });
            await syncHistory();
            if (!ended.value) markEnded('agent', false);
            break;
          }
          if (!roomId.value && !error.transient) notice.value = { error, during: 'start' };
          const delay = error.transient ? nextResendDelay(error) : undefined;
          store.update(next.id, { status: 'failed', error, retryAt: delay === undefined ? undefined : Date.now() + delay });
          if (delay !== undefined) resendTimer = setTimeout(() => void flush(), delay);
          break;
        }
      }
    } finally {
      flushing = false;
    }
  }

  function nextResendDelay(error: ChatError): number {
    return nextDelay(resendAttempt++, error);
  }

  /** The visitor's Retry on a failed message (or the "try again" of a start-up error). */
  function retry(id?: string): void {
    const ids = id ? [id] : store.all.value.filter((m) => m.status === 'failed').map((m) => m.id);
    batch(() => ids.forEach((i) => store.update(i, { status: 'sending', error: undefined, retryAt: undefined })));
    resendAttempt = 0;
    notice.value = undefined;
    void flush();
  }

  /** Drop a message that failed for good (for example too long); its text goes back to the draft. */
  function discard(id: string): void {
    const m = store.get(id);
    if (!m || m.status === 'sent') return;
    batch(() => {
      store.remove(id);
      if (!draft.value) draft.value = m.text;
    });
  }

  // ---- who the visitor is (the page's API and the registration form live in identity.ts) -------------

  let preferredAgent: string | undefined;

  function resetSession(): void {
    stopWatch();
    clearTimeout(resendTimer);
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

  const prechat = signal<{ busy: boolean; error?: ChatError }>({ busy: false });
  const offlineForm = createOfflineForm(backend, (message) => emit({ type: 'offline-submitted', message }));

  function setTyping(isTyping: boolean): void {
    watch?.setTyping(isTyping);
  }

  // ---- ending ----------------------------------------------------------------------------------------

  function markEnded(by: Ended['by'], transcriptRequested: boolean): void {
    stopWatch();
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
      for (const key of ['token', 'rid', 'visitor', 'guest', 'ended', 'unread', 'draft', 'outbox']) storage.remove(key);
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
        await syncHistory();
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

  /** Leave the ended conversation and offer a fresh one (same visitor unless the server says to forget). */
  function newChat(): void {
    stopWatch();
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

  function setWatching(visible: boolean): void {
    batch(() => {
      watching.value = visible;
      if (visible) unread.value = 0;
    });
  }

  function dispose(): void {
    stopWatch();
    clearTimeout(resendTimer);
    clearTimeout(loadTimer);
    for (const d of disposers) d();
  }

  const api = {
    // state
    config: config as ReadonlySignal<ServerConfig | undefined>,
    screen,
    messages: visibleMessages,
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
    draft,
    persistent: storage.persistent,
    // actions
    load,
    send,
    retry,
    discard,
    setTyping,
    finish,
    requestTranscript,
    newChat,
    loadEarlier,
    exportMessages,
    downloadTranscript,
    setWatching,
    prechat: prechat as ReadonlySignal<{ busy: boolean; error?: ChatError }>,
    offlineForm,
    setHiddenSystemMessages: (types: string[]) => (hiddenOverride.value = types),
    dismissNotice: () => (notice.value = undefined),
    /** For identity.ts only: the writable session and the operations it builds on. */
    core: {
      backend,
      token,
      visitor,
      guest,
      draft,
      prechat,
      emit,
      ensureToken,
      resetSession,
      load,
      roomId,
      ended,
      historyComplete,
      transcript,
      store,
      storage,
      stopWatch,
      startWatch,
      syncHistory,
      markEnded,
      setPreferredAgent: (agentId: string | undefined) => (preferredAgent = agentId),
      batch,
    },
    reconnect: () => watch?.reconnectNow(),
    dispose,
  };
  return api;
}

export type Chat = ReturnType<typeof createChat>;

function asChatError(e: unknown): ChatError {
  return isChatError(e) ? e : new ChatError('server', e instanceof Error ? e.message : String(e));
}
