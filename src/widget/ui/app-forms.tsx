/**
 * The forms that stand before a conversation — the pre-chat registration and the offline message —
 * wired here rather than in app.tsx, so the wiring comes with the forms' chunks, fetched only where the
 * server asks for one.
 */
import { useEffect } from 'preact/hooks';
import type { Chat } from '../state/chat.ts';
import { offlineFormOf } from '../state/offline-form.ts';
import { OfflineForm } from './offline-form.tsx';
import { PrechatForm } from './prechat-form.tsx';

export function Forms({ chat, composerRef }: { chat: Chat; composerRef: { current: HTMLTextAreaElement | null } }) {
  const config = chat.config.value;
  const offline = chat.screen.value === 'offline';
  // The backend's code for sending the offline message, while the visitor writes it.
  useEffect(() => void (offline && chat.core.backend.prefetchEnding?.()), [offline]);
  if (!config) return null;
  return (
    <div class="scroll">
      {offline ? (
        <OfflineForm config={config} initial={chat.guest.value} state={offlineFormOf(chat).state.value} onSubmit={(m) => void offlineFormOf(chat).submit(m)} />
      ) : (
        <PrechatForm
          config={config}
          initial={chat.guest.value}
          busy={chat.prechat.value.busy}
          error={chat.prechat.value.error}
          onSubmit={(details) =>
            void import('../state/identity.ts')
              .then((m) => m.identityOf(chat).submitPrechat(details))
              .then(() => queueMicrotask(() => composerRef.current?.focus()))
          }
        />
      )}
    </div>
  );
}
