/** "Leave a message" while nobody is online (`livechat/offline.message`): sending, sent, or the error. */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ChatBackend } from '../backend/chat-backend.ts';
import { ChatError, isChatError } from '../backend/errors.ts';

export interface OfflineMessage {
  name: string;
  email: string;
  message: string;
  department?: string;
}

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
