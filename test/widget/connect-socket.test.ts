/**
 * The Connect websocket manager (contract §2) with a scripted socket and fake timers: subscribe,
 * heartbeats, what a missed reply does, reconnecting with backoff, the 59-minute refresh, and the end.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../src/widget/backend/chat-backend.ts';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { chatSocket, type SocketOptions } from '../../src/widget/backend/amazon-connect/socket.ts';

class Sock {
  static all: Sock[] = [];
  readyState = 0;
  sent: { topic: string; content?: unknown }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    Sock.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as { topic: string });
  }
  close() {
    this.closed = true;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  frame(f: object) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  subscribed(status = 'success') {
    this.frame({ topic: 'aws/subscribe', content: { status, topics: ['aws/chat'] } });
  }
  beat() {
    this.frame({ topic: 'aws/heartbeat' });
    this.frame({ topic: 'aws/ping', statusCode: 200, statusContent: 'OK' });
  }
  chat(item: object) {
    this.frame({ topic: 'aws/chat', contentType: 'application/json', content: JSON.stringify(item) });
  }
  topics = (t: string) => this.sent.filter((f) => f.topic === t).length;
}
const last = () => Sock.all[Sock.all.length - 1]!;

let urls: number;
function start(o: SocketOptions = {}, connect?: () => Promise<string>) {
  const log = { states: [] as [ConnectionState, number | undefined][], items: [] as unknown[], resyncs: 0, refused: 0 };
  const socket = chatSocket(
    {
      connect: connect ?? (async () => `wss://ws.test/${++urls}`),
      item: (i) => log.items.push(i),
      state: (s, ms) => log.states.push([s, ms]),
      resync: () => log.resyncs++,
      refused: () => log.refused++,
    },
    { WebSocket: Sock as unknown as typeof WebSocket, random: () => 0.5, ...o },
  );
  return { socket, log };
}

beforeEach(() => {
  Sock.all = [];
  urls = 0;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

async function up() {
  await vi.advanceTimersByTimeAsync(0);
  last().open();
  last().subscribed();
}

describe('the Connect chat socket', () => {
  it('subscribes to aws/chat, then heartbeats and deep-pings at once and every 10 s; subscribed means online and a resync', async () => {
    const { socket, log } = start();
    await up();
    const s = last();
    expect(s.sent[0]).toEqual({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
    expect(s.topics('aws/heartbeat')).toBe(1);
    expect(s.sent.find((f) => f.topic === 'aws/heartbeat')).toEqual({ topic: 'aws/heartbeat' });
    expect(log.states.at(-1)).toEqual(['online', undefined]);
    expect(log.resyncs).toBe(1);
    s.beat();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.topics('aws/heartbeat')).toBe(2);
    expect(s.topics('aws/ping')).toBe(2);
    socket.close();
  });

  it('a socket that lived through a short loss of network says online again once it answers, and fills the gap', async () => {
    const { socket, log } = start();
    await up();
    const s = last();
    s.beat();
    window.dispatchEvent(new Event('offline'));
    expect(log.states.at(-1)).toEqual(['offline', undefined]);
    const resyncs = log.resyncs;
    window.dispatchEvent(new Event('online'));
    // Asked, not yet answered: still offline, and no second socket.
    expect(s.topics('aws/heartbeat')).toBe(2);
    expect(log.states.at(-1)).toEqual(['offline', undefined]);
    s.frame({ topic: 'aws/heartbeat' });
    expect(log.states.at(-1)).toEqual(['online', undefined]);
    expect(log.resyncs).toBe(resyncs + 1);
    expect(Sock.all).toHaveLength(1);
    socket.close();
  });

  it('a socket that died during the loss of network does not answer, and is replaced', async () => {
    const { socket, log } = start();
    await up();
    const s = last();
    s.beat();
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.closed).toBe(true);
    expect(log.states.at(-1)?.[0]).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(Sock.all).toHaveLength(2);
    socket.close();
  });

  it('passes on chat items from the subscribed socket', async () => {
    const { socket, log } = start();
    await up();
    last().chat({ Id: 'm1', Type: 'MESSAGE', Content: 'hi' });
    expect(log.items).toEqual([{ Id: 'm1', Type: 'MESSAGE', Content: 'hi' }]);
    socket.close();
  });

  it('drops a socket whose heartbeat went unanswered, and reconnects with a fresh CreateParticipantConnection', async () => {
    const { socket, log } = start();
    await up();
    const first = last();
    // No reply to the first beat: at the next one the socket (and its URL) are given up.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(first.closed).toBe(true);
    expect(log.states.at(-1)![0]).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(log.states.at(-1)![1]!);
    expect(last()).not.toBe(first);
    expect(last().url).toBe('wss://ws.test/2');
    socket.close();
  });

  it('a deep ping answered with an error counts as missed', async () => {
    const { socket } = start();
    await up();
    const s = last();
    s.frame({ topic: 'aws/heartbeat' });
    s.frame({ topic: 'aws/ping', statusCode: 500, statusContent: 'Internal' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.closed).toBe(true);
    socket.close();
  });

  it('reopens on a URL still fresh, without a new CreateParticipantConnection', async () => {
    const { socket, log } = start();
    await up();
    last().beat();
    last().close();
    await vi.advanceTimersByTimeAsync(log.states.at(-1)![1]!);
    expect(last().url).toBe('wss://ws.test/1');
    expect(urls).toBe(1);
    socket.close();
  });

  it('resends a subscribe that got no answer within a second, three times, then gives the socket up', async () => {
    const { socket } = start();
    await vi.advanceTimersByTimeAsync(0);
    const s = last();
    s.open();
    // Heartbeats are answered: only the subscribe goes unanswered.
    for (let i = 0; i < 3; i++) {
      s.beat();
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(s.topics('aws/subscribe')).toBe(4);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.closed).toBe(true);
    socket.close();
  });

  it('retries a refused subscribe every 500 ms', async () => {
    const { socket, log } = start();
    await vi.advanceTimersByTimeAsync(0);
    const s = last();
    s.open();
    s.subscribed('failure');
    await vi.advanceTimersByTimeAsync(500);
    expect(s.topics('aws/subscribe')).toBe(2);
    s.subscribed();
    expect(log.states.at(-1)).toEqual(['online', undefined]);
    socket.close();
  });

  it('backs off with jitter, capped, and never gives up', async () => {
    const failing = vi.fn(async () => Promise.reject(new ChatError('network', 'down')));
    const { socket, log } = start({ baseDelayMs: 1_000, maxDelayMs: 30_000, random: () => 1 }, failing);
    for (let i = 0; i < 12; i++) await vi.advanceTimersByTimeAsync(log.states.at(-1)?.[1] ?? 0);
    const delays = log.states.filter(([s]) => s === 'connecting').map(([, ms]) => ms).filter((x) => x !== undefined);
    // 1 s doubling, ×1.3 at the top of the jitter, capped at 30 s (×1.3).
    expect(delays.slice(0, 4)).toEqual([1300, 2600, 5200, 10400]);
    expect(Math.max(...(delays as number[]))).toBe(39_000);
    expect(failing.mock.calls.length).toBeGreaterThanOrEqual(12);
    socket.close();
  });

  it('treats a CreateParticipantConnection refusal as the end of the chat', async () => {
    const { log } = start({}, async () => Promise.reject(new ChatError('room-closed', 'ended')));
    await vi.advanceTimersByTimeAsync(0);
    expect(log.refused).toBe(1);
    expect(Sock.all).toHaveLength(0);
  });

  it('before the 59-minute limit opens a second socket, and closes the first only once the second is subscribed', async () => {
    const { socket, log } = start({ lifetimeMs: 3_540_000 });
    await up();
    const first = last();
    first.beat();
    // Keep the first alive while time passes.
    for (let t = 0; t < 3_540_000; t += 10_000) {
      await vi.advanceTimersByTimeAsync(10_000);
      if (!first.closed) first.beat();
    }
    const spare = last();
    expect(spare).not.toBe(first);
    expect(spare.url).toBe('wss://ws.test/2');
    expect(first.closed).toBe(false);
    spare.open();
    // Until the spare is subscribed, the first still carries the chat.
    first.chat({ Id: 'from-first' });
    spare.subscribed();
    expect(first.closed).toBe(true);
    spare.chat({ Id: 'from-spare' });
    first.chat({ Id: 'late-on-first' });
    expect(log.items).toEqual([{ Id: 'from-first' }, { Id: 'from-spare' }]);
    socket.close();
  });
});
