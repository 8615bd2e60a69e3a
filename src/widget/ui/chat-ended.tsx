import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Ended, TranscriptState } from '../state/chat.ts';
import { t } from '../i18n/index.ts';
import { TranscriptForm } from './transcript-form.tsx';
import formsCss from './forms.css?inline';
import { adoptStyles } from './styles.ts';
import './forms-i18n.ts';

adoptStyles(formsCss);

export interface ChatEndedProps {
  ended: Ended;
  finishedText: string | undefined;
  offerTranscript: boolean;
  transcript: TranscriptState;
  defaultEmail: string | undefined;
  transcriptIntro: string | undefined;
  isEmail: (s: string) => boolean;
  onTranscript: (email: string) => void;
  onDownload: (format: 'text' | 'html') => void;
  onNewChat: () => void;
  /** The satisfaction survey, where the server asks for one (before the transcript offer). */
  survey?: ComponentChildren;
}

const DONE = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-2 15-5-5 1.4-1.4 3.6 3.6 7.6-7.6L19 8z';

/**
 * After the chat, below the conversation (which keeps most of the panel): what happened, the transcript
 * offer and downloads (scrolling if they need more room), and "Start a new chat", always in view.
 */
export function ChatEnded(p: ChatEndedProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Say that the chat ended: move focus to the heading (it is announced), without scrolling the page.
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <section class="ended" aria-labelledby="rcw-ended-title">
      <div class="ended__body">
        <div class="ended__head">
          <Icon d={DONE} />
          <h3 id="rcw-ended-title" tabIndex={-1} ref={heading}>
            {t('ended.title')}
          </h3>
        </div>
        <p>{p.finishedText || t(p.ended.by === 'visitor' ? 'ended.byVisitor' : 'ended.byAgent')}</p>
        {p.survey}
        {p.ended.transcriptRequested && <p role="status">{t('transcript.autoSent')}</p>}
        {p.offerTranscript && !p.ended.transcriptRequested && (
          <TranscriptForm
            state={p.transcript}
            defaultEmail={p.defaultEmail}
            intro={p.transcriptIntro}
            isEmail={p.isEmail}
            onSubmit={p.onTranscript}
          />
        )}
        <div class="download" role="group" aria-labelledby="rcw-download-label">
          <span id="rcw-download-label">{t('transcript.download')}:</span>
          <button type="button" class="link-button" onClick={() => p.onDownload('text')}>
            {t('transcript.downloadText')}
          </button>
          <button type="button" class="link-button" onClick={() => p.onDownload('html')}>
            {t('transcript.downloadHtml')}
          </button>
        </div>
      </div>
      <button type="button" class="button ended__new" onClick={p.onNewChat}>
        {t('ended.newChat')}
      </button>
    </section>
  );
}

/** A decorative icon (the text beside it says what it is). Here, not from icons.tsx: see the note there. */
function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}
