import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentApiError } from '../../src/shared/rocketchat/agent-client.ts';
import { createConversation, type Conversation } from '../../src/demo/agent-console/state/conversation.ts';
import { RoomView } from '../../src/demo/agent-console/ui/room-view.tsx';
import { AGENT, agentMsg, FakeAgentClient, makeRoom, visitorMsg } from './fake-agent-client.ts';

const open: Conversation[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.dispose();
});

function setup(history = [visitorMsg('Hello, is anyone there?'), agentMsg('Hi Jane, how can I help?')]) {
  const client = new FakeAgentClient();
  client.username = AGENT.username;
  client.name = AGENT.name;
  client.historyByRoom.set('R1', history);
  const conversation = createConversation(client, makeRoom());
  open.push(conversation);
  render(<RoomView conversation={conversation} onBack={() => undefined} />);
  const log = screen.getByRole('log', { name: 'Conversation with Jane Visitor' });
  return { client, conversation, log, history };
}

const items = (log: HTMLElement) => within(log).queryAllByRole('listitem');

describe('room view', () => {
  it('shows the history: visitor and agent messages on their sides, system messages as small lines', async () => {
    const { log } = setup([
      visitorMsg('', { t: 'livechat-started' }),
      visitorMsg('Hello, is anyone there?'),
      agentMsg('Hi Jane, how can I help?'),
      agentMsg('', { t: 'command', msg: 'connected' }),
    ]);
    await waitFor(() => expect(items(log)).toHaveLength(3));
    const [started, visitor, agent] = items(log);
    expect(started).toHaveTextContent('Chat started');
    expect(started).toHaveClass('msg--system');
    expect(visitor).toHaveClass('msg--visitor');
    expect(visitor).toHaveTextContent('Jane Visitor');
    expect(visitor).toHaveTextContent('Hello, is anyone there?');
    expect(agent).toHaveClass('msg--agent');
    expect(agent).toHaveTextContent('Ana Agent');
  });

  it('upserts live messages by _id: a repeat or an edit replaces, a new one appends', async () => {
    const { client, log, history } = setup();
    await waitFor(() => expect(items(log)).toHaveLength(2));
    const first = history[0]!;
    act(() => {
      client.emit(first); // the stream repeats what history already had
      client.emit({ ...first, msg: 'Hello, is anyone there? (edited)', editedAt: '2026-11-21T10:05:00.000Z' });
      client.emit(visitorMsg('I have a question about tents'));
    });
    expect(items(log)).toHaveLength(3);
    expect(items(log)[0]).toHaveTextContent('Hello, is anyone there? (edited)');
    expect(items(log)[2]).toHaveTextContent('I have a question about tents');
  });

  it('keeps live messages that arrive before the history answer, without duplicates', async () => {
    const client = new FakeAgentClient();
    client.username = AGENT.username;
    const older = visitorMsg('Older');
    const early = visitorMsg('Arrived live first');
    client.historyByRoom.set('R1', [older, early]);
    const conversation = createConversation(client, makeRoom());
    open.push(conversation);
    client.emit(early);
    render(<RoomView conversation={conversation} onBack={() => undefined} />);
    const log = screen.getByRole('log');
    await waitFor(() => expect(items(log).map((li) => li.querySelector('.msg__bubble')?.textContent)).toEqual(['Older', 'Arrived live first']));
  });

  it('sends on Enter with a client id, and the echo from the stream does not duplicate it', async () => {
    const { client, log } = setup();
    await waitFor(() => expect(items(log)).toHaveLength(2));
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.input(reply, { target: { value: 'Sure, one moment' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(client.sent).toHaveLength(1);
    const { id } = client.sent[0]!;
    expect(id).toMatch(/^[23456789A-Za-z]{17}$/);
    expect(reply).toHaveValue('');
    act(() => client.emit(agentMsg('Sure, one moment', { _id: id! })));
    await waitFor(() => expect(within(log).queryByText('Sending…')).not.toBeInTheDocument());
    expect(within(log).getAllByText('Sure, one moment')).toHaveLength(1);
    expect(items(log)).toHaveLength(3);
  });

  it('Shift+Enter does not send', () => {
    const { client } = setup();
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.input(reply, { target: { value: 'line one' } });
    fireEvent.keyDown(reply, { key: 'Enter', shiftKey: true });
    expect(client.sent).toHaveLength(0);
  });

  it("shows the visitor's typing, and hides it when their message arrives; ignores our own typing", () => {
    const { client } = setup();
    act(() => client.emitTyping('R1', AGENT.username, true));
    expect(screen.getByRole('status')).toHaveTextContent('');
    act(() => client.emitTyping('R1', 'guest-1', true));
    expect(screen.getByRole('status')).toHaveTextContent('Jane Visitor is typing…');
    act(() => client.emit(visitorMsg('Done typing')));
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('sends agent typing while typing and stops on send', () => {
    const { client } = setup();
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.input(reply, { target: { value: 'H' } });
    fireEvent.input(reply, { target: { value: 'Hi' } });
    expect(client.typingCalls).toEqual([true]);
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(client.typingCalls).toEqual([true, false]);
  });

  it('closes with a comment, prefilled "Thanks for chatting!"', async () => {
    const { client } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Close chat…' }));
    const comment = screen.getByRole('textbox', { name: /Closing comment/ });
    expect(comment).toHaveValue('Thanks for chatting!');
    fireEvent.input(comment, { target: { value: 'Glad I could help' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    await screen.findByText('This chat is closed.');
    expect(client.closed).toEqual([{ rid: 'R1', comment: 'Glad I could help' }]);
    expect(screen.queryByRole('textbox', { name: 'Reply' })).not.toBeInTheDocument();
  });

  it('Escape cancels closing and puts focus back on the close button', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Close chat…' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Closing comment/ })).toHaveFocus());
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Close chat…' })).toHaveFocus());
    expect(screen.queryByRole('textbox', { name: /Closing comment/ })).not.toBeInTheDocument();
  });

  it("treats the visitor's livechat-close message as closed", async () => {
    const { client, log } = setup();
    act(() => client.emit(visitorMsg('', { t: 'livechat-close' })));
    expect(items(log).at(-1)).toHaveTextContent('Chat closed by Jane Visitor');
    expect(screen.getByText('This chat is closed.')).toBeInTheDocument();
  });

  it("shows an API error plainly, with the status and Rocket.Chat's error, and offers a retry", async () => {
    const { client, log } = setup();
    client.failSend = new AgentApiError(400, { success: false, error: 'error-not-allowed' });
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.input(reply, { target: { value: 'Hello?' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Couldn't send the message");
    expect(alert).toHaveTextContent('HTTP 400 · error-not-allowed');
    client.failSend = undefined;
    fireEvent.click(within(log).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(log).queryByText(/Not sent/)).not.toBeInTheDocument());
    expect(client.sent.map((s) => s.id)).toEqual([client.sent[0]!.id, client.sent[0]!.id]);
  });
});
