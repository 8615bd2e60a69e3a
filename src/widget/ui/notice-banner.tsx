import type { Notice } from '../state/chat.ts';
import { t } from '../i18n/index.ts';
import { errorSentence } from './error-text.ts';

export interface NoticeBannerProps {
  notice: Notice;
  onRetry: (() => void) | undefined;
  /** What the retry is called, when it is not "Try again". */
  retryLabel?: string;
  onDismiss: () => void;
}

/** A problem not tied to one message, said plainly, with the matching retry. */
export function NoticeBanner({ notice, onRetry, retryLabel, onDismiss }: NoticeBannerProps) {
  return (
    <div class="notice" role="alert">
      <p>{notice.during === 'recovered' ? t('recovery.notice') : errorSentence(notice.error, notice.during)}</p>
      <div class="notice__actions">
        {onRetry && (
          <button type="button" class="link-button" onClick={onRetry}>
            {retryLabel ?? t('error.retry')}
          </button>
        )}
        <button type="button" class="link-button" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      </div>
    </div>
  );
}
