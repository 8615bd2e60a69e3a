/**
 * When the server no longer knows the visitor (it was reset or restarted without its data, the visitor
 * was removed, another client took the token over), the widget starts afresh by itself instead of
 * dead-ending: a new visitor session, every message not yet sent carried over (under new ids: the old
 * conversation is gone, and an id it may have kept must not be taken for it), the draft and the details
 * the visitor gave kept, and a notice that says what happened. Loaded only when that happens.
 */
import { batch } from '@preact/signals';
import { randomId } from '../../shared/random-id.ts';
import { ChatError } from '../backend/errors.ts';
import { enForms } from '../i18n/en-forms.ts';
import { addEnglish } from '../i18n/index.ts';
import type { ChatState } from './chat-state.ts';

export interface RecoveryParts {
  s: ChatState;
  stopFeed(): void;
  stopSender(): void;
}

// Its English (the notice, "Start a new chat") ships with the screens loaded on demand.
addEnglish(enForms);

export function startAfresh({ s, stopFeed, stopSender }: RecoveryParts): void {
  const unsent = s.store.all.value.filter((m) => m.from === 'visitor' && m.status !== 'sent');
  stopFeed();
  stopSender();
  // New credentials: whatever the server kept under the old ones is not this visitor's any more.
  s.backend.forget('visitor');
  batch(() => {
    s.conversationId.value = undefined;
    s.visitor.value = undefined;
    s.ended.value = undefined;
    s.agent.value = undefined;
    s.unread.value = 0;
    s.transcript.value = { status: 'idle' };
    s.historyComplete.value = false;
    s.store.clear();
    // Answers to a choice lose the choice (its message went with the old conversation), not the text.
    for (const m of unsent) s.store.addLocal({ id: randomId(), text: m.text, createdAt: m.at });
    s.notice.value = { error: new ChatError('unauthorized', 'the server no longer knows this visitor'), during: 'recovered' };
  });
}
