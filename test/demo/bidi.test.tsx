import { signal } from '@preact/signals';
import { render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactSummary } from '../../src/shared/amazon-connect/agent-client.ts';
import type { ConnectDesk } from '../../src/demo/agent-console/state/connect-desk.ts';
import type { ConnectConversation } from '../../src/demo/agent-console/state/connect-conversation.ts';
import { createConversation, type Conversation } from '../../src/demo/agent-console/state/conversation.ts';
import type { ConsoleMessage } from '../../src/demo/agent-console/state/messages.ts';
import { ConnectList } from '../../src/demo/agent-console/ui/connect-list.tsx';
import { ConnectView } from '../../src/demo/agent-console/ui/connect-view.tsx';
import { RoomView } from '../../src/demo/agent-console/ui/room-view.tsx';
import { AGENT, FakeAgentClient, makeRoom, visitorMsg } from './fake-agent-client.ts';

/** Any bidi control that reorders what follows it, left in what the agent reads. */
const RAW_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

const open: Conversation[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.dispose();
});

/** The visible tokens in `el`: each control shown as what it is. */
const tokens = (el: HTMLElement) => within(el).queryAllByText(/^U\+[0-9A-F]{4}$/).map((t) => t.textContent);

describe('agent console: untrusted text cannot reorder what the agent reads', () => {
  it('shows a visitor’s message and name with their controls as tokens, isolated', async () => {
    const client = new FakeAgentClient();
    client.username = AGENT.username;
    client.historyByRoom.set('R1', [visitorMsg('\u202Eevil\u202C', { u: { _id: 'V1', username: 'guest-1', name: '\u202Eevil Bob' }, alias: '\u202Eevil Bob' })]);
    const conversation = createConversation(client, makeRoom({ fname: '\u202Eevil Bob' }));
    open.push(conversation);
    render(<RoomView conversation={conversation} onBack={() => undefined} />);

    // The heading: the name in a <bdi>, the override a token.
    // (jsdom, without layout, spaces the token off in the accessible name; the text reads as it should)
    const heading = screen.getByRole('heading', { name: /evil Bob/ });
    expect(heading).toHaveTextContent('U+202Eevil Bob');
    expect(heading.textContent).not.toMatch(RAW_CONTROL);
    expect(heading.querySelector('bdi')).not.toBeNull();
    expect(screen.getByRole('log', { name: 'Conversation with [U+202E]evil Bob' })).toBeInTheDocument();

    const log = screen.getByRole('log');
    const [item] = await waitFor(() => {
      const found = within(log).getAllByRole('listitem');
      expect(found).toHaveLength(1);
      return found;
    });
    // What the visitor typed, in the order typed: "evil", not "live".
    expect(item!.textContent).not.toMatch(RAW_CONTROL);
    expect(tokens(item!)).toEqual(['U+202E', 'U+202E', 'U+202C']);
    const bubble = within(item!).getByText('evil', { exact: false, selector: '.msg__bubble' });
    expect(bubble).toHaveTextContent('U+202EevilU+202C');
    expect(bubble).toHaveAttribute('dir', 'auto');
    expect(item!.querySelector('bdi.msg__author')).toHaveTextContent('U+202Eevil Bob');
  });

  const contact = (name: string): ContactSummary => ({
    ContactId: 'C1',
    InstanceId: 'I1',
    ContactFlowId: 'F1',
    state: 'connected',
    createdAt: '2026-11-21T10:00:00.000Z',
    customer: { ParticipantId: 'P1', DisplayName: name, left: false },
    agent: null,
    attributes: {},
    lastMessage: null,
  });

  it('shows an Amazon Connect DisplayName with its override as a token, in the list and the chat', () => {
    const c = contact('Cleo \u202Egnp.exe');
    const desk = { contacts: signal([c]), loaded: signal(true), error: signal(null), selected: signal(null), isMine: () => true };
    render(<ConnectList desk={desk as unknown as ConnectDesk} onSelect={() => undefined} />);
    const item = screen.getByRole('button', { name: /Cleo/ });
    expect(item.textContent).not.toMatch(RAW_CONTROL);
    expect(tokens(item)).toEqual(['U+202E']);
    expect(item.querySelector('bdi')).toHaveTextContent('Cleo U+202Egnp.exe');
  });

  it('shows a Connect customer’s message and name as typed in the conversation', () => {
    const message: ConsoleMessage = { id: 'm1', rid: 'C1', kind: 'visitor', text: 'pay \u2067me\u2069 now', author: 'Cleo \u202Egnp.exe', ts: new Date('2026-11-21T10:01:00Z') };
    const conversation = {
      open: signal(true),
      waiting: signal(false),
      session: signal({}),
      customerName: signal('Cleo \u202Egnp.exe'),
      contact: signal(contact('Cleo \u202Egnp.exe')),
      error: signal(null),
      messages: signal([message]),
      loading: signal(false),
      customerTyping: signal('Cleo \u202Egnp.exe'),
      retry: () => undefined,
      dismissError: () => undefined,
      accept: async () => undefined,
      end: async () => undefined,
      typingInput: () => undefined,
      send: async () => true,
    };
    render(<ConnectView conversation={conversation as unknown as ConnectConversation} onBack={() => undefined} />);
    const heading = screen.getByRole('heading', { name: /Cleo/ });
    expect(heading).toHaveTextContent('Cleo U+202Egnp.exe');
    expect(heading.textContent).not.toMatch(RAW_CONTROL);
    const item = within(screen.getByRole('log')).getByRole('listitem');
    expect(item.textContent).not.toMatch(RAW_CONTROL);
    expect(tokens(item)).toEqual(['U+202E', 'U+2067', 'U+2069']);
    const typing = screen.getByRole('status');
    expect(typing).toHaveTextContent('Cleo U+202Egnp.exe is typing…');
    expect(typing.textContent).not.toMatch(RAW_CONTROL);
  });
});
