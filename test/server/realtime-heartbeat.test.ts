// @vitest-environment node
/**
 * The server side of the DDP heartbeat (contract §9.1): after `pingAfterMs` of silence the server pings;
 * a client that answers stays connected, one that stays silent for `closeAfterMs` more is closed with
 * 4000. Shortened timings here; Rocket.Chat's ddp-streamer uses 30 s and 30 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawDdp, startStandin, type Running } from './harness.ts';

let running: Running;

beforeAll(async () => {
  // Short, but with room for a busy machine: a pong only has to arrive within 750 ms of the ping.
  running = await startStandin({ realtime: { pingAfterMs: 250, closeAfterMs: 750 } });
});

afterAll(async () => {
  await running?.close();
});

describe('server heartbeat', () => {
  it('pings a silent client and closes it with 4000 when no answer comes', async () => {
    const s = await RawDdp.open(running.wsUrl);
    const started = Date.now();
    expect(await s.next((f) => f.msg === 'ping', 2000)).toEqual({ msg: 'ping' });
    const closed = await s.waitClosed(3000);
    expect(closed).toEqual({ code: 4000, reason: 'TIMEOUT' });
    // Closed only after pingAfterMs + closeAfterMs of silence, not at the ping.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('keeps a client that answers the ping with pong', async () => {
    const s = await RawDdp.open(running.wsUrl);
    for (let i = 0; i < 3; i++) {
      await s.next((f) => f.msg === 'ping', 2000);
      s.send({ msg: 'pong' });
    }
    expect(s.closed).toBeUndefined();
    s.send({ msg: 'ping', id: 'still-here' });
    expect(await s.next((f) => f.msg === 'pong')).toEqual({ msg: 'pong', id: 'still-here' });
    s.close();
  });
});
