/**
 * The open chats: polled on a timer (new chats have no stream an agent could watch here) and refreshed
 * soon after a message arrives in any of them. Each room keeps its last message (read from its history
 * once, then from the stream) and how many visitor messages arrived since the agent last looked.
 */
import { signal } from '@preact/signals';
import { AgentApiError } from '../../../shared/rocketchat/agent-client.ts';
import type { WireMessage, WireRoom } from '../../../shared/rocketchat/wire.ts';
import { actionError, type ActionError } from '../../shared/describe-error.ts';
import type { ConsoleClient } from './client.ts';

export const ROOM_POLL_MS = 4_000;

export interface RoomListOptions {
  pollMs?: number;
  /** The room the agent is looking at: its messages are read as they arrive. */
  selectedRid: () => string | null;
  onRooms?: (rooms: readonly WireRoom[]) => void;
  /** The server no longer knows our token (it restarted, or we were logged out elsewhere). */
  onUnauthorized?: (error: ActionError) => void;
}

const lastActivity = (r: WireRoom) => new Date(r.lm ?? r.ts).getTime();

/** The last thing said in a room, for the list: who said it and what. */
export interface LastMessage {
  text: string;
  fromVisitor: boolean;
}

const said = (m: Pick<WireMessage<unknown>, 't' | 'msg' | 'token'>): LastMessage | undefined =>
  m.t || !m.msg ? undefined : { text: m.msg, fromVisitor: !!m.token };

export function sortRooms(rooms: readonly WireRoom[]): WireRoom[] {
  return [...rooms].sort((a, b) => lastActivity(b) - lastActivity(a));
}

export function createRoomList(client: ConsoleClient, options: RoomListOptions) {
  const rooms = signal<WireRoom[]>([]);
  const loaded = signal(false);
  const error = signal<ActionError | null>(null);
  /** Visitor messages not yet seen, by room. */
  const unread = signal<ReadonlyMap<string, number>>(new Map());
  const last = signal<ReadonlyMap<string, LastMessage>>(new Map());
  const asked = new Set<string>();
  const watches = new Map<string, () => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let soon: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let running = false;

  const markUnread = (rid: string) => {
    if (rid === options.selectedRid()) return;
    unread.value = new Map(unread.value).set(rid, (unread.value.get(rid) ?? 0) + 1);
  };

  const setLast = (rid: string, message: LastMessage | undefined) => {
    if (message) last.value = new Map(last.value).set(rid, message);
  };

  function markRead(rid: string): void {
    if (!unread.value.has(rid)) return;
    const next = new Map(unread.value);
    next.delete(rid);
    unread.value = next;
  }

  /** A room's last message, from its history, the first time the list shows it. */
  function readLast(room: WireRoom): void {
    if (asked.has(room._id)) return;
    asked.add(room._id);
    client.history(room, 20).then(
      (messages) => {
        if (!last.value.has(room._id)) setLast(room._id, messages.map(said).find(Boolean));
      },
      () => asked.delete(room._id),
    );
  }

  function refreshSoon(): void {
    clearTimeout(soon);
    soon = setTimeout(() => void refresh(), 250);
  }

  function syncWatches(list: readonly WireRoom[]): void {
    const ids = new Set(list.map((r) => r._id));
    for (const [rid, stop] of watches) {
      if (!ids.has(rid)) {
        stop();
        watches.delete(rid);
      }
    }
    for (const rid of ids) {
      if (watches.has(rid)) continue;
      try {
        watches.set(
          rid,
          client.watchRoom(rid, {
            onMessage: (m) => {
              if (m.token && !m.t) markUnread(rid);
              setLast(rid, said(m));
              refreshSoon();
            },
          }),
        );
      } catch {
        // No live connection: polling still keeps the list current.
      }
    }
  }

  async function refresh(): Promise<void> {
    const mine = ++seq;
    try {
      const list = sortRooms(await client.rooms(true));
      if (mine !== seq || !running) return;
      rooms.value = list;
      error.value = null;
      syncWatches(list);
      list.forEach(readLast);
      options.onRooms?.(list);
    } catch (e) {
      if (mine !== seq || !running) return;
      const report = actionError("Couldn't load the chats", e);
      if (e instanceof AgentApiError && e.status === 401 && options.onUnauthorized) options.onUnauthorized(report);
      else error.value = report;
    } finally {
      if (mine === seq) loaded.value = true;
    }
  }

  function start(): void {
    if (running) return;
    running = true;
    void refresh();
    timer = setInterval(() => void refresh(), options.pollMs ?? ROOM_POLL_MS);
  }

  function stop(): void {
    running = false;
    clearInterval(timer);
    clearTimeout(soon);
    for (const s of watches.values()) s();
    watches.clear();
  }

  return { rooms, loaded, error, unread, last, refresh, refreshSoon, markRead, start, stop };
}

export type RoomList = ReturnType<typeof createRoomList>;
