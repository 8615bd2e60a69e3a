/** "Leave a message" while nobody is online: sending, sent, or the error. */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ChatBackend, OfflineMessage } from '../backend/chat-backend.ts';
import { ChatError, isChatError } from '../backend/errors.ts';

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
