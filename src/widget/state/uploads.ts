/**
 * Files the visitor sends: each is checked against the server's rules before anything is sent (too
 * large, a refused type, empty), then uploaded with progress and a way to cancel; a failed one keeps its
 * file and offers Retry. Files waiting or failed are kept in IndexedDB (which can hold them), so a reload
 * loses nothing: they come back as interrupted, to retry. Loaded with the upload controls, only where the
 * server takes files.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { UploadRules } from '../backend/chat-backend.ts';
import { ChatError } from '../backend/errors.ts';
import { randomId } from '../../shared/random-id.ts';
import { asChatError } from '../backend/errors.ts';
import type { Chat } from './chat.ts';
import { keeper } from './kept-files.ts';

export type Refusal = { kind: 'size'; max: number } | { kind: 'type' } | { kind: 'empty' };

export interface Upload {
  id: string;
  file: File;
  status: 'refused' | 'uploading' | 'failed';
  /** Bytes sent so far. */
  sent: number;
  refusal?: Refusal;
  error?: ChatError;
  /** A passing failure: sent again by itself (Retry sends now). */
  retrying?: boolean;
}

/** Waits before sending a file again after a passing failure (the last one repeats). */
const RETRY_MS = [2_000, 5_000, 15_000, 30_000];
/** Refusals no resend can change: the file must be removed. */
const FINAL = new Set(['file-too-large', 'file-type', 'disabled', 'invalid-params']);

/** `image/*` matches any image; a bare type matches itself; `.pdf` matches by name. */
export function typeMatches(file: { name: string; type: string }, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  const type = file.type.toLowerCase();
  if (p.startsWith('.')) return file.name.toLowerCase().endsWith(p);
  if (p.endsWith('/*')) return type.startsWith(p.slice(0, -1));
  return type === p;
}

/** Why the server would refuse this file, judged before sending it (undefined: let it try). */
export function refusalOf(file: { name: string; type: string; size: number }, rules: UploadRules): Refusal | undefined {
  if (file.size === 0) return { kind: 'empty' };
  // As Rocket.Chat's multipart parser: a file of exactly the limit is already too large.
  if (rules.maxBytes !== undefined && file.size >= rules.maxBytes) return { kind: 'size', max: rules.maxBytes };
  // Without a type the server decides by the name; the widget cannot tell.
  if (!file.type) return undefined;
  if (rules.refuse.some((p) => typeMatches(file, p))) return { kind: 'type' };
  if (rules.accept.length && !rules.accept.some((p) => typeMatches(file, p))) return { kind: 'type' };
  return undefined;
}

const made = new WeakMap<Chat, Uploads>();

/** The uploads of one chat (made once, with the first file). */
export function uploadsOf(chat: Chat): Uploads {
  let u = made.get(chat);
  if (!u) made.set(chat, (u = createUploads(chat)));
  return u;
}

export type Uploads = ReturnType<typeof createUploads>;

function createUploads(chat: Chat) {
  const { backend } = chat.core;
  const list = signal<readonly Upload[]>([]);
  const running = new Map<string, AbortController>();
  const timers = new Map<string, { timer: ReturnType<typeof setTimeout>; attempt: number }>();
  let rules: Promise<UploadRules> | undefined;
  const store = keeper();
  // Asked again for each batch of files: an admin may change the limits while a visitor chats.
  const rulesNow = () => (rules ??= backend.uploadRules().catch(() => ({ accept: [], refuse: [] })).finally(() => setTimeout(() => (rules = undefined), 30_000)));

  const patch = (id: string, p: Partial<Upload>) => (list.value = list.value.map((u) => (u.id === id ? { ...u, ...p } : u)));
  const drop = (id: string) => {
    running.get(id)?.abort();
    running.delete(id);
    clearTimeout(timers.get(id)?.timer);
    timers.delete(id);
    store.remove(id);
    list.value = list.value.filter((u) => u.id !== id);
  };

  async function send(id: string): Promise<void> {
    const u = list.value.find((x) => x.id === id);
    if (!u || running.has(id)) return;
    const controller = new AbortController();
    running.set(id, controller);
    clearTimeout(timers.get(id)?.timer);
    patch(id, { status: 'uploading', sent: 0, error: undefined, retrying: false });
    try {
      const conversation = await chat.core.ensureConversation();
      store.put(id, u.file, conversation);
      const message = await backend.uploadFile({
        conversation,
        file: u.file,
        signal: controller.signal,
        onProgress: (sent) => patch(id, { sent }),
      });
      running.delete(id);
      timers.delete(id);
      batch(() => {
        // The server may not say the size of a file it stored; the visitor's browser knows it.
        if (message) chat.core.store.upsert([{ ...message, ...(message.attachments ? { attachments: message.attachments.map((a) => ({ size: u.file.size, ...a })) } : {}) }]);
        drop(id);
      });
    } catch (e) {
      running.delete(id);
      // Cancelled by the visitor: it is gone already.
      if (controller.signal.aborted) return;
      const error = asChatError(e);
      if (FINAL.has(error.kind)) {
        store.remove(id);
        patch(id, { status: 'refused', error });
        return;
      }
      const retry = error.transient ? (timers.get(id)?.attempt ?? 0) : undefined;
      patch(id, { status: 'failed', error, retrying: retry !== undefined });
      if (retry !== undefined) {
        const wait = Math.max(RETRY_MS[Math.min(retry, RETRY_MS.length - 1)]!, error.details.retryAfterMs ?? 0);
        timers.set(id, { attempt: retry + 1, timer: setTimeout(() => void send(id), wait) });
      }
    }
  }

  async function add(files: readonly File[]): Promise<void> {
    const r = await rulesNow();
    for (const file of files) {
      const refusal = refusalOf(file, r);
      const id = randomId();
      list.value = [...list.value, { id, file, status: refusal ? 'refused' : 'uploading', sent: 0, ...(refusal ? { refusal } : {}) }];
      if (!refusal) void send(id);
    }
  }

  // Files that were being sent or had failed when the page went: back, to retry (those of an earlier
  // conversation are of no use any more).
  void store.all().then((kept) => {
    const known = new Set(list.value.map((u) => u.id));
    for (const k of kept) if (k.conversation !== chat.conversationId.value) store.remove(k.id);
    const back = kept.filter((k) => !known.has(k.id) && k.conversation === chat.conversationId.value);
    if (back.length)
      list.value = [...back.map((k): Upload => ({ id: k.id, file: k.file, status: 'failed', sent: 0, error: new ChatError('network', 'Interrupted by a reload') })), ...list.value];
  });

  return {
    list: list as ReadonlySignal<readonly Upload[]>,
    rules: rulesNow,
    add,
    retry: (id: string) => {
      clearTimeout(timers.get(id)?.timer);
      timers.delete(id);
      void send(id);
    },
    /** Cancel one being sent, or remove one refused or failed. */
    remove: drop,
  };
}
