/**
 * The chat's state: a few signals (the session ones persisted by persistence.ts), derived values, and
 * the types the UI reads. Created once by createChat and shared by its parts (room-feed, sender).
 */
import { computed, signal } from '@preact/signals';
import type { Agent, ChatBackend, ChatMessage, ConnectionState, QueuePlace, ServerConfig, Visitor, VisitorDetails } from '../backend/chat-backend.ts';
import { asChatError, type ChatError } from '../backend/errors.ts';
import { createMessageStore, type UiMessage } from './message-store.ts';
import type { OfflineMessage } from './offline-form.ts';
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
  during: 'load' | 'start' | 'finish' | 'history' | 'attachment' | 'recovered';
}

export type DownloadState = { status: 'idle' } | { status: 'preparing' } | { status: 'error'; error: ChatError };

/** What the page's `on…` callbacks hear about. */
export type ChatEvent =
  | { type: 'chat-started'; conversationId: string }
  | { type: 'chat-ended'; by: Ended['by'] }
  | { type: 'agent-assigned'; agent: Agent }
  | { type: 'agent-status'; status: string }
  | { type: 'queue'; place: QueuePlace }
  | { type: 'agent-message'; message: ChatMessage }
  /** The server accepted the visitor's message (analytics: the page's onMessageSent). */
  | { type: 'message-sent'; conversationId: string; message: ChatMessage }
  | { type: 'transcript-requested'; conversationId: string }
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
  /** Automatic retry delays for transient failures, ms (the last one repeats). */
  resendDelaysMs?: readonly number[];
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (s: string) => EMAIL_RE.test(s.trim());

/** The registration form has something to ask. */
export function hasPrechatFields(c: ServerConfig): boolean {
  return c.nameField || c.emailField || (c.features.departments && c.departments.some((d) => d.showOnRegistration)) || c.customFields.length > 0;
}

export { asChatError };

export function createChatState(deps: ChatDeps) {
  const { storage } = deps;
  const delays = deps.resendDelaysMs ?? [1_000, 2_000, 5_000, 10_000, 30_000];
  const s = {
    deps,
    backend: deps.backend,
    storage,
    emit: (e: ChatEvent) => deps.onEvent?.(e),
    pageSize: deps.pageSize ?? 50,
    /** How long to wait before attempt `n` after `error`: backing off, never sooner than a rate limit asks. */
    delayFor: (attempt: number, error: ChatError) => Math.max(delays[Math.min(attempt, delays.length - 1)]!, error.details.retryAfterMs ?? 0),

    // The session (persisted). The conversation's credentials are the backend's own business.
    conversationId: signal<string | undefined>(storage.get<string>('rid')),
    visitor: signal<Visitor | undefined>(storage.get<Visitor>('visitor')),
    guest: signal<VisitorDetails>(storage.get<VisitorDetails>('guest') ?? {}),
    ended: signal<Ended | undefined>(storage.get<Ended>('ended')),
    unread: signal<number>(storage.get<number>('unread') ?? 0),
    draft: signal<string>(storage.get<string>('draft') ?? ''),

    // This page's view of the chat.
    config: signal<ServerConfig | undefined>(undefined),
    loading: signal<'idle' | 'loading' | 'ready' | 'error'>('idle'),
    agent: signal<Agent | undefined>(undefined),
    /** Where the conversation waits for an agent (until one serves it). */
    queue: signal<QueuePlace | undefined>(undefined),
    /** The department the conversation is with, when the server says. */
    department: signal<string | undefined>(undefined),
    typing: signal<string | undefined>(undefined),
    connection: signal<ConnectionState | 'idle'>('idle'),
    notice: signal<Notice | undefined>(undefined),
    transcript: signal<TranscriptState>({ status: 'idle' }),
    finishing: signal(false),
    historyComplete: signal(false),
    download: signal<DownloadState>({ status: 'idle' }),
    prechat: signal<{ busy: boolean; error?: ChatError }>({ busy: false }),
    /** Whether the visitor can see the conversation right now (panel open and tab visible). */
    watching: signal(false),
    /** Messages of this device only, shown before the conversation (proactive messages, panel/triggers.tsx). */
    local: signal<readonly UiMessage[]>([]),
    /** The page's setHiddenSystemMessages overrides the server's list. */
    hiddenOverride: signal<string[] | undefined>(undefined),
    store: createMessageStore(),
  };
  const hiddenTypes = computed(() => new Set(s.hiddenOverride.value ?? s.config.value?.hiddenSystemMessages ?? []));
  const isShown = (m: ChatMessage) => !m.hidden && !(m.systemType && hiddenTypes.value.has(m.systemType));

  const screen = computed<Screen>(() => {
    const c = s.config.value;
    if (!c) return s.loading.value === 'error' ? 'error' : 'loading';
    if (!c.enabled) return 'unavailable';
    if (s.ended.value) return 'ended';
    if (s.conversationId.value || s.store.outbox.value.length > 0) return 'chat';
    if (!c.online) return 'offline';
    if (c.features.registrationForm && !s.visitor.value && hasPrechatFields(c)) return 'prechat';
    return 'chat';
  });
  const visibleMessages = computed<readonly UiMessage[]>(() => {
    const shown = s.store.all.value.filter(isShown);
    return s.local.value.length ? [...s.local.value, ...shown] : shown;
  });

  return { ...s, isShown, screen, visibleMessages };
}

export type ChatState = ReturnType<typeof createChatState>;
