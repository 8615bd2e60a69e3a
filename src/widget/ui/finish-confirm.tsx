import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import formsCss from './forms.css?inline';
import { adoptStyles } from './styles.ts';
import './forms-i18n.ts';

adoptStyles(formsCss);

export interface FinishConfirmProps {
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Finish this chat?" in place of the composer; focus goes to the safe choice, Escape cancels. */
export function FinishConfirm({ busy, onConfirm, onCancel }: FinishConfirmProps) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="rcw-finish-title"
      aria-describedby="rcw-finish-body"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 id="rcw-finish-title">{t('finish.title')}</h3>
      <p id="rcw-finish-body">{t('finish.body')}</p>
      <div class="confirm__actions">
        <button type="button" class="button button--secondary" ref={keep} onClick={onCancel} disabled={busy}>
          {t('finish.cancel')}
        </button>
        <button type="button" class="button button--danger" onClick={onConfirm} disabled={busy} aria-busy={busy || undefined}>
          {busy ? t('finish.finishing') : t('finish.confirm')}
        </button>
      </div>
    </div>
  );
}
