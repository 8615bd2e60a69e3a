/**
 * Who the visitor is: the page's identity calls (setGuestName/Email/Token, registerGuest, logout) and the
 * registration form's submit. Only the API handler and the registration form use it, so it loads with them.
 */
import type { Visitor, VisitorDetails } from '../backend/chat-backend.ts';
import { ChatError, isChatError } from '../backend/errors.ts';
import type { Chat } from './chat.ts';

const made = new WeakMap<Chat, ReturnType<typeof create>>();

export function identityOf(chat: Chat) {
  let id = made.get(chat);
  if (!id) made.set(chat, (id = create(chat)));
  return id;
}

function create(chat: Chat) {
  const c = chat.core;

  /** Register (or update) the visitor now, as the page's `registerGuest` asks. */
  async function registerGuest(details: VisitorDetails & { token?: string }): Promise<Visitor> {
    const { token: wanted, ...rest } = details;
    if (wanted && wanted !== c.backend.visitorToken?.get()) await switchToken(wanted);
    c.guest.value = { ...c.guest.value, ...rest };
    const registered = await c.backend.identify(c.guest.value);
    c.setWho(c.backend.visitorToken?.get() ?? '');
    c.visitor.value = registered;
    return registered;
  }

  /** Continue as another visitor (the page knows its user): their open chat, if any, comes back. */
  async function switchToken(next: string): Promise<void> {
    const named = c.backend.visitorToken;
    if (!named) throw new ChatError('invalid-params', 'This chat server does not let the page name its visitors');
    if (!next || next === named.get()) return;
    c.resetSession();
    named.set(next);
    c.setWho(next);
    await c.load();
  }

  return {
    registerGuest,
    switchToken,

    /** Details for the next registration; an already registered visitor is updated on the server too. */
    updateGuest(patch: VisitorDetails): void {
      const merged = { ...c.guest.value, ...patch };
      for (const k of Object.keys(merged) as (keyof VisitorDetails)[]) if (merged[k] === undefined) delete merged[k];
      c.guest.value = merged;
      if (c.visitor.value) void registerGuest({}).catch(() => undefined);
    },

    /** Forget this visitor on this browser: the next chat starts as a new visitor. */
    logout(): void {
      c.resetSession();
      c.backend.forget('visitor');
      c.setWho('');
      c.guest.value = {};
      c.draft.value = '';
    },

    setPreferredAgent: c.setPreferredAgent,

    /** The registration form: register the visitor now; the chat screen follows. */
    async submitPrechat(details: VisitorDetails): Promise<void> {
      c.prechat.value = { busy: true };
      try {
        await registerGuest(details);
        c.prechat.value = { busy: false };
        c.emit({ type: 'prechat-submitted', details });
      } catch (e) {
        c.prechat.value = { busy: false, error: isChatError(e) ? e : new ChatError('server', String(e)) };
      }
    },
  };
}
