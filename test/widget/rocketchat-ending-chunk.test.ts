/**
 * Finishing a chat, the transcript email and the offline message are a chunk of their own
 * (backend/rocketchat/ending.ts), fetched on first use. When that chunk does not come (the
 * network went), the visitor must read a network error, which the UI pairs with a way to try again.
 */
import { describe, expect, it, vi } from 'vitest';
import { createRocketChatBackend } from '../../src/widget/backend/rocketchat/backend.ts';
import { createStorage } from '../../src/widget/state/storage.ts';

vi.mock('../../src/widget/backend/rocketchat/ending.ts', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('the Rocket.Chat ending chunk, not there', () => {
  it('makes finishing, the transcript email and the offline message fail as network errors, with no request sent', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no request was expected')));
    const backend = createRocketChatBackend('https://chat.test', { storage: createStorage('extras-chunk', null), rest: { fetch: fetch as unknown as typeof globalThis.fetch } });
    await expect(backend.closeChat({ conversation: 'R1' })).rejects.toMatchObject({ name: 'ChatError', kind: 'network' });
    await expect(backend.requestTranscript({ conversation: 'R1', email: 'a@example.com' })).rejects.toMatchObject({ kind: 'network' });
    await expect(backend.sendOfflineMessage({ name: 'A', email: 'a@example.com', message: 'hi' })).rejects.toMatchObject({ kind: 'network' });
    expect(fetch).not.toHaveBeenCalled();
  });
});
