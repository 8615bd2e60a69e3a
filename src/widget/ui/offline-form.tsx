/** "Leave a message" while nobody is online (the server's offline form and texts). */
import { useRef, useState } from 'preact/hooks';
import type { ServerConfig, VisitorDetails } from '../backend/chat-backend.ts';
import type { OfflineFormState, OfflineMessage } from '../state/offline-form.ts';
import { t } from '../i18n/index.ts';
import { errorSentence } from './error-text.ts';
import { SelectField, TextField, focusFirstInvalid, validate } from './form-fields.tsx';
import formsCss from './forms.css?inline';
import { adoptStyles } from './styles.ts';
import './forms-i18n.ts';

adoptStyles(formsCss);

export interface OfflineFormProps {
  config: ServerConfig;
  initial: VisitorDetails;
  state: OfflineFormState;
  onSubmit: (m: OfflineMessage) => void;
}

export function OfflineForm({ config, initial, state, onSubmit }: OfflineFormProps) {
  const departments = config.departments.filter((d) => d.showOnOfflineForm);
  const [values, setValues] = useState({ name: initial.name ?? '', email: initial.email ?? '', department: initial.department ?? '', message: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  const set = (key: keyof typeof values) => (v: string) => setValues((prev) => ({ ...prev, [key]: v }));

  if (state.status === 'sent') {
    return (
      <p class="form__done" role="status">
        {config.texts.offlineSuccessMessage || t('offline.sent')}
      </p>
    );
  }
  const sending = state.status === 'sending';
  return (
    <form
      class="form"
      ref={form}
      noValidate
      aria-labelledby="rcw-offline-intro"
      onSubmit={(e) => {
        e.preventDefault();
        const found = validate([
          { id: 'name', label: t('offline.name'), value: values.name, required: true },
          { id: 'email', label: t('offline.email'), value: values.email, required: true, kind: 'email' },
          { id: 'message', label: t('offline.message'), value: values.message, required: true },
        ]);
        setErrors(found);
        if (Object.keys(found).length) return queueMicrotask(() => focusFirstInvalid(form.current));
        onSubmit({
          name: values.name.trim(),
          email: values.email.trim(),
          message: values.message.trim(),
          ...(values.department ? { department: values.department } : {}),
        });
      }}
    >
      <p id="rcw-offline-intro" class="form__intro">
        {config.texts.offlineMessage || t('offline.intro')}
      </p>
      <TextField id="rcw-offline-name" label={t('offline.name')} value={values.name} onInput={set('name')} error={errors.name} required autoComplete="name" disabled={sending} />
      <TextField
        id="rcw-offline-email"
        type="email"
        label={t('offline.email')}
        value={values.email}
        onInput={set('email')}
        error={errors.email}
        required
        autoComplete="email"
        disabled={sending}
      />
      {departments.length > 0 && (
        <SelectField
          id="rcw-offline-department"
          label={t('offline.department')}
          placeholder={t('offline.anyDepartment')}
          value={values.department}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          onInput={set('department')}
          disabled={sending}
        />
      )}
      <TextField id="rcw-offline-message" multiline label={t('offline.message')} value={values.message} onInput={set('message')} error={errors.message} required disabled={sending} />
      {state.status === 'error' && (
        <p class="field-error" role="alert">
          {errorSentence(state.error, 'offline')}
        </p>
      )}
      <button type="submit" class="button" disabled={sending} aria-busy={sending || undefined}>
        {sending ? t('offline.sending') : state.status === 'error' ? t('error.retry') : t('offline.submit')}
      </button>
    </form>
  );
}
