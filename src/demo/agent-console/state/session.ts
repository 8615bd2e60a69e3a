/**
 * The console as a whole: signing in and out, the live (DDP) connection, the room list, the one
 * conversation that is open, and the demo bot's switch (the bot steps aside by itself while an agent
 * is signed in here and available, and takes chats again once the console is gone).
 */
import { batch, signal } from '@preact/signals';
import type { WireRoom } from '../../../shared/rocketchat/wire.ts';
import { actionError, type ActionError } from '../../shared/describe-error.ts';
import type { ConsoleClient } from './client.ts';
import { createConnectDesk, type ConnectConsoleClient, type ConnectDesk } from './connect-desk.ts';
import { createConversation, type Conversation } from './conversation.ts';
import type { DemoBot } from './demo-bot.ts';
import { createRoomList, type RoomList } from './room-list.ts';

export type SessionStatus = 'signed-out' | 'signing-in' | 'signed-in';
export type LiveStatus = 'off' | 'connecting' | 'live' | 'failed';

export interface SessionDeps {
  createClient: () => ConsoleClient;
  /** The Amazon Connect side of the desk, where the server offers it. */
  createConnectClient?: () => ConnectConsoleClient;
  bot: DemoBot;
  pollMs?: number;
}

export function createSession(deps: SessionDeps) {
  const status = signal<SessionStatus>('signed-out');
  const error = signal<ActionError | null>(null);
  const live = signal<LiveStatus>('off');
  const liveError = signal<ActionError | null>(null);
  const agentName = signal('');
  const username = signal('');
  const roomList = signal<RoomList | null>(null);
  const conversation = signal<Conversation | null>(null);
  const connect = signal<ConnectDesk | null>(null);
  let client: ConsoleClient | null = null;

  async function signIn(user: string, password: string): Promise<void> {
    if (status.value === 'signing-in') return;
    status.value = 'signing-in';
    error.value = null;
    const c = deps.createClient();
    try {
      await c.login(user.trim(), password);
    } catch (e) {
      batch(() => {
        error.value = actionError("Couldn't sign in", e);
        status.value = 'signed-out';
      });
      return;
    }
    client = c;
    const list = createRoomList(c, {
      selectedRid: () => conversation.value?.rid ?? null,
      ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
      onRooms: (rooms) => {
        const open = conversation.value;
        const fresh = open && rooms.find((r) => r._id === open.rid);
        if (fresh) open.update(fresh);
      },
      onUnauthorized: (report) => {
        void signOut();
        error.value = { ...report, action: 'Your session ended (the server may have restarted). Please sign in again' };
      },
    });
    const desk = deps.createConnectClient
      ? createConnectDesk(deps.createConnectClient(), () => c.name || c.username, { onSelect: () => select(null) })
      : null;
    batch(() => {
      agentName.value = c.name || c.username;
      username.value = c.username;
      roomList.value = list;
      connect.value = desk;
      status.value = 'signed-in';
      live.value = 'connecting';
    });
    c.connect().then(
      () => {
        if (client !== c) return;
        live.value = 'live';
        // Signed in live: the bot has handed over. Show that on its switch.
        void deps.bot.load();
      },
      (e: unknown) => {
        if (client !== c) return;
        live.value = 'failed';
        liveError.value = actionError('Live updates are off', e);
      },
    );
    list.start();
    desk?.start();
  }

  function select(room: WireRoom | null): void {
    if (room) connect.value?.select(null);
    const current = conversation.value;
    if (current?.rid === room?._id) return;
    current?.dispose();
    if (!room || !client) {
      conversation.value = null;
      return;
    }
    const list = roomList.value;
    conversation.value = createConversation(client, room, { onRoomChanged: () => list?.refreshSoon() });
    list?.markRead(room._id);
  }

  async function signOut(): Promise<void> {
    const c = client;
    client = null;
    conversation.value?.dispose();
    roomList.value?.stop();
    connect.value?.stop();
    batch(() => {
      conversation.value = null;
      roomList.value = null;
      connect.value = null;
      status.value = 'signed-out';
      live.value = 'off';
      liveError.value = null;
    });
    await c?.logout().catch(() => undefined);
  }

  return {
    status,
    error,
    live,
    liveError,
    agentName,
    username,
    roomList,
    conversation,
    connect,
    bot: deps.bot,
    signIn,
    signOut,
    select,
  };
}

export type Session = ReturnType<typeof createSession>;
