/**
 * How the conversation reads: messages grouped by sender (one name and time per group), agents'
 * pictures with initials when a picture fails, where each of the visitor's messages has got to, the
 * greeting of an empty chat, and the options menu's keyboard behaviour.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../src/widget/backend/chat-backend.ts';
import type { UiMessage } from '../../src/widget/state/message-store.ts';
import { Header } from '../../src/widget/ui/header.tsx';
import { MessageList } from '../../src/widget/ui/message-list.tsx';
import { Welcome } from '../../src/widget/ui/welcome.tsx';

const at = Date.parse('2025-01-15T10:00:00Z');
let n = 0;
const msg = (over: Partial<UiMessage>): UiMessage => ({ id: `m${n++}`, text: 'x', at, from: 'agent', status: 'sent', seq: n, ...over });
const agentLabel = (m: ChatMessage) => m.author?.name ?? 'Agent';
const noop = () => undefined;
const ana = { username: 'ana', name: 'Ana Lima' };
const bob = { username: 'bob', name: 'Bob' };

function list(messages: UiMessage[], avatarOf?: (u: string) => string | undefined) {
  render(
    <MessageList
      messages={messages}
      agentLabel={agentLabel}
      typingName={undefined}
      canLoadEarlier={false}
      onLoadEarlier={noop}
      onRetry={noop}
      onEdit={noop}
      {...(avatarOf ? { avatarOf } : {})}
    />,
  );
  const log = screen.getByRole('log', { name: 'Conversation' });
  // Skip the day heading.
  return within(log).getAllByRole('listitem').slice(1);
}

describe('grouping', () => {
  it('names the sender and the time once per group, and starts a new group for another sender or after a pause', () => {
    const items = list([
      msg({ from: 'visitor', text: 'Hi' }),
      msg({ from: 'visitor', text: 'Are you there?', at: at + 20_000 }),
      msg({ author: ana, text: 'Hello!', at: at + 40_000 }),
      msg({ author: ana, text: 'How can I help?', at: at + 50_000 }),
      msg({ author: bob, text: 'Bob here too.', at: at + 60_000 }),
      msg({ author: bob, text: 'Much later.', at: at + 20 * 60_000 }),
    ]);
    const names = items.map((li) => li.querySelector('.msg__author')?.textContent ?? null);
    expect(names).toEqual(['You', null, 'Ana Lima', null, 'Bob', 'Bob']);
    expect(items.map((li) => li.querySelectorAll('time').length)).toEqual([1, 0, 1, 0, 1, 1]);
    // Screen readers still hear who wrote a message that continues a group.
    expect(items[1]).toHaveTextContent(/^You: Are you there\?\s*Sent$/);
    expect(items[3]).toHaveTextContent('Ana Lima: How can I help?');
  });

  it('shows the agent picture beside the first message of a group, falling back to initials when it fails', () => {
    const items = list([msg({ author: ana, text: 'Hello!' }), msg({ author: ana, text: 'Again', at: at + 1000 })], (u) => `https://chat.example/avatar/${u}`);
    const img = items[0]!.querySelector('img')!;
    expect(img).toHaveAttribute('src', 'https://chat.example/avatar/ana');
    expect(img).toHaveAttribute('alt', '');
    expect(items[1]!.querySelector('.avatar')).toBeNull();
    fireEvent.error(img);
    expect(items[0]!.querySelector('img')).toBeNull();
    expect(items[0]!.querySelector('.avatar')).toHaveTextContent('AL');
    expect(items[0]!.querySelector('.avatar')).toHaveAttribute('aria-hidden', 'true');
  });

  it('shows initials, and no picture, when the server has none for the agent (or hides agents)', () => {
    const items = list([msg({ author: ana, text: 'Hello!' })]);
    expect(items[0]!.querySelector('img')).toBeNull();
    expect(items[0]!.querySelector('.avatar')).toHaveTextContent('AL');
  });
});

describe('where a message has got to', () => {
  it('says sending, sent, delivered and read in words for screen readers, beside an icon', () => {
    // In the store's order: acknowledged messages by time, then those still on their way.
    const items = list([
      msg({ from: 'visitor', text: 'two' }),
      msg({ from: 'visitor', text: 'three', receipt: 'delivered', at: at + 1000 }),
      msg({ from: 'visitor', text: 'four', receipt: 'read', at: at + 2000 }),
      msg({ from: 'visitor', text: 'one', status: 'sending', at: at + 4000 }),
    ]);
    const states = items.map((li) => li.querySelector('.msg__receipt')?.textContent);
    expect(states).toEqual(['Sent', 'Delivered', 'Read', 'Sending…']);
    for (const li of items) expect(li.querySelector('.msg__receipt svg')).toHaveAttribute('aria-hidden', 'true');
    // Read after the text, as it is seen.
    expect(items[1]).toHaveTextContent(/three\s*Delivered$/);
  });

  it('shows a plain-format message exactly as written', async () => {
    const items = list([msg({ text: '*not bold* https://x.example', format: 'plain', author: ana })]);
    await new Promise((r) => setTimeout(r, 0));
    expect(items[0]!.querySelector('strong, a')).toBeNull();
    expect(items[0]).toHaveTextContent('*not bold* https://x.example');
  });
});

describe('welcome', () => {
  it('greets an empty chat with a heading and the server text, or the default line', () => {
    const { rerender } = render(<Welcome intro="We answer within the hour." />);
    expect(screen.getByRole('heading', { name: 'Hi! How can we help?' })).toBeInTheDocument();
    expect(screen.getByText('We answer within the hour.')).toBeInTheDocument();
    rerender(<Welcome />);
    expect(screen.getByText('Send us a message and we will reply here.')).toBeInTheDocument();
  });
});

describe('options menu', () => {
  function header(extra: Partial<Parameters<typeof Header>[0]> = {}) {
    const props = {
      title: 'Acme',
      subtitle: undefined,
      canFinish: true,
      canRequestTranscript: true,
      canDownload: true,
      onFinish: vi.fn(),
      onTranscript: vi.fn(),
      onDownload: vi.fn(),
      onMinimize: vi.fn(),
      ...extra,
    };
    render(<Header {...props} />);
    return props;
  }

  it('Escape in the menu closes it and gives focus back to "Chat options"', async () => {
    header();
    const options = screen.getByRole('button', { name: 'Chat options' });
    await userEvent.click(options);
    const finish = await screen.findByRole('button', { name: 'Finish chat' });
    finish.focus();
    await userEvent.keyboard('{Escape}');
    expect(options).toHaveAttribute('aria-expanded', 'false');
    expect(options).toHaveFocus();
  });

  it('moves between items with the arrow keys, and marks Finish chat as the destructive one', async () => {
    header();
    await userEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    const first = await screen.findByRole('button', { name: 'Email me the transcript' });
    first.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('button', { name: 'Download transcript (text)' })).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getByRole('button', { name: 'Finish chat' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Finish chat' })).toHaveClass('danger');
  });

  it('shows the sound switch state and stays open when it is switched', async () => {
    let on = true;
    const onToggleSound = vi.fn(() => (on = !on));
    header({ soundOn: true, onToggleSound });
    await userEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    const sound = await screen.findByRole('button', { name: 'Sound for new messages' });
    expect(sound).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(sound);
    expect(onToggleSound).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Chat options' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('closes on a click outside', async () => {
    header();
    const options = screen.getByRole('button', { name: 'Chat options' });
    await userEvent.click(options);
    await screen.findByRole('button', { name: 'Finish chat' });
    await userEvent.click(screen.getByRole('heading', { name: 'Acme' }));
    await waitFor(() => expect(options).toHaveAttribute('aria-expanded', 'false'));
  });
});
