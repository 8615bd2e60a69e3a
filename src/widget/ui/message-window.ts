/**
 * Which slice of the conversation the list renders. Pure, so the arithmetic is tested apart from layout.
 *
 * The window is pinned by its last message rather than by indices: pages of older messages arriving
 * above shift every index but not the window. If that message goes away (deleted by the agent, a
 * hidden system type, a discarded failed message), the window ends at the message before where it was,
 * so the visitor stays where they were reading instead of being thrown to the newest.
 */
import type { UiMessage } from '../state/message-store.ts';

export interface WindowEnd {
  id: string;
  at: number;
  seq: number;
}

export interface WindowRange {
  /** First rendered index. */
  start: number;
  /** One past the last rendered index. */
  end: number;
}

export const windowEndOf = (m: UiMessage): WindowEnd => ({ id: m.id, at: m.at, seq: m.seq });

function endIndex(messages: readonly UiMessage[], key: WindowEnd | undefined, size: number): number {
  if (!key) return messages.length;
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === key.id) return i + 1;
  // Gone: the last server message that came at or before it (unsent ones sit after every sent one).
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.status === 'sent' && (m.at < key.at || (m.at === key.at && m.seq <= key.seq))) return i + 1;
  }
  return Math.min(messages.length, size);
}

export function windowRange(messages: readonly UiMessage[], key: WindowEnd | undefined, size: number): WindowRange {
  const end = endIndex(messages, key, size);
  return { start: Math.max(0, end - size), end };
}

/** The key that makes the window end at `index` (exclusive); `undefined` follows the newest. */
export function windowEndAt(messages: readonly UiMessage[], index: number): WindowEnd | undefined {
  const last = messages[index - 1];
  return index >= messages.length || !last ? undefined : windowEndOf(last);
}
