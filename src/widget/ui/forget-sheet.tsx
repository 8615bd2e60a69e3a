/**
 * "Forget your data?": what it erases, the safe choice focused first, Escape to keep; then the outcome.
 * Loaded when the visitor chooses it from the options menu.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatError } from '../backend/errors.ts';
import { t } from '../i18n/index.ts';
import { errorSentence } from './error-text.ts';
import formsCss from './forms.css?inline';
import { adoptStyles } from './styles.ts';
import './extras-i18n.ts';

adoptStyles(formsCss);

export interface ForgetSheetProps {
  onConfirm: () => Promise<ChatError | undefined>;
  onClose: () => void;
}

export function ForgetSheet({ onConfirm, onClose }: ForgetSheetProps) {
  const keep = useRef<HTMLButtonElement>(null);
  const done = useRef<HTMLParagraphElement>(null);
  const [state, setState] = useState<'asking' | 'erasing' | 'done'>('asking');
  const [error, setError] = useState<ChatError | undefined>(undefined);
  useEffect(() => keep.current?.focus(), []);
  useEffect(() => {
    if (state === 'done') done.current?.focus();
  }, [state]);
  const close = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || state === 'erasing') return;
    e.stopPropagation();
    onClose();
  };
  if (state === 'done') {
    return (
      <div class="confirm" onKeyDown={close}>
        <p role="status" tabIndex={-1} ref={done}>
          {t('forget.done')}
        </p>
        <div class="confirm__actions">
          <button type="button" class="button" onClick={onClose}>
            {t('error.dismiss')}
          </button>
        </div>
      </div>
    );
  }
  const erasing = state === 'erasing';
  return (
    <div class="confirm" role="alertdialog" aria-modal="false" aria-labelledby="rcw-forget-title" aria-describedby="rcw-forget-body" onKeyDown={close}>
      <h3 id="rcw-forget-title">{t('forget.title')}</h3>
      <p id="rcw-forget-body">{t('forget.body')}</p>
      {error && (
        <p class="field-error" role="alert">
          {errorSentence(error, 'forget')}
        </p>
      )}
      <div class="confirm__actions">
        <button type="button" class="button button--secondary" ref={keep} onClick={onClose} disabled={erasing}>
          {t('forget.cancel')}
        </button>
        <button
          type="button"
          class="button button--danger"
          disabled={erasing}
          aria-busy={erasing || undefined}
          onClick={() => {
            setState('erasing');
            setError(undefined);
            void onConfirm().then((failure) => {
              setError(failure);
              setState(failure ? 'asking' : 'done');
            });
          }}
        >
          {erasing ? t('forget.working') : t('forget.confirm')}
        </button>
      </div>
    </div>
  );
}
