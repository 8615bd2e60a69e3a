import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/widget/state/chat.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { FakeBackend } from './fake-backend.ts';

/**
 * A tab's copy of localStorage, as Chromium keeps one per renderer: what another tab wrote reaches it
 * later, with the `storage` event. `writes` is what this tab itself wrote.
 */
class TabStorage implements Storage {
  readonly copy = new Map<string, string>();
  readonly writes: string[] = [];
  get length() {
    return this.copy.size;
  }
  clear(): void {
    this.copy.clear();
  }
  key(i: number): string | null {
    return [...this.copy.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.copy.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.writes.push(`set ${k}`);
    this.copy.set(k, v);
  }
  removeItem(k: string): void {
    this.writes.push(`remove ${k}`);
    this.copy.delete(k);
  }
  /** Another tab's write arrives: the copy changes, then the page hears of it. */
  fromOtherTab(k: string, v: string | null): void {
    if (v === null) this.copy.delete(k);
    else this.copy.set(k, v);
    window.dispatchEvent(new StorageEvent('storage', { key: k }));
  }
}

const chats: Chat[] = [];
afterEach(() => chats.splice(0).forEach((c) => c.dispose()));

describe('following another tab', () => {
  it('does not write back what it adopted: a lagging copy cannot erase the other tab’s new chat', async () => {
    const backend = new FakeBackend();
    const tab = new TabStorage();
    const chat = createChat({ backend, storage: createStorage('tabs', tab) });
    chats.push(chat);
    await chat.load();
    chat.send('From this tab');
    await vi.waitFor(() => expect(chat.conversationId.value).toBe('R1'));
    await chat.finish();
    await vi.waitFor(() => expect(chat.ended.value).toBeDefined());

    // The other tab starts a new chat: it forgets the ended one (its new room's id is still on its way here).
    const before = tab.writes.length;
    tab.fromOtherTab('tabs:ended', null);
    tab.fromOtherTab('tabs:rid', null);
    await vi.waitFor(() => expect(chat.conversationId.value).toBeUndefined());
    expect(chat.ended.value).toBeUndefined();
    // Writing "no chat" back would reach the browser after the other tab's new room, and erase it.
    expect(tab.writes.slice(before)).toEqual([]);

    tab.fromOtherTab('tabs:rid', JSON.stringify('R2'));
    await vi.waitFor(() => expect(chat.conversationId.value).toBe('R2'));
    expect(tab.writes.slice(before)).toEqual([]);
  });
});
