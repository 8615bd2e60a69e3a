/**
 * "Leave a message" while nobody is online: sending, sent, or the error. One per chat, made with the
 * offline form's chunk (ui/app-forms.tsx) the first time it shows, not with every chat.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ChatBackend, OfflineMessage } from '../backend/chat-backend.ts';
import { ChatError, isChatError } from '../backend/errors.ts';
import type { Chat } from './chat.ts';

export type { OfflineMessage };

export type OfflineFormState = { status: 'idle' } | { status: 'sending' } | { status: 'sent' } | { status: 'error'; error: ChatError };

export function createOfflineForm(backend: ChatBackend, onSent: (m: OfflineMessage) => void) {
  const state = signal<OfflineFormState>({ status: 'idle' });
  return {
    state: state as ReadonlySignal<OfflineFormState>,
    async submit(m: OfflineMessage): Promise<void> {
      if (state.value.status === 'sending') return;
      state.value = { status: 'sending' };
      try {
        await backend.sendOfflineMessage(m);
        state.value = { status: 'sent' };
        onSent(m);
      } catch (e) {
        state.value = { status: 'error', error: isChatError(e) ? e : new ChatError('server', String(e)) };
      }
    },
    reset: () => (state.value = { status: 'idle' }),
  };
}

export type OfflineForm = ReturnType<typeof createOfflineForm>;

const made = new WeakMap<Chat, OfflineForm>();

/** The chat's offline form: what it sent (or why not) outlives the form going off screen and back. */
export function offlineFormOf(chat: Chat): OfflineForm {
  let form = made.get(chat);
  if (!form) made.set(chat, (form = createOfflineForm(chat.core.backend, (message) => chat.core.emit({ type: 'offline-submitted', message }))));
  return form;
}
