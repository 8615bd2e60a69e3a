// @vitest-environment node
/**
 * Waiting for an agent (Rocket.Chat routing + the Enterprise waiting queue): Manual_Selection queues every
 * chat until an agent takes it; with `Livechat_waiting_queue` and `Livechat_maximum_chats_per_agent` a chat
 * waits while every agent is full. Visitors learn their place from `queueData` on `stream-livechat-room`
 * and from `config.queueInfo`, computed as Enterprise's `normalizeQueueInfo` computes it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { QueueInfo, WireRoom } from '../../src/shared/rocketchat/wire.ts';
import { RawDdp, agent, client, eventArgs, isEvent, openRoom, registerVisitor, startStandin, type Client, type Frame, type Running } from './harness.ts';

let running: Running;
let api: Client;
let ana: AgentClient;
let seq = 0;
const sockets: RawDdp[] = [];

const SETTINGS = {
  Livechat_Routing_Method: 'Auto_Selection',
  Livechat_waiting_queue: false,
  Livechat_maximum_chats_per_agent: 0,
  Livechat_waiting_queue_message: '',
};

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false },
    agents: [{ username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true }],
  });
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await running?.close();
});

beforeEach(async () => {
  // Each test starts with an empty queue and a free agent.
  for (const room of await ana.rooms(true)) await ana.request('POST', 'livechat/room.closeByUser', { rid: room._id, comment: 'reset' });
  for (const [id, value] of Object.entries(SETTINGS)) await ana.setSetting(id, value);
});

interface Chat {
  token: string;
  room: WireRoom;
  ddp: RawDdp;
}

async function startChat(): Promise<Chat> {
  const token = `tok-q-${++seq}`;
  await registerVisitor(api, { token, name: `Quinn ${seq}` });
  const { room } = await openRoom(api, token);
  const ddp = await RawDdp.open(running.wsUrl);
  sockets.push(ddp);
  await ddp.sub('stream-livechat-room', [room._id, { useCollection: false, args: [{ token, visitorToken: token }] }]);
  return { token, room, ddp };
}

const queueData = (rid: string) => (f: Frame) =>
  isEvent('stream-livechat-room', rid)(f) && (eventArgs(f)[0] as { type?: string }).type === 'queueData';
const spotOf = (f: Frame) => ((eventArgs(f)[0] as { data: QueueInfo }).data).spot;
const config = async (token: string) =>
  (await api.get<{ config: { queueInfo?: QueueInfo | null; room?: { servedBy?: unknown } } }>('livechat/config', { token })).body.config;

describe('Manual_Selection', () => {
  it('queues every new chat, tells each visitor their place, and moves the queue up when an agent takes one', async () => {
    await ana.setSetting('Livechat_Routing_Method', 'Manual_Selection');
    const first = await startChat();
    expect(first.room.servedBy).toBeUndefined();
    const second = await startChat();
    expect(second.room.servedBy).toBeUndefined();
    // Rocket.Chat emits a place a second after computing it, so the widget has subscribed by then.
    const secondPlace = await second.ddp.next(queueData(second.room._id), 10_000);
    expect(spotOf(secondPlace)).toBe(2);

    await ana.take(first.room._id);
    const moved = await second.ddp.next(queueData(second.room._id), 10_000);
    expect(eventArgs(moved)[0]).toMatchObject({
      type: 'queueData',
      data: { spot: 1, message: { text: '', user: { _id: 'rocket.cat', username: 'rocket.cat' } } },
    });
    expect((await config(first.token)).room?.servedBy).toMatchObject({ username: 'ana' });
  });

  it('sends config.queueInfo only with the waiting queue on, and null when not queued', async () => {
    await ana.setSetting('Livechat_Routing_Method', 'Manual_Selection');
    const chat = await startChat();
    expect((await config(chat.token)).queueInfo).toBeNull();
    await ana.setSetting('Livechat_waiting_queue', true);
    await ana.setSetting('Livechat_waiting_queue_message', 'Hang on, we are busy');
    expect((await config(chat.token)).queueInfo).toMatchObject({
      spot: 1,
      message: { text: 'Hang on, we are busy', user: { _id: 'rocket.cat', username: 'rocket.cat' } },
    });
    await ana.take(chat.room._id);
    expect((await config(chat.token)).queueInfo).toBeNull();
  });
});

describe('the waiting queue with a chat limit per agent', () => {
  it('keeps a chat waiting while the agent is full, gives it to them when a chat closes, and estimates the wait', async () => {
    await ana.setSetting('Livechat_waiting_queue', true);
    await ana.setSetting('Livechat_maximum_chats_per_agent', 1);
    const served = await startChat();
    expect(served.room.servedBy?.username).toBe('ana');
    const waiting = await startChat();
    expect(waiting.room.servedBy).toBeUndefined();
    expect((await config(waiting.token)).queueInfo?.spot).toBe(1);

    await ana.request('POST', 'livechat/room.closeByUser', { rid: served.room._id, comment: 'done' });
    const agentData = await waiting.ddp.next(
      (f) => isEvent('stream-livechat-room', waiting.room._id)(f) && (eventArgs(f)[0] as { type?: string }).type === 'agentData',
    );
    expect(eventArgs(agentData)[0]).toMatchObject({ type: 'agentData', data: { username: 'ana' } });

    // One chat has closed now, so the next visitor to wait gets an estimate from its duration.
    const third = await startChat();
    const info = (await config(third.token)).queueInfo!;
    expect(info.spot).toBe(1);
    const closed = (await ana.rooms(false)) as (WireRoom & { metrics: { chatDuration: number } })[];
    expect(closed.some((r) => r._id === served.room._id)).toBe(true);
    // ((spot − 1) / N + 1) × the average duration of the N = 100 most recent closed chats.
    const average = closed.reduce((sum, r) => sum + r.metrics.chatDuration, 0) / closed.length;
    expect(info.estimatedWaitTimeSeconds).toBeCloseTo(((1 - 1) / 100 + 1) * average, 6);
  });

  it('still refuses a chat when no agent is online at all', async () => {
    await ana.setSetting('Livechat_waiting_queue', true);
    await ana.goAvailable(false);
    try {
      await registerVisitor(api, { token: 'tok-q-nobody' });
      const reply = await api.get('livechat/room', { token: 'tok-q-nobody' });
      expect(reply.body).toEqual({ success: false, error: 'Sorry, no online agents [no-agent-online]', errorType: 'no-agent-online' });
    } finally {
      await ana.goAvailable(true);
    }
  });
});

describe('a new room', () => {
  it("carries Rocket.Chat's queue and priority defaults", async () => {
    const chat = await startChat();
    expect(chat.room).toMatchObject({ queuedAt: chat.room.ts, priorityWeight: 99_999, estimatedWaitingTimeQueue: 9_999_999 });
  });
});
