import { describe, expect, it } from 'vitest';
import type { UiMessage } from '../../src/widget/state/message-store.ts';
import { windowEndAt, windowEndOf, windowRange } from '../../src/widget/ui/message-window.ts';

const at = Date.parse('2025-01-15T10:00:00Z');
const message = (i: number, over: Partial<UiMessage> = {}): UiMessage => ({ id: `m${i}`, text: `message ${i}`, at: at + i * 1000, from: 'agent', status: 'sent', seq: i, ...over });
const conversation = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => message(from + k));

describe('the message window', () => {
  it('follows the newest when it has no end', () => {
    expect(windowRange(conversation(0, 500), undefined, 120)).toEqual({ start: 380, end: 500 });
    expect(windowRange(conversation(0, 30), undefined, 120)).toEqual({ start: 0, end: 30 });
  });

  it('stays on the same messages when older pages arrive above and newer ones below', () => {
    const before = conversation(100, 400);
    const key = windowEndAt(before, 200); // ends at message 299
    const { start, end } = windowRange(before, key, 120);
    expect(before.slice(start, end).map((m) => m.id)).toEqual(conversation(180, 300).map((m) => m.id));
    const after = [...conversation(0, 100), ...before, ...conversation(400, 450)];
    const moved = windowRange(after, key, 120);
    expect(after.slice(moved.start, moved.end).map((m) => m.id)).toEqual(conversation(180, 300).map((m) => m.id));
  });

  it('when its last message goes away, ends just before where it was rather than at the newest', () => {
    const all = conversation(0, 500);
    const key = windowEndOf(all[299]!);
    const without = all.filter((m) => m.id !== 'm299' && m.id !== 'm298');
    const { end } = windowRange(without, key, 120);
    expect(without[end - 1]!.id).toBe('m297');
  });

  it('ignores the visitor’s unsent messages when finding that place, and never comes up empty', () => {
    const all = [...conversation(0, 10), message(99, { id: 'pending', status: 'sending', at: at - 5_000 })];
    expect(windowRange(all, { id: 'gone', at: at + 4_500, seq: 4 }, 120).end).toBe(5);
    expect(windowRange(all, { id: 'gone', at: at - 60_000, seq: 0 }, 120)).toEqual({ start: 0, end: 11 });
  });

  it('ending at the newest (or past it) means following again', () => {
    const all = conversation(0, 50);
    expect(windowEndAt(all, 50)).toBeUndefined();
    expect(windowEndAt(all, 80)).toBeUndefined();
    expect(windowEndAt(all, 20)).toEqual({ id: 'm19', at: at + 19_000, seq: 19 });
  });
});
