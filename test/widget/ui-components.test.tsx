import { signal } from '@preact/signals';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../src/widget/backend/chat-backend.ts';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { isEmail } from '../../src/widget/state/chat.ts';
import type { UiMessage } from '../../src/widget/state/message-store.ts';
import { ChatEnded } from '../../src/widget/ui/chat-ended.tsx';
import { Composer } from '../../src/widget/ui/composer.tsx';
import { ConnectionStatus } from '../../src/widget/ui/connection-status.tsx';
import { FinishConfirm } from '../../src/widget/ui/finish-confirm.tsx';
import { Header } from '../../src/widget/ui/header.tsx';
import { MessageList } from '../../src/widget/ui/message-list.tsx';
import { TranscriptForm } from '../../src/widget/ui/transcript-form.tsx';

const at = Date.parse('2025-01-15T10:00:00Z');
const msg = (over: Partial<UiMessage>): UiMessage => ({ id: Math.random().toString(36), text: 'x', at, from: 'agent', status: 'sent', seq: 0, ...over });
const agentLabel = (m: ChatMessage) => m.author?.name ?? 'Agent';

describe('MessageList', () => {
  const noop = () => undefined;
  it('is a labelled log with who said what', () => {
    render(
      <MessageList
        messages={[msg({ from: 'visitor', text: 'Hi there' }), msg({ text: 'Hello!', author: { username: 'ana', name: 'Ana' } })]}
        agentLabel={agentLabel}
        typingName={undefined}
        canLoadEarlier={false}
        onLoadEarlier={noop}
        onRetry={noop}
        onEdit={noop}
      />,
    );
    const log = screen.getByRole('log', { name: 'Conversation' });
    const items = within(log).getAllByRole('listitem').slice(1);
    expect(items[0]).toHaveTextContent('You');
    expect(items[0]).toHaveTextContent('Hi there');
    expect(items[1]).toHaveTextContent('Ana');
    expect(items[1]).toHaveTextContent('Hello!');
    // A day heading is itself a list item (a list may hold only items).
    expect(within(log).getAllByRole('listitem')[0]).toHaveTextContent('January 15, 2025');
  });

  it('shows a failed message with its reason and Retry / Edit, and queued ones behind it', async () => {
    const onRetry = vi.fn();
    const onEdit = vi.fn();
    const failed = msg({ id: 'f1', from: 'visitor', text: 'lost?', status: 'failed', error: new ChatError('room-closed', 'room-closed') });
    render(
      <MessageList
        messages={[failed, msg({ id: 'q1', from: 'visitor', text: 'next', status: 'sending', seq: 1 })]}
        agentLabel={agentLabel}
        typingName={undefined}
        canLoadEarlier={false}
        onLoadEarlier={() => undefined}
        onRetry={onRetry}
        onEdit={onEdit}
      />,
    );
    // What an unsent message says loads with the rest of what shows only when something is wrong.
    expect(await screen.findByText(/Not sent: This chat has already finished\./)).toBeInTheDocument();
    expect(screen.getByText('Waiting to send')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(onRetry).toHaveBeenCalledWith('f1');
    expect(onEdit).toHaveBeenCalledWith('f1');
  });

  it('says when the agent is typing, in a status region', () => {
    render(
      <MessageList messages={[]} agentLabel={agentLabel} typingName="Ana" canLoadEarlier={false} onLoadEarlier={() => undefined} onRetry={() => undefined} onEdit={() => undefined} />,
    );
    expect(screen.getAllByRole('status').find((el) => el.textContent?.includes('typing'))).toHaveTextContent('Ana is typing…');
  });

  it('renders message text as text, never as HTML', () => {
    render(
      <MessageList
        messages={[msg({ text: '<img src=x onerror=alert(1)><b>bold</b>' })]}
        agentLabel={agentLabel}
        typingName={undefined}
        canLoadEarlier={false}
        onLoadEarlier={() => undefined}
        onRetry={() => undefined}
        onEdit={() => undefined}
      />,
    );
    expect(screen.getByText('<img src=x onerror=alert(1)><b>bold</b>')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('Composer', () => {
  it('sends on Enter, keeps Shift+Enter for new lines, and is labelled', async () => {
    const draft = signal('');
    const onSend = vi.fn(() => true);
    render(<Composer draft={draft} limit={undefined} onSend={onSend} onTyping={() => undefined} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'Hello{Shift>}{Enter}{/Shift}there');
    expect(onSend).not.toHaveBeenCalled();
    expect(draft.value).toBe('Hello\nthere');
    await userEvent.type(box, '{Enter}');
    expect(onSend).toHaveBeenCalledWith('Hello\nthere');
  });

  it('disables Send while empty and explains an over-long message', async () => {
    const draft = signal('');
    render(<Composer draft={draft} limit={5} onSend={() => true} onTyping={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'too long');
    expect(screen.getByRole('alert')).toHaveTextContent('Your message is 8 characters long; the limit is 5.');
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });
});

describe('TranscriptForm', () => {
  it('prefills the known email and sends it', async () => {
    const onSubmit = vi.fn();
    render(<TranscriptForm state={{ status: 'idle' }} defaultEmail="jane@example.com" intro={undefined} isEmail={isEmail} onSubmit={onSubmit} />);
    expect(screen.getByRole('textbox', { name: 'Email address' })).toHaveValue('jane@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send transcript' }));
    expect(onSubmit).toHaveBeenCalledWith('jane@example.com');
  });

  it('catches an invalid address before sending and keeps what was typed', async () => {
    const onSubmit = vi.fn();
    render(<TranscriptForm state={{ status: 'idle' }} defaultEmail={undefined} intro={undefined} isEmail={isEmail} onSubmit={onSubmit} />);
    const input = screen.getByRole('textbox', { name: 'Email address' });
    await userEvent.type(input, 'jane@example');
    await userEvent.click(screen.getByRole('button', { name: 'Send transcript' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a valid email address');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveFocus();
    expect(input).toHaveValue('jane@example');
  });

  it('shows sending, then the server error with a retry, then sent', () => {
    const props = { defaultEmail: 'j@x.io', intro: undefined, isEmail, onSubmit: () => undefined };
    const { rerender } = render(<TranscriptForm {...props} state={{ status: 'sending', email: 'j@x.io' }} />);
    expect(screen.getByRole('button', { name: 'Sending transcript…' })).toBeDisabled();
    rerender(<TranscriptForm {...props} state={{ status: 'error', email: 'j@x.io', error: new ChatError('network', 'down') }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The transcript could not be sent. You seem to be offline');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
    rerender(<TranscriptForm {...props} state={{ status: 'sent', email: 'j@x.io' }} />);
    expect(screen.getByRole('status')).toHaveTextContent('Transcript sent to j@x.io.');
  });
});

describe('ChatEnded', () => {
  const base = {
    finishedText: undefined,
    transcript: { status: 'idle' } as const,
    defaultEmail: undefined,
    transcriptIntro: undefined,
    isEmail,
    onTranscript: () => undefined,
    onDownload: () => undefined,
  };
  it('announces the end by focusing its heading and offers the transcript and a new chat', async () => {
    const onNewChat = vi.fn();
    render(<ChatEnded {...base} ended={{ by: 'agent', transcriptRequested: false }} offerTranscript onNewChat={onNewChat} />);
    expect(screen.getByRole('heading', { name: 'Chat finished' })).toHaveFocus();
    expect(screen.getByText(/The agent finished this chat/)).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Email me the transcript' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start a new chat' }));
    expect(onNewChat).toHaveBeenCalled();
  });

  it('does not offer the form when the server sends the transcript itself or transcripts are off', () => {
    const { rerender } = render(<ChatEnded {...base} ended={{ by: 'visitor', transcriptRequested: true }} offerTranscript onNewChat={() => undefined} />);
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('will be emailed to you');
    rerender(<ChatEnded {...base} ended={{ by: 'visitor', transcriptRequested: false }} offerTranscript={false} onNewChat={() => undefined} />);
    expect(screen.queryByRole('form')).toBeNull();
  });
});

describe('FinishConfirm', () => {
  it('puts focus on the safe choice and cancels with Escape', async () => {
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(<FinishConfirm busy={false} onCancel={onCancel} onConfirm={onConfirm} />);
    expect(screen.getByRole('alertdialog', { name: 'Finish this chat?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Keep chatting' })).toHaveFocus();
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Yes, finish chat' }));
    expect(onConfirm).toHaveBeenCalled();
  });
});

describe('Header', () => {
  it('opens the chat options as a disclosure and minimises', async () => {
    const onFinish = vi.fn();
    const onTranscript = vi.fn();
    const onMinimize = vi.fn();
    const onDownload = vi.fn();
    render(
      <Header
        title="Acme Support"
        subtitle="Chatting with Ana"
        canFinish
        canRequestTranscript
        canDownload
        onFinish={onFinish}
        onTranscript={onTranscript}
        onDownload={onDownload}
        onMinimize={onMinimize}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Acme Support' })).toBeInTheDocument();
    const options = screen.getByRole('button', { name: 'Chat options' });
    expect(options).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(options);
    expect(options).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(await screen.findByRole('button', { name: 'Email me the transcript' }));
    expect(onTranscript).toHaveBeenCalled();
    await userEvent.click(options);
    await userEvent.click(await screen.findByRole('button', { name: 'Download transcript (web page)' }));
    expect(onDownload).toHaveBeenCalledWith('html');
    await userEvent.click(options);
    await userEvent.click(await screen.findByRole('button', { name: 'Finish chat' }));
    expect(onFinish).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Minimize chat' }));
    expect(onMinimize).toHaveBeenCalled();
  });

  it('has no options button when there is nothing to choose', () => {
    render(
      <Header
        title="T"
        subtitle={undefined}
        canFinish={false}
        canRequestTranscript={false}
        canDownload={false}
        onFinish={() => undefined}
        onTranscript={() => undefined}
        onDownload={() => undefined}
        onMinimize={() => undefined}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Chat options' })).toBeNull();
  });
});

describe('ConnectionStatus', () => {
  it('is silent while online and explains a lost connection with a way to retry now', async () => {
    const onReconnect = vi.fn();
    const { rerender } = render(<ConnectionStatus state="online" onReconnect={onReconnect} />);
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    rerender(<ConnectionStatus state="reconnecting" onReconnect={onReconnect} />);
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Connection lost. Reconnecting…'));
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect now' }));
    expect(onReconnect).toHaveBeenCalled();
    rerender(<ConnectionStatus state="offline" onReconnect={onReconnect} />);
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You are offline'));
  });
});

describe('Composer, keyboard timing', () => {
  it('sends when Enter arrives in the same task as the text (before a re-render)', () => {
    const draft = signal('');
    const onSend = vi.fn(() => true);
    render(<Composer draft={draft} limit={undefined} onSend={onSend} onTyping={() => undefined} />);
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    // Plain DOM events: testing-library's fireEvent would flush a re-render in between.
    box.value = 'quick';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onSend).toHaveBeenCalledWith('quick');
  });
});

// Hundreds of messages rendered in happy-dom: seconds on a loaded 2-core machine, so more than 5 s allowed.
describe('MessageList with a long conversation', { timeout: 30_000 }, () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => msg({ id: `m${i}`, text: `message ${i}`, at: at + i * 1000, seq: i }));
  const list = (messages: UiMessage[], onLoadEarlier: () => Promise<unknown> | void = () => undefined) => (
    <MessageList messages={messages} agentLabel={agentLabel} typingName={undefined} canLoadEarlier onLoadEarlier={onLoadEarlier} onRetry={() => undefined} onEdit={() => undefined} />
  );
  const earlier = () => userEvent.click(screen.getByRole('button', { name: 'Load earlier messages' }));

  it('keeps at most a window of messages in the page, sliding it back through what is loaded, then asking the server', async () => {
    let release = () => undefined as void;
    const onLoadEarlier = vi.fn(() => new Promise<void>((r) => (release = r)));
    render(list(many(250), onLoadEarlier));
    const log = screen.getByRole('log');
    expect(within(log).getAllByRole('listitem')).toHaveLength(120);
    expect(within(log).getByText('message 249')).toBeInTheDocument();
    expect(within(log).queryByText('message 129')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Jump to the newest messages' })).toBeNull();

    await earlier();
    // Older ones in, the newest out: the page never holds more than the window.
    expect(within(log).getByText('message 70')).toBeInTheDocument();
    expect(within(log).queryByText('message 249')).toBeNull();
    expect(within(log).getAllByRole('listitem')).toHaveLength(120);
    await earlier();
    await earlier();
    expect(within(log).getByText('message 0')).toBeInTheDocument();
    // …with its day heading: 120 messages and the heading.
    expect(within(log).getAllByRole('listitem')).toHaveLength(121);
    expect(onLoadEarlier).not.toHaveBeenCalled();

    // Everything loaded is shown: the next request goes to the server, once until it answers.
    await earlier();
    await earlier();
    expect(onLoadEarlier).toHaveBeenCalledTimes(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    await earlier();
    expect(onLoadEarlier).toHaveBeenCalledTimes(2);

    await userEvent.click(screen.getByRole('button', { name: 'Jump to the newest messages' }));
    expect(within(log).getByText('message 249')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Jump to the newest messages' })).toBeNull();
  });

  it('while the visitor reads back, says new messages arrived below; their own new message brings them to it', async () => {
    const messages = many(250);
    const { rerender } = render(list(messages));
    const log = screen.getByRole('log');
    expect(screen.queryByText('New messages below')).toBeNull();
    await earlier();
    expect(screen.queryByText('New messages below')).toBeNull();

    rerender(list([...messages, msg({ id: 'reply', text: 'a reply meanwhile', at: at + 300_000, seq: 300 })]));
    expect(within(log).queryByText('a reply meanwhile')).toBeNull();
    expect(screen.getByText('New messages below')).toBeInTheDocument();

    rerender(list([...messages, msg({ id: 'reply', text: 'a reply meanwhile', at: at + 300_000, seq: 300 }), msg({ id: 'mine', from: 'visitor', status: 'sending', text: 'my question', seq: 301 })]));
    expect(within(log).getByText('my question')).toBeInTheDocument();
    expect(within(log).getByText('a reply meanwhile')).toBeInTheDocument();
    expect(screen.queryByText('New messages below')).toBeNull();
  });

  it('keeps screen readers quiet while a slide puts old messages in the page, then listens again', async () => {
    render(list(many(250)));
    const log = screen.getByRole('log');
    expect(log).toHaveAttribute('aria-live', 'polite');
    await earlier();
    expect(log).toHaveAttribute('aria-live', 'off');
    // It listens again once the slide is over: wait for that state, not for a guessed time.
    await vi.waitFor(() => expect(log).toHaveAttribute('aria-live', 'polite'), { timeout: 10_000 });
  });

  it('is not pulled down by the visitor’s message from another tab, only by one typed here; then hands focus on', async () => {
    const messages = many(250);
    const onJumped = vi.fn();
    const props = { agentLabel, typingName: undefined, canLoadEarlier: false, onLoadEarlier: () => undefined, onRetry: () => undefined, onEdit: () => undefined, onJumped };
    const { rerender } = render(<MessageList messages={messages} {...props} />);
    const log = screen.getByRole('log');
    await earlier();
    const fromOtherTab = msg({ id: 'other-tab', from: 'visitor', status: 'sent', text: 'sent from my other tab', at: at + 400_000, seq: 400 });
    rerender(<MessageList messages={[...messages, fromOtherTab]} {...props} />);
    expect(within(log).queryByText('sent from my other tab')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Jump to the newest messages' }));
    expect(within(log).getByText('sent from my other tab')).toBeInTheDocument();
    expect(onJumped).toHaveBeenCalledTimes(1);
  });

  it('follows the conversation: new messages join the window and the oldest leave it', () => {
    const messages = many(120);
    const { rerender } = render(list(messages));
    const log = screen.getByRole('log');
    rerender(list([...messages, msg({ id: 'new', text: 'newest one', at: at + 500_000, seq: 500 })]));
    expect(within(log).getByText('newest one')).toBeInTheDocument();
    expect(within(log).queryByText('message 0')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Jump to the newest messages' })).toBeNull();
  });
});
