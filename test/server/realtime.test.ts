// @vitest-environment node
/**
 * DDP over `/websocket` (contract §9, §10.7): the handshake, heartbeat replies, the visitor's stream
 * subscriptions and their permission rules, typing relayed through `stream-notify-room`, the agent's
 * login by resume token, and the fault control that drops every socket.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireMessage, WireRoom, WireVisitor } from '../../src/shared/rocketchat/wire.ts';
import {
  RawDdp,
  agent,
  client,
  eventArgs,
  eventually,
  http,
  isEvent,
  ok,
  openRoom,
  registerVisitor,
  sendMessage,
  startStandin,
  type Client,
  type Frame,
  type Running,
} from './harness.ts';

const NOT_ALLOWED = { isClientSafe: true, error: 'not-allowed', message: '[not-allowed]', errorType: 'Meteor.Error' };
const ROOM_MESSAGES = 'stream-room-messages';
const NOTIFY_ROOM = 'stream-notify-room';
const LIVECHAT_ROOM = 'stream-livechat-room';

let running: Running;
let api: Client;
let ana: AgentClient;
const sockets: RawDdp[] = [];

beforeAll(async () => {
  running = await startStandin({
    controls: true,
    settings: { API_Enable_Rate_Limiter: false },
    agents: [{ username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true }],
  });
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

afterAll(async () => {
  ana?.disconnect();
  await running?.close();
});

async function socket(handshake = true): Promise<RawDdp> {
  const s = await RawDdp.open(running.wsUrl, handshake);
  sockets.push(s);
  return s;
}

/** Subscription params as `@rocket.chat/ddp-client` sends them. */
function streamParams(eventName: string, extra?: Record<string, unknown>): unknown[] {
  return [eventName, { useCollection: false, args: extra ? [extra] : [] }];
}

async function visitorWithRoom(token: string, name?: string): Promise<{ v: WireVisitor; room: WireRoom }> {
  const v = await registerVisitor(api, { token, ...(name ? { name } : {}) });
  const { room } = await openRoom(api, token);
  return { v, room };
}

/** Resolves after `ms` with every frame that arrived meanwhile and matches. */
async function framesDuring(s: RawDdp, ms: number, match: (f: Frame) => boolean): Promise<Frame[]> {
  const before = s.frames.length;
  await new Promise((r) => setTimeout(r, ms));
  return s.frames.slice(before).filter(match);
}

describe('connection', () => {
  it('sends server_id first, then answers connect with connected and a session id', async () => {
    const s = await socket(false);
    expect(await s.next(() => true)).toEqual({ server_id: '0' });
    s.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
    const connected = await s.next((f) => f.msg === 'connected');
    expect(connected).toEqual({ msg: 'connected', session: expect.any(String) });
    expect((connected.session as string).length).toBeGreaterThan(0);
  });

  it('answers ping with pong, echoing the id when there is one', async () => {
    const s = await socket();
    s.send({ msg: 'ping', id: 'p-1' });
    expect(await s.next((f) => f.msg === 'pong')).toEqual({ msg: 'pong', id: 'p-1' });
    s.send({ msg: 'ping' });
    expect(await s.next((f) => f.msg === 'pong')).toEqual({ msg: 'pong' });
  });

  it('answers an unsupported protocol version with failed and closes', async () => {
    const s = await socket(false);
    s.send({ msg: 'connect', version: 'pre1', support: ['pre1'] });
    expect(await s.next((f) => f.msg === 'failed')).toEqual({ msg: 'failed', version: '1' });
    await s.waitClosed();
  });

  it('closes with 1002 when the first message is not connect', async () => {
    const s = await socket(false);
    s.send({ msg: 'sub', id: 's1', name: ROOM_MESSAGES, params: streamParams('x') });
    expect((await s.waitClosed()).code).toBe(1002);
  });

  it('answers an unknown method with a 404 method error', async () => {
    const s = await socket();
    const result = await s.call('no.such.method', []);
    expect(result).toEqual({
      msg: 'result',
      id: result.id,
      error: {
        isClientSafe: true,
        error: 404,
        reason: "Method 'no.such.method' not found",
        message: "Method 'no.such.method' not found [404]",
        errorType: 'Meteor.Error',
      },
    });
  });
});

describe("the visitor's room stream", () => {
  it('is ready for the room owner and delivers new messages as changed frames with EJSON dates', async () => {
    const { room } = await visitorWithRoom('tok-stream', 'Stella');
    const s = await socket();
    const { id, answer } = await s.sub(ROOM_MESSAGES, streamParams(room._id, { token: 'tok-stream', visitorToken: 'tok-stream' }));
    expect(answer).toEqual({ msg: 'ready', subs: [id] });

    const sent = await sendMessage(api, 'tok-stream', room._id, 'Is anyone there?');
    const frame = await s.next(isEvent(ROOM_MESSAGES, room._id));
    expect(frame).toEqual({
      msg: 'changed',
      collection: ROOM_MESSAGES,
      id: 'id',
      fields: { eventName: room._id, args: [expect.any(Object)] },
    });
    const [wire] = eventArgs(frame) as [Record<string, unknown>];
    expect(wire).toMatchObject({ _id: sent._id, rid: room._id, msg: 'Is anyone there?', token: 'tok-stream', alias: 'Stella' });
    expect(wire.ts).toEqual({ $date: Date.parse(sent.ts) });
    expect(wire._updatedAt).toEqual({ $date: Date.parse(sent._updatedAt) });
  });

  it("delivers the agent's reply", async () => {
    const { room } = await visitorWithRoom('tok-reply');
    const s = await socket();
    await s.sub(ROOM_MESSAGES, streamParams(room._id, { token: 'tok-reply', visitorToken: 'tok-reply' }));
    await ana.send(room._id, 'Yes, I am here');
    const [m] = eventArgs(await s.next(isEvent(ROOM_MESSAGES, room._id))) as [WireMessage<{ $date: number }>];
    expect(m).toMatchObject({ msg: 'Yes, I am here', u: { _id: ana.userId, username: 'ana', name: 'Ana Agent' } });
  });

  it("refuses another visitor's token with nosub not-allowed", async () => {
    const { room } = await visitorWithRoom('tok-owner');
    await registerVisitor(api, { token: 'tok-intruder' });
    const s = await socket();
    const { id, answer } = await s.sub(ROOM_MESSAGES, streamParams(room._id, { token: 'tok-intruder', visitorToken: 'tok-intruder' }));
    expect(answer).toEqual({ msg: 'nosub', id, error: NOT_ALLOWED });
    await sendMessage(api, 'tok-owner', room._id, 'private');
    expect(await framesDuring(s, 150, isEvent(ROOM_MESSAGES, room._id))).toEqual([]);
  });

  it('refuses a subscription without a token, and one to an unknown room', async () => {
    const { room } = await visitorWithRoom('tok-notoken');
    const s = await socket();
    const anonymous = await s.sub(ROOM_MESSAGES, streamParams(room._id));
    expect(anonymous.answer).toEqual({ msg: 'nosub', id: anonymous.id, error: NOT_ALLOWED });
    const unknown = await s.sub(ROOM_MESSAGES, streamParams('no-such-room', { token: 'tok-notoken', visitorToken: 'tok-notoken' }));
    expect(unknown.answer).toEqual({ msg: 'nosub', id: unknown.id, error: NOT_ALLOWED });
  });

  it('stops delivering after unsub, answered by a plain nosub', async () => {
    const { room } = await visitorWithRoom('tok-unsub');
    const s = await socket();
    const { id } = await s.sub(ROOM_MESSAGES, streamParams(room._id, { token: 'tok-unsub', visitorToken: 'tok-unsub' }));
    s.send({ msg: 'unsub', id });
    expect(await s.next((f) => f.msg === 'nosub' && f.id === id)).toEqual({ msg: 'nosub', id });
    await sendMessage(api, 'tok-unsub', room._id, 'after unsub');
    expect(await framesDuring(s, 150, isEvent(ROOM_MESSAGES, room._id))).toEqual([]);
  });

  it('does not broadcast hidden messages such as page visits', async () => {
    const { room } = await visitorWithRoom('tok-hidden');
    const s = await socket();
    await s.sub(ROOM_MESSAGES, streamParams(room._id, { token: 'tok-hidden', visitorToken: 'tok-hidden' }));
    const pageInfo = { title: 'Docs', change: 'url', location: { href: 'https://shop.example/docs' } };
    ok(await api.post('livechat/page.visited', { token: 'tok-hidden', rid: room._id, pageInfo }));
    await sendMessage(api, 'tok-hidden', room._id, 'visible');
    const [m] = eventArgs(await s.next(isEvent(ROOM_MESSAGES, room._id))) as [{ msg: string }];
    expect(m.msg).toBe('visible');
  });

  it('carries livechat-close when the visitor closes the room, and refuses a new subscription afterwards', async () => {
    const { room } = await visitorWithRoom('tok-rt-close');
    const s = await socket();
    await s.sub(ROOM_MESSAGES, streamParams(room._id, { token: 'tok-rt-close', visitorToken: 'tok-rt-close' }));
    ok(await api.post('livechat/room.close', { token: 'tok-rt-close', rid: room._id }));
    const [m] = eventArgs(await s.next(isEvent(ROOM_MESSAGES, room._id))) as [Record<string, unknown>];
    expect(m).toMatchObject({ t: 'livechat-close', msg: 'Closed by visitor', token: 'tok-rt-close', transcriptRequested: false });
    const late = await s.sub(ROOM_MESSAGES, streamParams(room._id, { token: 'tok-rt-close', visitorToken: 'tok-rt-close' }));
    expect(late.answer).toEqual({ msg: 'nosub', id: late.id, error: NOT_ALLOWED });
  });

  it('carries livechat-close when the agent closes the room', async () => {
    const { room } = await visitorWithRoom('tok-rt-aclose');
    const s = await socket();
    await s.sub(ROOM_MESSAGES, streamParams(room._id, { token: 'tok-rt-aclose', visitorToken: 'tok-rt-aclose' }));
    await ana.close(room._id, 'See you');
    const [m] = eventArgs(await s.next(isEvent(ROOM_MESSAGES, room._id))) as [Record<string, unknown>];
    expect(m).toMatchObject({ t: 'livechat-close', msg: 'See you', u: { username: 'ana' } });
    expect(m.token).toBeUndefined();
  });
});

describe('the livechat-room stream', () => {
  it('tells the visitor about the agent who takes a queued chat', async () => {
    await ana.setSetting('Livechat_Routing_Method', 'Manual_Selection');
    try {
      const { room } = await visitorWithRoom('tok-agentdata');
      expect(room.servedBy).toBeUndefined();
      const s = await socket();
      const { answer } = await s.sub(LIVECHAT_ROOM, streamParams(room._id, { token: 'tok-agentdata', visitorToken: 'tok-agentdata' }));
      expect(answer.msg).toBe('ready');
      const denied = await s.sub(LIVECHAT_ROOM, streamParams(room._id));
      expect(denied.answer).toEqual({ msg: 'nosub', id: denied.id, error: NOT_ALLOWED });
      await ana.take(room._id);
      const [event] = eventArgs(await s.next(isEvent(LIVECHAT_ROOM, room._id))) as [Record<string, unknown>];
      expect(event).toEqual({
        type: 'agentData',
        data: { _id: ana.userId, name: 'Ana Agent', username: 'ana', status: 'online', emails: [{ address: 'ana@example.test', verified: true }] },
      });
    } finally {
      await ana.setSetting('Livechat_Routing_Method', 'Auto_Selection');
    }
  });
});

describe('typing through stream-notify-room', () => {
  let v: WireVisitor;
  let room: WireRoom;
  let visitor: RawDdp;
  const agentTyping: [string, boolean][] = [];
  let stopWatching: () => void;

  beforeAll(async () => {
    ({ v, room } = await visitorWithRoom('tok-typing', 'Tina'));
    visitor = await RawDdp.open(running.wsUrl);
    const { answer } = await visitor.sub(NOTIFY_ROOM, streamParams(`${room._id}/user-activity`, { token: 'tok-typing', visitorToken: 'tok-typing' }));
    expect(answer.msg).toBe('ready');
    await ana.connect();
    stopWatching = ana.watchRoom(room._id, { onTyping: (username, typing) => agentTyping.push([username, typing]) });
    // watchRoom's subscriptions are ready once a round trip has passed; the visitor sees that event.
    await ana.typing(room._id, false);
    expect(eventArgs(await visitor.next(isEvent(NOTIFY_ROOM, `${room._id}/user-activity`)))).toEqual(['ana', [], {}]);
    agentTyping.length = 0;
  });

  afterAll(() => {
    stopWatching?.();
    visitor?.close();
  });

  it("relays the visitor's typing to the agent, answering the method with result then updated", async () => {
    const id = visitor.id('m');
    visitor.send({ msg: 'method', id, method: 'stream-notify-room', params: [`${room._id}/user-activity`, v.username, ['user-typing'], { token: 'tok-typing' }] });
    expect(await visitor.next((f) => f.id === id || (Array.isArray(f.methods) && f.methods.includes(id)))).toEqual({ msg: 'result', id });
    expect(await visitor.next((f) => f.msg === 'updated')).toEqual({ msg: 'updated', methods: [id] });
    await eventually(() => (agentTyping.length > 0 ? true : undefined));
    expect(agentTyping).toEqual([[v.username, true]]);

    await visitor.call('stream-notify-room', [`${room._id}/user-activity`, v.username, [], { token: 'tok-typing' }]);
    await eventually(() => (agentTyping.length > 1 ? true : undefined));
    expect(agentTyping[1]).toEqual([v.username, false]);
  });

  it('does not echo the typing event to the visitor who sent it', async () => {
    const events = visitor.all(isEvent(NOTIFY_ROOM, `${room._id}/user-activity`));
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((f) => eventArgs(f)[0] === v.username)).toEqual([]);
  });

  it("relays the agent's typing to the visitor with the args as sent", async () => {
    await ana.typing(room._id, true);
    const frame = await visitor.next(isEvent(NOTIFY_ROOM, `${room._id}/user-activity`));
    expect(eventArgs(frame)).toEqual(['ana', ['user-typing'], {}]);
  });

  it('drops typing sent with a wrong token, and the legacy typing event', async () => {
    agentTyping.length = 0;
    await visitor.call('stream-notify-room', [`${room._id}/user-activity`, v.username, ['user-typing'], { token: 'tok-wrong' }]);
    await visitor.call('stream-notify-room', [`${room._id}/typing`, v.username, true, { token: 'tok-typing' }]);
    // A valid event afterwards proves the channel works and fixes the order.
    await visitor.call('stream-notify-room', [`${room._id}/user-activity`, v.username, [], { token: 'tok-typing' }]);
    await eventually(() => (agentTyping.length > 0 ? true : undefined));
    expect(agentTyping).toEqual([[v.username, false]]);
  });
});

describe('the agent over DDP', () => {
  it('logs in with the REST token as resume token and may then subscribe to a room it serves', async () => {
    const { room } = await visitorWithRoom('tok-agent-ddp');
    const s = await socket();
    const before = await s.sub(ROOM_MESSAGES, streamParams(room._id));
    expect(before.answer).toEqual({ msg: 'nosub', id: before.id, error: NOT_ALLOWED });

    const login = await s.call('login', [{ resume: ana.authToken }]);
    expect(login).toEqual({
      msg: 'result',
      id: login.id,
      result: { id: ana.userId, token: ana.authToken, tokenExpires: { $date: expect.any(Number) }, type: 'resume' },
    });
    const after = await s.sub(ROOM_MESSAGES, streamParams(room._id));
    expect(after.answer).toEqual({ msg: 'ready', subs: [after.id] });
    await sendMessage(api, 'tok-agent-ddp', room._id, 'for the agent');
    const [m] = eventArgs(await s.next(isEvent(ROOM_MESSAGES, room._id))) as [{ msg: string }];
    expect(m.msg).toBe('for the agent');
  });

  it('refuses an unknown resume token with a 403 error', async () => {
    const s = await socket();
    const login = await s.call('login', [{ resume: 'not-a-token' }]);
    expect(login.error).toEqual({
      isClientSafe: true,
      error: 403,
      reason: "You've been logged out by the server. Please log in again.",
      message: "You've been logged out by the server. Please log in again. [403]",
      errorType: 'Meteor.Error',
    });
  });
});

describe('/_standin/realtime/drop', () => {
  it('terminates every socket without a close handshake', async () => {
    const a = await socket();
    const b = await socket();
    const reply = await http<{ dropped: number }>(running.baseUrl, { method: 'POST', route: '/_standin/realtime/drop', body: {} });
    expect(reply.status).toBe(200);
    expect(reply.body.dropped).toBeGreaterThanOrEqual(2);
    expect((await a.waitClosed()).code).toBe(1006);
    expect((await b.waitClosed()).code).toBe(1006);
  });

  it('refuses new sockets for refuseMs, then accepts them again', async () => {
    ok(await http(running.baseUrl, { method: 'POST', route: '/_standin/realtime/drop', body: { refuseMs: 300 } }));
    await expect(RawDdp.open(running.wsUrl)).rejects.toThrow(/503/);
    await new Promise((r) => setTimeout(r, 350));
    const s = await socket();
    s.send({ msg: 'ping', id: 'back' });
    expect(await s.next((f) => f.msg === 'pong')).toEqual({ msg: 'pong', id: 'back' });
  });
});
