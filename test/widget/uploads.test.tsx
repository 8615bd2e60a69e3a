/**
 * Sending files: what the server's rules refuse before sending, progress, cancel, Retry (by itself
 * after a passing failure, never after a refusal), and how files of messages are shown (inline pictures,
 * download links, only http(s) addresses).
 */
import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { createChat, type Chat } from '../../src/widget/state/chat.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { refusalOf, typeMatches, uploadsOf } from '../../src/widget/state/uploads.ts';
import { MessageFiles } from '../../src/widget/ui/message-files.tsx';
import { UploadTray } from '../../src/widget/ui/uploads.tsx';
import { FakeBackend } from './fake-backend.ts';

const chats: Chat[] = [];
afterEach(() => {
  for (const c of chats.splice(0)) c.dispose();
  vi.useRealTimers();
});

async function chatting() {
  const backend = new FakeBackend();
  backend.config = { ...backend.config, features: { ...backend.config.features, uploads: true } };
  const chat = createChat({ backend, storage: createStorage(`up-${chats.length}`, null) });
  chats.push(chat);
  await chat.load();
  return { chat, backend, uploads: uploadsOf(chat) };
}

const file = (name: string, size: number, type: string) => new File([new Uint8Array(size)], name, { type });

describe('what is refused before sending', () => {
  const rules = { maxBytes: 1000, accept: [], refuse: ['image/svg+xml'] };
  it("follows Rocket.Chat's limits: the size (a file of exactly the limit is too large), the type lists, and empty files", () => {
    expect(refusalOf(file('a.txt', 999, 'text/plain'), rules)).toBeUndefined();
    expect(refusalOf(file('a.txt', 1000, 'text/plain'), rules)).toEqual({ kind: 'size', max: 1000 });
    expect(refusalOf(file('a.svg', 10, 'image/svg+xml'), rules)).toEqual({ kind: 'type' });
    expect(refusalOf(file('a.txt', 0, 'text/plain'), rules)).toEqual({ kind: 'empty' });
    const only = { accept: ['image/*', 'application/pdf'], refuse: [] };
    expect(refusalOf(file('a.png', 10, 'image/png'), only)).toBeUndefined();
    expect(refusalOf(file('a.pdf', 10, 'application/pdf'), only)).toBeUndefined();
    expect(refusalOf(file('a.zip', 10, 'application/zip'), only)).toEqual({ kind: 'type' });
    // No type known: the server decides by the name.
    expect(refusalOf(file('a.zip', 10, ''), only)).toBeUndefined();
    expect(typeMatches(file('Report.PDF', 1, ''), '.pdf')).toBe(true);
  });
});

describe('the uploads of a chat', () => {
  it('opens the conversation if needed, reports progress, and puts the file message in the conversation', async () => {
    const { chat, backend, uploads } = await chatting();
    await uploads.add([file('notes.txt', 100, 'text/plain')]);
    await waitFor(() => expect(backend.uploads).toHaveLength(1));
    expect(chat.conversationId.value).toBe('R1');
    backend.uploads[0]!.progress(40);
    expect(uploads.list.value[0]).toMatchObject({ status: 'uploading', sent: 40 });
    backend.uploads[0]!.finish();
    await waitFor(() => expect(uploads.list.value).toEqual([]));
    expect(chat.messages.value.at(-1)?.attachments?.[0]).toMatchObject({ name: 'notes.txt', size: 100 });
  });

  it('refuses by the rules without sending, and Remove takes it away', async () => {
    const { backend, uploads } = await chatting();
    backend.uploadRulesValue = { maxBytes: 50, accept: [], refuse: [] };
    await uploads.add([file('big.bin', 60, 'application/octet-stream')]);
    expect(uploads.list.value[0]).toMatchObject({ status: 'refused', refusal: { kind: 'size', max: 50 } });
    expect(backend.calls).not.toContain('uploadFile');
    uploads.remove(uploads.list.value[0]!.id);
    expect(uploads.list.value).toEqual([]);
  });

  it('cancels an upload under way', async () => {
    const { backend, uploads } = await chatting();
    await uploads.add([file('slow.txt', 10, 'text/plain')]);
    await waitFor(() => expect(backend.uploads).toHaveLength(1));
    uploads.remove(uploads.list.value[0]!.id);
    expect(backend.uploads[0]!.aborted).toBe(true);
    expect(uploads.list.value).toEqual([]);
  });

  it('keeps a failed file, sends it again by itself after a passing failure, and at once on Retry', async () => {
    const { backend, uploads } = await chatting();
    await uploads.add([file('photo.png', 10, 'image/png')]);
    await waitFor(() => expect(backend.uploads).toHaveLength(1));
    vi.useFakeTimers();
    backend.uploads[0]!.fail(new ChatError('network', 'offline'));
    // (vi.waitFor would move the fake clock: settle promises only.)
    await vi.advanceTimersByTimeAsync(0);
    expect(uploads.list.value[0]).toMatchObject({ status: 'failed', retrying: true });
    await vi.advanceTimersByTimeAsync(1_990);
    expect(backend.uploads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.uploads).toHaveLength(2);
    backend.uploads[1]!.fail(new ChatError('server', 'HTTP 502'));
    await vi.waitFor(() => expect(uploads.list.value[0]?.status).toBe('failed'));
    uploads.retry(uploads.list.value[0]!.id);
    await vi.waitFor(() => expect(backend.uploads).toHaveLength(3));
    backend.uploads[2]!.finish();
    await vi.waitFor(() => expect(uploads.list.value).toEqual([]));
  });

  it('does not resend what the server refused, and says why', async () => {
    const { backend, uploads } = await chatting();
    await uploads.add([file('huge.iso', 10, 'application/x-iso9660-image')]);
    await waitFor(() => expect(backend.uploads).toHaveLength(1));
    backend.uploads[0]!.fail(new ChatError('file-too-large', 'error-file-too-large'));
    await waitFor(() => expect(uploads.list.value[0]).toMatchObject({ status: 'refused' }));
    const { chat } = { chat: chats[0]! };
    render(<UploadTray chat={chat} />);
    expect(screen.getByRole('alert')).toHaveTextContent('huge.iso was not sent. The file is larger than the chat server accepts.');
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Remove: huge.iso' }));
    expect(uploads.list.value).toEqual([]);
  });

  it('shows progress by name, and Cancel, in the tray', async () => {
    const { chat, backend, uploads } = await chatting();
    await uploads.add([file('slow.txt', 200, 'text/plain')]);
    await waitFor(() => expect(backend.uploads).toHaveLength(1));
    backend.uploads[0]!.progress(50);
    render(<UploadTray chat={chat} />);
    expect(screen.getByRole('progressbar', { name: 'Sending slow.txt' })).toHaveAttribute('aria-valuetext', '25%');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel: slow.txt' }));
    expect(uploads.list.value).toEqual([]);
  });
});

describe('files of a message', () => {
  it('shows a picture inline with its description as alt text, and every file as a download link with its size', async () => {
    const resolve = async (id: string) => `https://chat.test${id}?rc_token=t`;
    render(
      <MessageFiles
        files={[
          { id: '/file-upload/A/dot.png', name: 'dot.png', type: 'image/png', size: 70, description: 'A red dot', image: { width: 40, height: 20, preview: '/file-upload/T/thumb.png' } },
          { id: '/file-upload/B/report.pdf', name: 'report.pdf', type: 'application/pdf', size: 1_500_000 },
        ]}
        resolve={resolve}
      />,
    );
    const img = await screen.findByRole('img', { name: 'A red dot' });
    expect(img).toHaveAttribute('src', 'https://chat.test/file-upload/T/thumb.png?rc_token=t');
    expect(img).toHaveAttribute('width', '40');
    expect(await screen.findByRole('link', { name: 'Download report.pdf (1.5 MB)' })).toHaveAttribute('href', 'https://chat.test/file-upload/B/report.pdf?rc_token=t');
    expect(screen.getByRole('link', { name: 'Download dot.png (70 bytes)' })).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('never uses an address that is not http(s), whatever the backend hands back', async () => {
    let calls = 0;
    const resolve = async () => (calls++ % 2 ? 'data:image/png;base64,AAAA' : 'javascript:alert(1)');
    render(<MessageFiles files={[{ id: '/x/evil.png', name: 'evil.png', type: 'image/png', image: {} }]} resolve={resolve} />);
    await waitFor(() => expect(calls).toBe(2));
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('evil.png')).toBeInTheDocument();
  });
});
