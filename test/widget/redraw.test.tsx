import { signal } from '@preact/signals';
import { options, type VNode } from 'preact';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/widget/state/chat.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { setLanguage } from '../../src/widget/i18n/index.ts';
import { App, type Sheet } from '../../src/widget/ui/app.tsx';
import { MessageItem } from '../../src/widget/ui/message-item.tsx';
import { FakeBackend } from './fake-backend.ts';

/**
 * The panel reads many signals (the agent, typing, the connection, notices); each change renders it again.
 * The conversation's messages must not be drawn again with it: on a slow phone, redrawing thirty messages
 * is a long task every time the agent starts or stops typing.
 */

// Preact calls this hook (its `_render` option, `__r` once built) just before a component renders.
type RenderHook = ((vnode: VNode) => void) | undefined;
const hooks = options as unknown as { __r: RenderHook };

const chats: Chat[] = [];
let restore: RenderHook;
afterEach(() => {
  hooks.__r = restore;
  chats.splice(0).forEach((c) => c.dispose());
});

function countMessageRenders(): { count: number } {
  const seen = { count: 0 };
  restore = hooks.__r;
  const previous = restore;
  hooks.__r = (vnode) => {
    if ((vnode.type as unknown) === MessageItem) seen.count++;
    previous?.(vnode);
  };
  return seen;
}

/** The panel with a chat under way: the visitor has said hello and the room is watched. */
async function chatting(name: string): Promise<FakeBackend> {
  const backend = new FakeBackend();
  const chat = createChat({ backend, storage: createStorage(name, window.localStorage) });
  chats.push(chat);
  render(<App chat={chat} sheet={signal<Sheet>('none')} titleOverride={signal(undefined)} composerRef={{ current: null }} onMinimize={vi.fn()} />);
  await chat.load();
  await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
  await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
  return backend;
}

describe('redrawing the conversation', () => {
  it('draws no message again when the agent starts and stops typing, or the agent changes', async () => {
    const backend = await chatting('redraw');
    for (let i = 0; i < 10; i++) backend.agentSays('R1', `Answer ${i}`);
    expect(await screen.findByText('Answer 9')).toBeInTheDocument();

    const renders = countMessageRenders();
    backend.emit({ type: 'typing', name: 'ana', typing: true });
    expect(await screen.findByText(/is typing/)).toBeInTheDocument();
    backend.emit({ type: 'typing', name: 'ana', typing: false });
    await vi.waitFor(() => expect(screen.queryByText(/is typing/)).toBeNull());
    backend.emit({ type: 'agent', agent: { username: 'bo', name: 'Bo' } });
    expect(await screen.findByText((_, el) => el?.tagName === 'P' && el.textContent === 'Chatting with Bo')).toBeInTheDocument();
    expect(renders.count).toBe(0);

    // Still drawn when something of its own changes: a new message is drawn once, and only it.
    backend.agentSays('R1', 'One more');
    expect(await screen.findByText('One more')).toBeInTheDocument();
    expect(renders.count).toBe(1);
  });

  it('still redraws every message in a new language', async () => {
    const backend = await chatting('redraw-lang');
    backend.agentSays('R1', 'Hi there');
    expect(await screen.findByText('Hi there')).toBeInTheDocument();
    expect(screen.getByText('You')).toBeInTheDocument();
    try {
      await setLanguage('pt-BR');
      // The visitor's name on their own message comes from the language, inside a message the list does not draw again.
      expect(await screen.findByText('Você')).toBeInTheDocument();
      expect(screen.queryByText('You')).toBeNull();
    } finally {
      await setLanguage('en');
    }
  });
});
