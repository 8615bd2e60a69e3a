/** Labelled form fields with their error said next to them (and tied by aria-describedby). */
import { t } from '../i18n/index.ts';
import './forms-i18n.ts';

interface BaseProps {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  onInput: (value: string) => void;
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label for={id}>
      {label}
      {!required && <span class="field__optional"> {t('field.optional')}</span>}
    </label>
  );
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} class="field-error">
      {error}
    </p>
  ) : null;
}

export function TextField(p: BaseProps & { type?: 'text' | 'email'; autoComplete?: string; multiline?: boolean }) {
  const shared = {
    id: p.id,
    value: p.value,
    required: p.required,
    disabled: p.disabled,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': p.error ? `${p.id}-error` : undefined,
  };
  return (
    <div class="field">
      <Label id={p.id} label={p.label} required={p.required} />
      {p.multiline ? (
        <textarea {...shared} rows={4} onInput={(e) => p.onInput(e.currentTarget.value)} />
      ) : (
        <input
          {...shared}
          {...(p.type === 'email' ? { type: 'email' as const } : { type: 'text' as const })}
          autoComplete={p.autoComplete}
          onInput={(e) => p.onInput(e.currentTarget.value)}
        />
      )}
      <ErrorText id={p.id} error={p.error} />
    </div>
  );
}

export function SelectField(p: BaseProps & { options: { value: string; label: string }[]; placeholder: string }) {
  return (
    <div class="field">
      <Label id={p.id} label={p.label} required={p.required} />
      <select
        id={p.id}
        value={p.value}
        required={p.required}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${p.id}-error` : undefined}
        onChange={(e) => p.onInput(e.currentTarget.value)}
      >
        <option value="">{p.placeholder}</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={p.id} error={p.error} />
    </div>
  );
}

/** After a failed submit, put focus on the first field that needs attention. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export interface FieldRule {
  id: string;
  label: string;
  value: string;
  required?: boolean;
  kind?: 'text' | 'email' | 'select';
  pattern?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Each rule's problem, in the visitor's words; empty when all is well. */
export function validate(rules: FieldRule[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const r of rules) {
    const v = r.value.trim();
    if (!v) {
      // The message sits under its field (aria-describedby), so it need not repeat the label.
      if (r.required) errors[r.id] = t(r.kind === 'select' ? 'field.choose' : 'field.required');
      continue;
    }
    if (r.kind === 'email' && !EMAIL.test(v)) errors[r.id] = t('field.invalidEmail');
    else if (r.pattern) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(r.pattern);
      } catch {
        re = undefined;
      }
      if (re && !re.test(v)) errors[r.id] = t('field.invalidFormat');
    }
  }
  return errors;
}
