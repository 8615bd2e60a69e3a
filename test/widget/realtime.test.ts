import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../src/widget/backend/chat-backend.ts';
import { watchRoom, websocketUrl } from '../../src/widget/backend/rocketchat/realtime.ts';
import { FakeSocket, FakeWebSocket, latest } from './fake-socket.ts';

beforeEach(() => {
  FakeSocket.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function watch(events: LiveEvent[], options = {}) {
  return watchRoom('https://chat.test/', { token: 'tok', roomId: 'R1', username: 'guest-1' }, (e) => events.push(e), {
    WebSocket: FakeWebSocket,
    baseDelayMs: 100,
    random: () => 0.5,
    ...options,
  });
}

describe('watchRoom', () => {
  it('connects to /websocket on the server, http→ws', () => {
    expect(websocketUrl('https://chat.test/')).toBe('wss://chat.test/websocket');
    expect(websocketUrl('http://127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/websocket');
  });

  it('subscribes to the visitor streams with the token, as the official client does, and sets up the connection', () => {
    const w = watch([]);
    latest().accept();
    const subs = latest().frames('sub').map((f) => [f.name, (f.params as unknown[])[0]]);
    expect(subs).toEqual([
      ['stream-room-messages', 'R1'],
      ['stream-notify-room', 'R1/user-activity'],
      ['stream-notify-room', 'R1/deleteMessage'],
      ['stream-livechat-room', 'R1'],
    ]);
    // Rocket.Chat marks the visitor offline when this socket closes.
    expect(latest().frames('method').map((f) => [f.method, f.params])).toEqual([['livechat:setUpConnection', [{ token: 'tok' }]]]);
    expect((latest().frames('sub')[0]!.params as unknown[])[1]).toEqual({ useCollection: false, args: [{ token: 'tok', visitorToken: 'tok' }] });
    w.close();
  });

  it('turns stream events into domain events, ignoring its own typing', () => {
    const events: LiveEvent[] = [];
    const w = watch(events);
    latest().accept();
    const s = latest();
    s.receive({ msg: 'changed', collection: 'stream-room-messages', id: 'id', fields: { eventName: 'R1', args: [{ _id: 'm1', rid: 'R1', msg: 'Hi', ts: { $date: 10 }, u: { _id: 'a', username: 'ana', name: 'Ana' } }] } });
    s.receive({ msg: 'changed', collection: 'stream-notify-room', id: 'id', fields: { eventName: 'R1/user-activity', args: ['ana', ['user-typing'], {}] } });
    s.receive({ msg: 'changed', collection: 'stream-notify-room', id: 'id', fields: { eventName: 'R1/user-activity', args: ['guest-1', ['user-typing'], {}] } });
    s.receive({ msg: 'changed', collection: 'stream-livechat-room', id: 'id', fields: { eventName: 'R1', args: [{ type: 'agentData', data: { _id: 'a', username: 'ana', name: 'Ana' } }] } });
    expect(events.filter((e) => e.type !== 'connection' && e.type !== 'resync')).toEqual([
      { type: 'message', message: expect.objectContaining({ id: 'm1', text: 'Hi', from: 'agent', at: 10 }) },
      { type: 'typing', name: 'ana', typing: true },
      { type: 'agent', agent: { username: 'ana', name: 'Ana', avatarUrl: 'https://chat.test/avatar/ana' } },
    ]);
    w.close();
  });

  it('asks for a resync on every (re)connection and reports reconnecting in between', () => {
    const events: LiveEvent[] = [];
    const w = watch(events);
    latest().accept();
    latest().drop();
    vi.advanceTimersByTime(200);
    latest().accept();
    const kinds = events.map((e) => (e.type === 'connection' ? `connection:${e.state}` : e.type));
    expect(kinds).toEqual(['connection:connecting', 'connection:online', 'resync', 'connection:reconnecting', 'connection:online', 'resync']);
    w.close();
  });

  it('polls history when WebSockets never connect, and stops once they do', () => {
    const events: LiveEvent[] = [];
    const w = watch(events, { pollAfterFailures: 2, pollIntervalMs: 1000 });
    for (let i = 0; i < 3; i++) {
      latest().drop();
      vi.advanceTimersByTime(50);
    }
    expect(events.some((e) => e.type === 'connection' && e.state === 'polling')).toBe(true);
    const before = events.filter((e) => e.type === 'resync').length;
    vi.advanceTimersByTime(3000);
    expect(events.filter((e) => e.type === 'resync').length).toBeGreaterThanOrEqual(before + 2);
    vi.advanceTimersByTime(2000);
    latest().accept();
    const afterConnect = events.filter((e) => e.type === 'resync').length;
    vi.advanceTimersByTime(5000);
    expect(events.filter((e) => e.type === 'resync').length).toBe(afterConnect);
    w.close();
  });

  it('sends typing with Rocket.Chat cadence: at once, repeated at most every 4.5 s, stopped 5 s after the last key', () => {
    const w = watch([]);
    latest().accept();
    const activity = () =>
      latest()
        .frames('method')
        .filter((f) => f.method === 'stream-notify-room')
        .map((f) => ((f.params as unknown[])[2] as string[]).length > 0);
    w.setTyping(true);
    vi.advanceTimersByTime(1000);
    w.setTyping(true);
    vi.advanceTimersByTime(1000);
    w.setTyping(true);
    expect(activity()).toEqual([true]);
    vi.advanceTimersByTime(3000);
    w.setTyping(true); // 5 s after the first: repeat
    expect(activity()).toEqual([true, true]);
    vi.advanceTimersByTime(5000);
    expect(activity()).toEqual([true, true, false]);
    const frame = latest().frames('method').find((f) => f.method === 'stream-notify-room')!;
    expect(frame).toMatchObject({ method: 'stream-notify-room', params: ['R1/user-activity', 'guest-1', ['user-typing'], { token: 'tok' }] });
    w.close();
  });

  it('reconnects and resyncs when the tab becomes visible again', () => {
    const events: LiveEvent[] = [];
    const w = watch(events);
    latest().drop();
    const sockets = FakeSocket.instances.length;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(FakeSocket.instances.length).toBe(sockets + 1);
    expect(events.at(-1)).toEqual({ type: 'resync' });
    w.close();
  });
});
