import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shouldAnnounce, TypingNotifier } from '../../src/demo/agent-console/state/typing-notifier.ts';

describe('agent typing cadence (user-typing at most every 4.5 s, stop 5 s after the last key)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function start() {
    const sent: boolean[] = [];
    return { sent, notifier: new TypingNotifier((t) => sent.push(t)) };
  }

  it('announces on the first key, then not again until 4.5 s have passed', () => {
    const { sent, notifier } = start();
    notifier.input('h');
    vi.advanceTimersByTime(2_000);
    notifier.input('he');
    vi.advanceTimersByTime(2_499);
    notifier.input('hel');
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    notifier.input('hell');
    expect(sent).toEqual([true, true]);
  });

  it('stops 5 s after the last key', () => {
    const { sent, notifier } = start();
    notifier.input('h');
    vi.advanceTimersByTime(3_000);
    notifier.input('hi');
    vi.advanceTimersByTime(4_999);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);
    expect(notifier.typing).toBe(false);
  });

  it('stops at once on send (stop) or when the text is cleared, and only once', () => {
    const { sent, notifier } = start();
    notifier.input('hi');
    notifier.stop();
    notifier.stop();
    expect(sent).toEqual([true, false]);
    notifier.input('again');
    notifier.input('');
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false, true, false]);
  });

  it('shouldAnnounce is the pure rule', () => {
    expect(shouldAnnounce(undefined, 0)).toBe(true);
    expect(shouldAnnounce(1_000, 5_499)).toBe(false);
    expect(shouldAnnounce(1_000, 5_500)).toBe(true);
  });
});
