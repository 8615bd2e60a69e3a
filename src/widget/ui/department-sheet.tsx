/**
 * "Change department": the server's departments as a radio group (the current one left out), over the
 * composer like the other sheets. Loaded when the visitor chooses it from the options menu.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Department } from '../backend/chat-backend.ts';
import type { ChatError } from '../backend/errors.ts';
import { t } from '../i18n/index.ts';
import { errorSentence } from './error-text.ts';
import formsCss from './forms.css?inline';
import { adoptStyles } from './styles.ts';
import './extras-i18n.ts';

adoptStyles(formsCss);
adoptStyles(
  '.choice-list{margin:8px 0 12px;padding:0;border:0;display:grid;gap:6px}.choice-list legend{padding:0;margin-bottom:4px;font-weight:600}' +
    '.choice-list label{display:flex;align-items:center;gap:8px;padding:8px 10px;border:1px solid var(--line,#e5e7eb);border-radius:8px;cursor:pointer}' +
    '.choice-list input{margin:0;width:18px;height:18px;accent-color:var(--rcw-color,#1d4ed8)}',
);

export interface DepartmentSheetProps {
  departments: readonly Department[];
  current: string | undefined;
  onSubmit: (department: string) => Promise<ChatError | undefined>;
  onClose: () => void;
}

export function DepartmentSheet({ departments, current, onSubmit, onClose }: DepartmentSheetProps) {
  const choices = departments.filter((d) => d.showOnRegistration && d.id !== current);
  const [chosen, setChosen] = useState(choices[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ChatError | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form
      class="sheet"
      aria-labelledby="rcw-department-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen || busy) return;
        setBusy(true);
        setError(undefined);
        void onSubmit(chosen).then((failure) => {
          setBusy(false);
          if (failure) setError(failure);
          else onClose();
        });
      }}
    >
      <h3 id="rcw-department-title" tabIndex={-1} ref={heading}>
        {t('department.title')}
      </h3>
      <p>{t('department.intro')}</p>
      <fieldset class="choice-list">
        <legend>{t('department.label')}</legend>
        {choices.map((d) => (
          <label key={d.id}>
            <input type="radio" name="department" value={d.id} checked={chosen === d.id} disabled={busy} onChange={() => setChosen(d.id)} />
            <span>{d.name}</span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p class="field-error" role="alert">
          {errorSentence(error, 'transfer')}
        </p>
      )}
      <div class="confirm__actions">
        <button type="button" class="button button--secondary" onClick={onClose} disabled={busy}>
          {t('department.cancel')}
        </button>
        <button type="submit" class="button" disabled={busy || !chosen} aria-busy={busy || undefined}>
          {busy ? t('department.moving') : t('department.submit')}
        </button>
      </div>
    </form>
  );
}
