import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentApiError } from '../../src/shared/rocketchat/agent-client.ts';
import { createDemoBot } from '../../src/demo/agent-console/state/demo-bot.ts';
import { createSession, type Session } from '../../src/demo/agent-console/state/session.ts';
import { App } from '../../src/demo/agent-console/ui/app.tsx';
import { FakeAgentClient, makeRoom, visitorMsg } from './fake-agent-client.ts';

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.signOut();
});

/** A fake `/_standin/demo-bot`: GET reads, POST switches. */
function fakeBotServer(initial = true) {
  const state = { enabled: initial, posts: [] as boolean[] };
  const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'POST') {
      state.enabled = (JSON.parse(String(init.body)) as { enabled: boolean }).enabled;
      state.posts.push(state.enabled);
    }
    // Like the stand-in: on, but standing by while an agent is signed in (the fake console always is).
    return new Response(JSON.stringify({ enabled: state.enabled, available: true, answering: false }), { status: 200 });
  }) as typeof fetch;
  return { state, fetchImpl };
}

async function setup(client = new FakeAgentClient()) {
  const server = fakeBotServer();
  const bot = createDemoBot(server.fetchImpl);
  await bot.load();
  const session = createSession({ createClient: () => client, bot, pollMs: 60_000 });
  sessions.push(session);
  render(<App session={session} />);
  return { client, server, session };
}

describe('agent console', () => {
  it('signs in with the prefilled demo agent, leaves the demo bot on (standing by), and lists open chats', async () => {
    const { server } = await setup();
    // The sign-in page is the page's main content (axe: landmark-one-main).
    expect(within(screen.getByRole('main')).getByRole('textbox', { name: 'Username' })).toHaveValue('agent');
    expect(screen.getByLabelText('Password')).toHaveValue('agent-pass');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const nav = await screen.findByRole('navigation', { name: /Open chats/ });
    await within(nav).findByRole('button', { name: /Jane Visitor/ });
    const toggle = screen.getByRole('switch', { name: 'Demo bot' });
    // Signing in does not switch the bot off for everyone: it steps aside by itself.
    expect(server.state.posts).toEqual([]);
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(toggle).toHaveAccessibleDescription('Standing by while you are signed in and available.');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'false'));
    expect(server.state.posts).toEqual([false]);
  });

  it('shows a failed sign-in plainly', async () => {
    const client = new FakeAgentClient();
    client.failLogin = new AgentApiError(401, { success: false, status: 'error', error: 'Unauthorized', message: 'Unauthorized' });
    await setup(client);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Couldn't sign in — HTTP 401 · Unauthorized");
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('opens a chat from the list, and marks another chat unread when its visitor writes', async () => {
    const client = new FakeAgentClient();
    client.roomList = [makeRoom(), makeRoom({ _id: 'R2', fname: 'Bob Buyer', v: { _id: 'V2', username: 'guest-2', token: 'tok-2' } })];
    client.historyByRoom.set('R1', [visitorMsg('Hello from Jane')]);
    await setup(client);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const nav = await screen.findByRole('navigation', { name: /Open chats/ });
    // Each chat shows its visitor's name and its last message, read from its history.
    await within(nav).findByRole('button', { name: /Jane Visitor.*Hello from Jane/ });
    fireEvent.click(await within(nav).findByRole('button', { name: /Jane Visitor/ }));
    const log = await screen.findByRole('log', { name: 'Conversation with Jane Visitor' });
    await within(log).findByText('Hello from Jane');
    expect(within(nav).getByRole('button', { name: /Jane Visitor/ })).toHaveAttribute('aria-current', 'true');

    act(() => client.emit(visitorMsg('Anyone?', { rid: 'R2', token: 'tok-2', u: { _id: 'V2', username: 'guest-2' } })));
    const bob = within(nav).getByRole('button', { name: /Bob Buyer/ });
    expect(bob).toContainElement(within(nav).getByRole('img', { name: '1 new message' }));
    // The list shows what the visitor said last.
    expect(bob).toHaveTextContent('Anyone?');
    act(() => client.emit(visitorMsg('Hello??', { rid: 'R2', token: 'tok-2', u: { _id: 'V2', username: 'guest-2' } })));
    expect(within(bob).getByRole('img', { name: '2 new messages' })).toHaveTextContent('2');
    expect(bob).toHaveTextContent('Hello??');
    expect(within(log).queryByText('Anyone?')).toBeNull();
  });

  it('lists a chat with its visitor’s name and last message as typed: reordering controls shown as tokens', async () => {
    const client = new FakeAgentClient();
    client.roomList = [makeRoom({ fname: '\u202Eevil Bob' })];
    client.historyByRoom.set('R1', [visitorMsg('pay to \u202Egnp.exe\u202C now')]);
    await setup(client);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const nav = await screen.findByRole('navigation', { name: /Open chats/ });
    const chat = await within(nav).findByRole('button', { name: /evil Bob.*now/ });
    expect(chat.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(within(chat).getAllByText(/^U\+202[CE]$/).map((t) => t.textContent)).toEqual(['U+202E', 'U+202E', 'U+202C']);
    // Each isolated, so neither can pull the other (or "You:") around.
    expect([...chat.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual(['U+202Eevil Bob', 'pay to U+202Egnp.exeU+202C now']);
  });

  it('sends the person back to sign-in when the server no longer knows the token', async () => {
    const client = new FakeAgentClient();
    await setup(client);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const nav = await screen.findByRole('navigation', { name: /Open chats/ });
    client.failRooms = new AgentApiError(401, { success: false, status: 'error', message: 'You must be logged in to do this.' });
    fireEvent.click(within(nav).getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session ended');
  });
});
