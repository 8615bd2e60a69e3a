/**
 * For the demo only: lets one person try the widget without a second window playing the agent.
 *
 * The bot is an agent of its own ("Demo bot", a Rocket.Chat `bot` user) that says it is automatic. It
 * takes chats only while no human agent is signed in and available, and hands its chats over as soon
 * as one is; when the last agent signs out or closes the console, it takes chats again.
 *
 * "Signed in" is Rocket.Chat's presence: an agent is online while a live (DDP) session is signed in
 * as them and offline once the last one closes. The stand-in alone keeps seeded statuses as they are
 * (the e2e suite plays its agent over REST); with the demo bot running, presence applies.
 */
import type { RealtimeServer } from '../realtime/ddp-server.ts';
import { isOnlineAgent } from '../livechat/agents.ts';
import { sendAgentMessage } from '../livechat/messages.ts';
import { assignAgent } from '../livechat/routing.ts';
import type { Store } from '../store/store.ts';
import type { Message, Room, User } from '../store/types.ts';

export const BOT_USERNAME = 'demo.bot';
export const BOT_NAME = 'Demo bot';

/** What the console's switch and `/_standin/demo-bot` see. */
export interface DemoBotState {
  /** The switch: off, the bot never answers. */
  enabled: boolean;
  /** The bot is taking chats now (on, and no agent is signed in and available). */
  readonly answering: boolean;
}

function intro(store: Store): string {
  const console = `${store.settings.Site_Url.replace(/\/+$/, '')}/demo/agent.html`;
  return (
    `Hi! I'm the **demo bot**: automatic replies, not a person. No agent is signed in right now.\n` +
    `To answer as the agent, sign in at ${console} as \`agent\` / \`agent-pass\`, and I'll hand this chat over.`
  );
}

const REPLIES = [
  "I'm only a bot, so I can't look anything up. Here is what the chat can show:\n- **bold**, _italic_ and `code`\n- links, like https://rocket.chat\n> and quotes",
  'Noted. A person will see this once an agent signs in at the console.',
  'Still the demo bot here. The options menu (⋮) can email or download the transcript, or finish the chat.',
];

export function startDemoBot(
  store: Store,
  realtime: Pick<RealtimeServer, 'isSignedIn'>,
  options: { enabled: boolean; delayMs?: number },
): { state: DemoBotState; stop: () => void } {
  const delayMs = options.delayMs ?? 900;
  let enabled = options.enabled;
  const bot = addBotUser(store);
  const timers = new Set<NodeJS.Timeout>();
  const replies = new Map<string, number>();

  const humans = () => [...store.users.values()].filter((u) => u !== bot && u.roles.includes('livechat-agent'));
  const availableHuman = (departmentId?: string) => {
    const dept = departmentId ? store.departments.get(departmentId) : undefined;
    return humans().find((u) => isOnlineAgent(u) && (!dept || dept.agentIds.includes(u._id)));
  };

  /** Presence, then the bot's own availability: routing gives new chats to whoever is available. */
  const refresh = () => {
    for (const u of humans()) {
      const status = realtime.isSignedIn(u._id) ? (u.status === 'offline' ? 'online' : u.status) : 'offline';
      if (status === u.status) continue;
      u.status = status;
      for (const room of store.rooms.values()) {
        if (room.open && room.servedBy?._id === u._id) store.emit('livechatRoom', room._id, { type: 'agentStatus', status });
      }
    }
    const answering = enabled && !availableHuman();
    bot.status = enabled ? 'online' : 'offline';
    bot.statusLivechat = answering ? 'available' : 'not-available';
    // An agent is here: every chat the bot holds goes to them.
    for (const room of store.rooms.values()) {
      const human = room.open && room.servedBy?._id === bot._id ? availableHuman(room.departmentId) : undefined;
      if (human) handOver(room, human);
    }
  };

  const handOver = (room: Room, to: User) => {
    sendAgentMessage(store, bot, room, `${to.name || to.username} is available now: handing you over to a person.`);
    transfer(store, room, bot, to);
  };

  const reply = (room: Room) => {
    const n = replies.get(room._id) ?? 0;
    replies.set(room._id, n + 1);
    store.emit('notifyRoom', room._id, 'user-activity', [bot.username, ['user-typing'], {}]);
    const t = setTimeout(() => {
      timers.delete(t);
      store.emit('notifyRoom', room._id, 'user-activity', [bot.username, [], {}]);
      // An agent may have taken the chat while the bot was "typing".
      if (room.open && room.servedBy?._id === bot._id) sendAgentMessage(store, bot, room, n === 0 ? intro(store) : REPLIES[(n - 1) % REPLIES.length]!);
    }, delayMs);
    timers.add(t);
  };

  const onMessage = (m: Message) => {
    if (!enabled || m.t || !m.token) return;
    const room = store.rooms.get(m.rid);
    if (!room?.open) return;
    const served = room.servedBy ? store.users.get(room.servedBy._id) : undefined;
    if (served === bot) return reply(room);
    // The agent serving this chat is here, or another one is: a person answers.
    if (availableHuman(room.departmentId)) return;
    // Nobody is: the bot takes the chat (back) until an agent signs in.
    if (served) transfer(store, room, served, bot);
    else assignAgent(store, room, bot);
    reply(room);
  };

  refresh();
  store.on('message', onMessage);
  store.on('presence', refresh);
  const state: DemoBotState = {
    get enabled() {
      return enabled;
    },
    set enabled(v: boolean) {
      enabled = v;
      refresh();
    },
    get answering() {
      return bot.statusLivechat === 'available';
    },
  };
  return {
    state,
    stop: () => {
      store.off('message', onMessage);
      store.off('presence', refresh);
      for (const t of timers) clearTimeout(t);
    },
  };
}

/** The bot as Rocket.Chat has bots: a user with the `bot` role, here also an agent of every department. */
function addBotUser(store: Store): User {
  const existing = store.userByUsernameOrEmail(BOT_USERNAME);
  if (existing) return existing;
  const bot: User = {
    _id: 'demo-bot',
    username: BOT_USERNAME,
    name: BOT_NAME,
    // Nobody signs in as the bot.
    password: '',
    emails: [],
    roles: ['bot', 'livechat-agent'],
    status: 'online',
    statusLivechat: 'available',
    authTokens: [],
    createdAt: new Date(),
  };
  store.users.set(bot._id, bot);
  for (const d of store.departments.values()) d.agentIds.push(bot._id);
  return bot;
}

/** Rocket.Chat's forward to an agent (scope `agent`): the new agent joins, a transfer record, the old one leaves. */
function transfer(store: Store, room: Room, from: User, to: User): void {
  assignAgent(store, room, to);
  store.insertMessage({
    rid: room._id,
    msg: '',
    t: 'livechat_transfer_history',
    u: { _id: from._id, username: from.username },
    groupable: false,
    transferData: {
      transferredBy: { _id: from._id, username: from.username, name: from.name, userType: 'agent' },
      transferredTo: { _id: to._id, username: to.username, name: to.name },
      scope: 'agent',
      ts: store.now(),
    },
  });
  store.insertMessage({ rid: room._id, msg: from.username, t: 'ul', u: { _id: from._id, username: from.username, name: from.name }, groupable: false });
}
