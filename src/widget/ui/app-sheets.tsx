/**
 * What the panel shows over or instead of the conversation once the visitor acts: the finish
 * confirmation, the transcript sheet, the end of the chat. Wired here rather than in app.tsx so that
 * their props (and the screens themselves) are one chunk, fetched the first time one shows — an open
 * chat where all is well downloads none of it. What core modules provide comes in as props.
 */
import type { ComponentChildren } from 'preact';
import type { Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Chat } from '../state/chat.ts';
import { ChatEnded } from './chat-ended.tsx';
import { FinishConfirm } from './finish-confirm.tsx';
import { TranscriptSheet } from './transcript-form.tsx';
import type { Sheet } from './app.tsx';

export interface SheetsProps {
  chat: Chat;
  sheet: Signal<Sheet>;
  email: string | undefined;
  isEmail: (s: string) => boolean;
  onDownload: (format: 'text' | 'html') => void;
  /** Focus goes back to the composer when a new chat starts. */
  composerRef: { current: HTMLTextAreaElement | null };
  survey?: ComponentChildren;
}

export function Sheets({ chat, sheet, email, isEmail, onDownload, composerRef, survey }: SheetsProps) {
  const config = chat.config.value;
  const ended = chat.ended.value;
  // The backend's code for finishing and the transcript, while the visitor reads what is shown here.
  useEffect(() => chat.core.backend.prefetchEnding?.(), []);
  if (chat.screen.value === 'ended') {
    return ended ? (
      <ChatEnded
        ended={ended}
        finishedText={config?.texts.conversationFinishedText}
        offerTranscript={config?.features.emailTranscript === true}
        transcript={chat.transcript.value}
        defaultEmail={email}
        transcriptIntro={config?.texts.transcriptMessage}
        isEmail={isEmail}
        onTranscript={(address) => void chat.requestTranscript(address)}
        onDownload={onDownload}
        onNewChat={() => {
          chat.newChat();
          queueMicrotask(() => composerRef.current?.focus());
        }}
        {...(survey ? { survey } : {})}
      />
    ) : null;
  }
  // Back to the composer, as from every other sheet (left to itself, focus fell to the page).
  const close = () => {
    sheet.value = 'none';
    queueMicrotask(() => composerRef.current?.focus());
  };
  return sheet.value === 'finish' ? (
    <FinishConfirm busy={chat.finishing.value} onCancel={close} onConfirm={() => void chat.finish().then(close)} />
  ) : (
    <TranscriptSheet
      state={chat.transcript.value}
      defaultEmail={email}
      intro={config?.texts.transcriptMessage}
      isEmail={isEmail}
      onSubmit={(address) => void chat.requestTranscript(address)}
      onClose={close}
    />
  );
}
