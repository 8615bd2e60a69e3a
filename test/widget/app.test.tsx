import { signal } from '@preact/signals';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { createChat, type Chat } from '../../src/widget/state/chat.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { App, type Sheet } from '../../src/widget/ui/app.tsx';
import { FakeBackend, makeConfig } from './fake-backend.ts';

const chats: Chat[] = [];
afterEach(() => chats.splice(0).forEach((c) => c.dispose()));

async function renderApp(backend = new FakeBackend()) {
  const chat = createChat({ backend, storage: createStorage('app', window.localStorage) });
  chats.push(chat);
  const sheet = signal<Sheet>('none');
  const onMinimize = vi.fn();
  render(<App chat={chat} sheet={sheet} titleOverride={signal(undefined)} composerRef={{ current: null }} onMinimize={onMinimize} />);
  await chat.load();
  return { chat, backend, sheet, onMinimize };
}

describe('the chat panel', () => {
  it('runs the whole visitor flow: send, see the reply, finish, email the transcript, start again', async () => {
    const { backend } = await renderApp();
    expect(screen.getByRole('heading', { name: 'Acme Support' })).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Do you ship to Lisbon?{Enter}');
    await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
    backend.agentSays('R1', 'Yes, in 3 days.');
    expect(await screen.findByText('Yes, in 3 days.')).toBeInTheDocument();
    // The name is isolated in a <bdi>, so the sentence is matched as a whole.
    expect(screen.getByText((_, el) => el?.tagName === 'P' && el.textContent === 'Chatting with Ana')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Finish chat' }));
    // The confirmation is loaded on demand.
    await userEvent.click(await screen.findByRole('button', { name: 'Yes, finish chat' }));
    expect(await screen.findByRole('heading', { name: 'Chat finished' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.queryByText((_, el) => el?.tagName === 'P' && el.textContent === 'Chatting with Ana')).toBeNull();
    // The conversation stays readable after the end.
    expect(screen.getByText('Do you ship to Lisbon?')).toBeInTheDocument();

    await userEvent.type(await screen.findByRole('textbox', { name: 'Email address' }), 'jane@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send transcript' }));
    expect(await screen.findByText('Transcript sent to jane@example.com. It may take a few minutes to arrive.')).toBeInTheDocument();
    expect(backend.transcripts).toEqual([{ conversation: 'R1', email: 'jane@example.com' }]);

    await userEvent.click(screen.getByRole('button', { name: 'Start a new chat' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeInTheDocument();
    expect(screen.queryByText('Do you ship to Lisbon?')).toBeNull();
  });

  it('says the transcript is being prepared while a download collects the conversation (its words come with the menu)', async () => {
    const { backend } = await renderApp();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = backend.loadHistory.bind(backend);
    backend.loadHistory = async (p) => {
      await gate;
      return load(p);
    };
    await userEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Download transcript (text)' }));
    expect(await screen.findByText('Preparing the transcript…')).toHaveAttribute('role', 'status');
    release();
  });

  it('has the backend fetch its finishing code while the finish confirmation shows, before the visitor confirms', async () => {
    const prefetchEnding = vi.fn();
    const { sheet, backend } = await renderApp(Object.assign(new FakeBackend(), { prefetchEnding }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
    expect(prefetchEnding).not.toHaveBeenCalled();
    sheet.value = 'finish';
    await screen.findByRole('button', { name: 'Yes, finish chat' });
    await vi.waitFor(() => expect(prefetchEnding).toHaveBeenCalledTimes(1));
  });

  it('has the backend fetch the offline message\'s code while the offline form shows', async () => {
    const prefetchEnding = vi.fn();
    const backend = Object.assign(new FakeBackend(), { prefetchEnding });
    backend.config = makeConfig({ online: false });
    await renderApp(backend);
    await screen.findByRole('form', { name: /We are offline right now/ });
    await vi.waitFor(() => expect(prefetchEnding).toHaveBeenCalledTimes(1));
  });

  it('keeps chatting when the visitor changes their mind about finishing', async () => {
    const { sheet } = await renderApp();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    await vi.waitFor(() => expect(screen.getByText('Hi')).toBeInTheDocument());
    sheet.value = 'finish';
    await userEvent.click(await screen.findByRole('button', { name: 'Keep chatting' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeInTheDocument();
  });

  it('explains a failure to load and loads again on Try again', async () => {
    const backend = new FakeBackend();
    backend.failNext('loadConfig', new ChatError('cors', 'refused'));
    await renderApp(backend);
    expect(await screen.findByRole('alert')).toHaveTextContent('The chat could not be loaded. The chat server refused this website.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeInTheDocument();
  });

  it('says when no agent is online and the site offers no offline form', async () => {
    const backend = new FakeBackend();
    backend.config = makeConfig({ online: false }, { offlineForm: false });
    await renderApp(backend);
    expect(await screen.findByText('Our team is offline right now. Please try again later.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
  });

  it('offers "Leave a message" when nobody is online, checks it, sends it and thanks the visitor', async () => {
    const backend = new FakeBackend();
    backend.config = makeConfig({ online: false, departments: [{ id: 'd1', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true }] });
    await renderApp(backend);
    const form = await screen.findByRole('form', { name: /We are offline right now/ });
    expect(form).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(screen.getByRole('textbox', { name: 'Your name' })).toHaveFocus();
    // Each missing field says so under itself (tied by aria-describedby), the email too.
    expect(screen.getAllByText('Fill in this field.')).toHaveLength(3);
    expect(screen.getByRole('textbox', { name: 'Your name' })).toHaveAccessibleDescription('Fill in this field.');
    await userEvent.type(screen.getByRole('textbox', { name: 'Your name' }), 'Jane');
    await userEvent.type(screen.getByRole('textbox', { name: 'Email address' }), 'jane@example');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Call me back');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Department/ }), 'Sales');
    await userEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(screen.getByText('Enter a valid email address, like name@example.com.')).toBeInTheDocument();
    expect(backend.offlineMessages).toEqual([]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Email address' }), '.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(await screen.findByText(/Thank you! We received your message/)).toBeInTheDocument();
    expect(backend.offlineMessages).toEqual([{ name: 'Jane', email: 'jane@example.com', message: 'Call me back', department: 'd1' }]);
  });

  it('asks for name, email and department before the chat when the server wants a registration form', async () => {
    const backend = new FakeBackend();
    backend.config = makeConfig({
      departments: [
        { id: 'd1', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true },
        { id: 'd2', name: 'Support', showOnRegistration: true, showOnOfflineForm: true },
      ],
      customFields: [{ id: 'company', label: 'Company', type: 'input', required: false, options: [] }],
    }, { registrationForm: true });
    let registered: unknown;
    const register = backend.identify.bind(backend);
    backend.identify = async (details) => {
      registered = details;
      return register(details);
    };
    await renderApp(backend);
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    await userEvent.type(await screen.findByRole('textbox', { name: 'Your name' }), 'Jane');
    await userEvent.type(screen.getByRole('textbox', { name: 'Email address' }), 'jane@example.com');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Department' }), 'Support');
    await userEvent.type(screen.getByRole('textbox', { name: /Company/ }), 'Acme');
    await userEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeInTheDocument();
    expect(registered).toEqual({ name: 'Jane', email: 'jane@example.com', department: 'd2', customFields: [{ key: 'company', value: 'Acme', overwrite: true }] });
  });

  it('shows the reason a chat could not start, keeps the message, and retries', async () => {
    const backend = new FakeBackend();
    backend.failNext('startChat', new ChatError('no-agent', 'no-agent-online'));
    await renderApp(backend);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello?{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('The chat could not be started. No agent is available right now.');
    expect(screen.getByText('Hello?')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: 'Try again' })[0]!);
    await vi.waitFor(() => expect(backend.room('R1').messages.map((m) => m.text)).toEqual(['Hello?']));
  });

  it('warns when the browser does not let the widget store the conversation', async () => {
    const blocked = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); }, removeItem: () => undefined } as unknown as Storage;
    const chat = createChat({ backend: new FakeBackend(), storage: createStorage('x', blocked) });
    chats.push(chat);
    render(<App chat={chat} sheet={signal<Sheet>('none')} titleOverride={signal(undefined)} composerRef={{ current: null }} onMinimize={() => undefined} />);
    expect(await screen.findByText(/will be lost if you reload the page/)).toBeInTheDocument();
  });
});
