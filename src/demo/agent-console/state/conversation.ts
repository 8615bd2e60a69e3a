/**
 * One open conversation in the console: its history plus the live stream (upserted by `_id`), the
 * visitor's typing, our replies (optimistic, with a client `_id` so a retry can't duplicate), agent
 * typing at Rocket.Chat's cadence, taking a queued chat and closing it with a comment.
 */
import { batch, computed, signal } from '@preact/signals';
import { randomId } from '../../../shared/rocketchat/random-id.ts';
import type { WireRoom } from '../../../shared/rocketchat/wire.ts';
import { actionError, type ActionError } from '../../shared/describe-error.ts';
import type { ConsoleClient } from './client.ts';
import { toConsoleMessage, upsertAll, upsertMessage, type AnyWireMessage, type ConsoleMessage } from './messages.ts';
import { TypingNotifier, type TypingTimers } from './typing-notifier.ts';

/** A visitor's `user-typing` is refreshed every 4.5 s while they type; forget it if the stop never comes. */
export const VISITOR_TYPING_EXPIRES_MS = 8_000;

export interface ConversationOptions {
  /** Something changed that the room list should learn about (taken, closed). */
  onRoomChanged?: () => void;
  typingTimers?: TypingTimers;
}

export function createConversation(client: ConsoleClient, initial: WireRoom, options: ConversationOptions = {}) {
  const rid = initial._id;
  const room = signal<WireRoom>(initial);
  const messages = signal<ConsoleMessage[]>([]);
  const loading = signal(true);
  const error = signal<ActionError | null>(null);
  const visitorTyping = signal<string | null>(null);
  const closedLocally = signal(false);
  const open = computed(() => room.value.open !== false && !closedLocally.value);
  const servedByMe = computed(() => room.value.servedBy?.username === client.username);
  const queued = computed(() => open.value && !room.value.servedBy);
  const visitorName = computed(() => room.value.fname || room.value.v.username);

  const visitor = { _id: initial.v._id, token: initial.v.token };
  let typingExpiry: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const setVisitorTyping = (name: string | null) => {
    clearTimeout(typingExpiry);
    visitorTyping.value = name;
    if (name) typingExpiry = setTimeout(() => (visitorTyping.value = null), VISITOR_TYPING_EXPIRES_MS);
  };

  const receive = (m: AnyWireMessage) => {
    if (disposed || m.rid !== rid) return;
    const cm = toConsoleMessage(m, visitor);
    batch(() => {
      messages.value = upsertMessage(messages.value, cm);
      if (cm.kind === 'visitor') setVisitorTyping(null);
      if (cm.systemType === 'livechat-close') closedLocally.value = true;
    });
    if (cm.systemType === 'livechat-close') options.onRoomChanged?.();
  };

  const stopWatching = client.watchRoom(rid, {
    onMessage: receive,
    onTyping: (username, typing) => {
      if (disposed || username === client.username) return;
      setVisitorTyping(typing ? visitorName.value : null);
    },
  });

  const notifier = new TypingNotifier((typing) => {
    client.typing(rid, typing).catch(() => undefined);
  }, options.typingTimers);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const history = await client.history(room.value, 100);
      if (disposed) return;
      // History is newest first; live messages may already be here: upsert, never replace.
      messages.value = upsertAll(
        messages.value,
        history.map((m) => toConsoleMessage(m, visitor)).reverse(),
      );
      error.value = null;
    } catch (e) {
      if (!disposed) error.value = actionError("Couldn't load the conversation", e);
    } finally {
      if (!disposed) loading.value = false;
    }
  }

  async function deliver(id: string, text: string): Promise<void> {
    try {
      const sent = await client.send(rid, text, id);
      if (disposed) return;
      messages.value = upsertMessage(messages.value, toConsoleMessage(sent, visitor));
      error.value = null;
    } catch (e) {
      if (disposed) return;
      const report = actionError("Couldn't send the message", e);
      const failed = messages.value.find((m) => m.id === id);
      batch(() => {
        if (failed) messages.value = upsertMessage(messages.value, { ...failed, pending: false, error: report.summary });
        error.value = report;
      });
    }
  }

  function send(text: string): void {
    const msg = text.trim();
    if (!msg) return;
    notifier.stop();
    const id = randomId();
    const optimistic: ConsoleMessage = {
      id,
      rid,
      kind: 'agent',
      text: msg,
      author: client.name || client.username,
      ts: new Date(),
      pending: true,
    };
    messages.value = upsertMessage(messages.value, optimistic);
    void deliver(id, msg);
  }

  function retry(id: string): void {
    const m = messages.value.find((x) => x.id === id);
    if (!m?.error) return;
    messages.value = upsertMessage(messages.value, { ...m, pending: true, error: undefined });
    void deliver(id, m.text);
  }

  async function close(comment: string): Promise<boolean> {
    notifier.stop();
    try {
      await client.close(rid, comment.trim());
      closedLocally.value = true;
      error.value = null;
      options.onRoomChanged?.();
      return true;
    } catch (e) {
      error.value = actionError("Couldn't close the chat", e);
      return false;
    }
  }

  async function take(): Promise<void> {
    try {
      await client.take(rid);
      error.value = null;
      options.onRoomChanged?.();
    } catch (e) {
      error.value = actionError("Couldn't take the chat", e);
    }
  }

  function dispose(): void {
    disposed = true;
    notifier.stop();
    stopWatching();
    clearTimeout(typingExpiry);
  }

  void load();

  return {
    rid,
    room,
    messages,
    loading,
    error,
    visitorTyping,
    open,
    queued,
    servedByMe,
    visitorName,
    /** The room list has a fresher copy of this room (agent assigned, closed). */
    update: (r: WireRoom) => {
      if (r._id === rid) room.value = r;
    },
    typingInput: (text: string) => notifier.input(text),
    send,
    retry,
    close,
    take,
    dismissError: () => (error.value = null),
    dispose,
  };
}

export type Conversation = ReturnType<typeof createConversation>;
