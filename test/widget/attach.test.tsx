/**
 * The attach button is all a chat without files downloads of them: the tray of files on their way (with the
 * uploads' state, kept files, texts and rules, ui/uploads.tsx) loads with the first file given, or at once
 * where files kept from before a reload may be waiting (the kept-files database exists).
 */
import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/widget/state/chat.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { Uploads } from '../../src/widget/ui/attach.tsx';
import { FakeBackend } from './fake-backend.ts';

/** IndexedDB as the widget meets it: `databases` lists what exists; `open` is only called once the uploads' state is made. */
function stubIndexedDb(names: string[]) {
  const open = vi.fn(() => {
    throw new Error('not in this test');
  });
  vi.stubGlobal('indexedDB', { databases: async () => names.map((name) => ({ name, version: 1 })), open });
  return open;
}

const chats: Chat[] = [];
afterEach(() => {
  for (const c of chats.splice(0)) c.dispose();
  vi.unstubAllGlobals();
});

async function chatWithUploads() {
  const backend = new FakeBackend();
  backend.config = { ...backend.config, features: { ...backend.config.features, uploads: true } };
  const chat = createChat({ backend, storage: createStorage(`attach-${chats.length}`, null) });
  chats.push(chat);
  await chat.load();
  return chat;
}

function placeholders(chat: Chat) {
  return render(
    <div class="shell">
      <Uploads part="tray" chat={chat} />
      <Uploads part="attach" chat={chat} />
      <textarea aria-label="Message" />
    </div>,
  );
}

describe('the attach button', () => {
  // That a chat without files fetches no tray is e2e/transfer-size.spec.ts's (it lists the files fetched).
  it('a file given to the button shows in the tray, which comes with it', async () => {
    const open = stubIndexedDb([]);
    const chat = await chatWithUploads();
    const { container } = placeholders(chat);
    await screen.findByRole('button', { name: 'Attach a file' });

    // (The picker's input sits beside the button, hidden: the button opens it.)
    await userEvent.upload(container.querySelector<HTMLInputElement>('input[type=file]')!, new File([], 'empty.txt', { type: 'text/plain' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('empty.txt is empty.');
    expect(screen.getByRole('list', { name: 'Attach a file' })).toBeVisible();
    expect(open).toHaveBeenCalled();
  });

  it('where the kept-files database exists, the tray comes at once to give kept files back', async () => {
    const open = stubIndexedDb(['rcw-uploads']);
    const chat = await chatWithUploads();
    placeholders(chat);
    await screen.findByRole('button', { name: 'Attach a file' });
    // The uploads' state is made, and looks in the database for files to give back.
    await waitFor(() => expect(open).toHaveBeenCalledWith('rcw-uploads', 1));
  });
});
