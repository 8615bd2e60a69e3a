import { signal } from '@preact/signals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttention } from '../../src/widget/state/attention.ts';

afterEach(() => vi.restoreAllMocks());

describe('the new-message sound', () => {
  it("plays the server's sound while the visitor leaves sound on, and nothing once they switch it off", async () => {
    const played: string[] = [];
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
      played.push(this.src);
      return Promise.resolve();
    });
    const sound = signal(true);
    const a = createAttention({ sound, soundUrl: () => 'https://chat.test/sounds/chime.mp3', titleNotice: (n) => `(${n})` });
    a.agentMessage(false);
    a.agentMessage(true); // seen: no sound
    expect(played).toEqual(['https://chat.test/sounds/chime.mp3']);
    sound.value = false;
    a.agentMessage(false);
    expect(played).toHaveLength(1);
    a.dispose();
  });

  it('falls back to its own tone when the server names no sound', () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play');
    const started: number[] = [];
    class FakeContext {
      currentTime = 0;
      destination = {};
      resume = () => Promise.resolve();
      close = () => Promise.resolve();
      createGain = () => ({ gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (x: unknown) => x });
      createOscillator = () => ({ frequency: { value: 0 }, connect: (x: unknown) => x, start: (t: number) => started.push(t), stop() {} });
    }
    vi.stubGlobal('AudioContext', FakeContext);
    const a = createAttention({ sound: signal(true), soundUrl: () => undefined, titleNotice: (n) => `(${n})` });
    a.agentMessage(false);
    expect(play).not.toHaveBeenCalled();
    expect(started).toHaveLength(2);
    a.dispose();
    vi.unstubAllGlobals();
  });
});
