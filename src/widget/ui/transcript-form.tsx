import { useEffect, useRef, useState } from 'preact/hooks';
import type { TranscriptState } from '../state/chat.ts';
import { t } from '../i18n/index.ts';
import { errorSentence } from './error-text.ts';
import formsCss from './forms.css?inline';
import { adoptStyles } from './styles.ts';
import './forms-i18n.ts';

adoptStyles(formsCss);

export interface TranscriptFormProps {
  state: TranscriptState;
  defaultEmail: string | undefined;
  intro: string | undefined;
  isEmail: (s: string) => boolean;
  onSubmit: (email: string) => void;
  autoFocus?: boolean;
}

/** "Email me the transcript": email prefilled, checked before sending, with sending/sent/error states. */
export function TranscriptForm({ state, defaultEmail, intro, isEmail, onSubmit, autoFocus }: TranscriptFormProps) {
  const [email, setEmail] = useState(state.status === 'idle' ? (defaultEmail ?? '') : state.email);
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  if (state.status === 'sent') {
    return (
      <p class="transcript__done" role="status">
        {t('transcript.sent', { email: state.email })}
      </p>
    );
  }
  const sending = state.status === 'sending';
  return (
    <form
      class="transcript"
      aria-labelledby="rcw-transcript-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!isEmail(email)) {
          setInvalid(true);
          input.current?.focus();
          return;
        }
        setInvalid(false);
        onSubmit(email);
      }}
    >
      <h3 id="rcw-transcript-title">{t('transcript.title')}</h3>
      <p class="transcript__intro">{intro || t('transcript.intro')}</p>
      <label for="rcw-transcript-email">{t('transcript.email')}</label>
      <input
        id="rcw-transcript-email"
        ref={input}
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        required
        value={email}
        disabled={sending}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'rcw-transcript-invalid' : undefined}
        onInput={(e) => {
          setEmail(e.currentTarget.value);
          if (invalid) setInvalid(false);
        }}
      />
      {invalid && (
        <p id="rcw-transcript-invalid" class="field-error" role="alert">
          {t('transcript.invalid')}
        </p>
      )}
      {state.status === 'error' && (
        <p class="field-error" role="alert">
          {errorSentence(state.error, 'transcript')}
        </p>
      )}
      <button type="submit" class="button" disabled={sending} aria-busy={sending || undefined}>
        {sending ? t('transcript.sending') : state.status === 'error' ? t('error.retry') : t('transcript.submit')}
      </button>
    </form>
  );
}

/** The transcript form over the composer while the chat goes on (from the options menu). */
export function TranscriptSheet({ onClose, ...form }: Omit<TranscriptFormProps, 'autoFocus'> & { onClose: () => void }) {
  return (
    <div
      class="sheet"
      // Escape leaves the sheet, not the panel (which would close, the address typed with it).
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <TranscriptForm {...form} autoFocus />
      <button type="button" class="link-button" onClick={onClose}>
        {t('finish.cancel')}
      </button>
    </div>
  );
}
