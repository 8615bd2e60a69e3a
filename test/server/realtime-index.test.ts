// @vitest-environment node
/**
 * The broadcast index: an event reaches exactly the sessions subscribed to its stream and event name,
 * once each however many of their subscriptions match, and the index forgets a subscription when it is
 * cancelled, replaced, or its socket closes — so a long-running server does not grow with old sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawDdp, client, eventually, isEvent, openRoom, registerVisitor, sendMessage, startStandin, type Client, type Running } from './harness.ts';

const STREAM = 'stream-room-messages';
let running: Running;
let api: Client;

beforeAll(async () => {
  running = await startStandin({ settings: { API_Enable_Rate_Limiter: false }, agents: [{ username: 'ana', name: 'Ana', password: 'pw' }] });
  api = client(running.baseUrl);
});
afterAll(async () => running?.close());

async function visitor(token: string): Promise<string> {
  await registerVisitor(api, { token });
  return (await openRoom(api, token)).room._id;
}

const params = (rid: string, token: string) => [rid, { useCollection: false, args: [{ token, visitorToken: token }] }];

describe('the broadcast index', () => {
  it('delivers to the room\'s subscribers only, once per session even with two matching subscriptions', async () => {
    const ridA = await visitor('tok-ia');
    const ridB = await visitor('tok-ib');
    const a = await RawDdp.open(running.wsUrl);
    const b = await RawDdp.open(running.wsUrl);
    await a.sub(STREAM, params(ridA, 'tok-ia'));
    await a.sub(STREAM, params(ridA, 'tok-ia'));
    await b.sub(STREAM, params(ridB, 'tok-ib'));
    await sendMessage(api, 'tok-ia', ridA, 'to A');
    await sendMessage(api, 'tok-ib', ridB, 'to B');
    await a.next(isEvent(STREAM, ridA));
    await b.next(isEvent(STREAM, ridB));
    // A ping answered after the events proves nothing else is still on its way.
    a.send({ msg: 'ping', id: 'after' });
    await a.next((f) => f.msg === 'pong');
    expect(a.all(isEvent(STREAM, ridA))).toHaveLength(1);
    expect(a.all(isEvent(STREAM, ridB))).toHaveLength(0);
    a.close();
    b.close();
  });

  it('forgets cancelled subscriptions and closed sockets', async () => {
    const rid = await visitor('tok-ic');
    const base = running.standin.realtime.listenedKeys;
    const s = await RawDdp.open(running.wsUrl);
    const { id } = await s.sub(STREAM, params(rid, 'tok-ic'));
    await s.sub('stream-notify-room', [`${rid}/typing`, { useCollection: false, args: [{ token: 'tok-ic' }] }]);
    expect(running.standin.realtime.listenedKeys).toBe(base + 2);
    s.send({ msg: 'unsub', id });
    await s.next((f) => f.msg === 'nosub' && f.id === id);
    expect(running.standin.realtime.listenedKeys).toBe(base + 1);
    await sendMessage(api, 'tok-ic', rid, 'after unsub');
    s.send({ msg: 'ping', id: 'p' });
    await s.next((f) => f.msg === 'pong');
    expect(s.all(isEvent(STREAM, rid))).toHaveLength(0);
    s.close();
    await eventually(() => (running.standin.realtime.listenedKeys === base ? true : undefined));
  });
});
