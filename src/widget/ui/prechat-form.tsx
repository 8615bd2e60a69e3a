/** The registration form before a chat, when the server asks for one (`features.registrationForm`). */
import { useRef, useState } from 'preact/hooks';
import type { ServerConfig, VisitorDetails } from '../backend/chat-backend.ts';
import type { ChatError } from '../backend/errors.ts';
import { t } from '../i18n/index.ts';
import { errorSentence } from './error-text.ts';
import { SelectField, TextField, focusFirstInvalid, validate, type FieldRule } from './form-fields.tsx';
import formsCss from './forms.css?inline';
import { adoptStyles } from './styles.ts';
import './forms-i18n.ts';

adoptStyles(formsCss);

export interface PrechatFormProps {
  config: ServerConfig;
  initial: VisitorDetails;
  busy: boolean;
  error: ChatError | undefined;
  onSubmit: (details: VisitorDetails) => void;
}

export function PrechatForm({ config, initial, busy, error, onSubmit }: PrechatFormProps) {
  const departments = config.departments.filter((d) => d.showOnRegistration);
  const custom = config.customFields;
  const [values, setValues] = useState<Record<string, string>>(() => ({
    name: initial.name ?? '',
    email: initial.email ?? '',
    department: departments.find((d) => d.id === initial.department || d.name === initial.department)?.id ?? '',
    ...Object.fromEntries(custom.map((f) => [`cf-${f.id}`, initial.customFields?.find((c) => c.key === f.id)?.value ?? f.defaultValue ?? ''])),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  const set = (key: string) => (v: string) => setValues((prev) => ({ ...prev, [key]: v }));

  const rules: FieldRule[] = [
    ...(config.nameField ? [{ id: 'name', label: t('prechat.name'), value: values.name!, required: true }] : []),
    ...(config.emailField ? [{ id: 'email', label: t('prechat.email'), value: values.email!, required: true, kind: 'email' as const }] : []),
    ...(departments.length > 1 ? [{ id: 'department', label: t('prechat.department'), value: values.department!, required: true, kind: 'select' as const }] : []),
    ...custom.map((f) => ({
      id: `cf-${f.id}`,
      label: f.label,
      value: values[`cf-${f.id}`]!,
      required: f.required,
      kind: f.type === 'select' ? ('select' as const) : ('text' as const),
      ...(f.pattern ? { pattern: f.pattern } : {}),
    })),
  ];

  return (
    <form
      class="form"
      ref={form}
      noValidate
      aria-labelledby="rcw-prechat-intro"
      onSubmit={(e) => {
        e.preventDefault();
        const found = validate(rules);
        setErrors(found);
        if (Object.keys(found).length) return queueMicrotask(() => focusFirstInvalid(form.current));
        const department = departments.length === 1 ? departments[0]!.id : values.department;
        onSubmit({
          ...(values.name?.trim() ? { name: values.name.trim() } : {}),
          ...(values.email?.trim() ? { email: values.email.trim() } : {}),
          ...(department ? { department } : {}),
          ...(custom.length
            ? { customFields: custom.filter((f) => values[`cf-${f.id}`]?.trim()).map((f) => ({ key: f.id, value: values[`cf-${f.id}`]!.trim(), overwrite: true })) }
            : {}),
        });
      }}
    >
      <p id="rcw-prechat-intro" class="form__intro">
        {config.texts.registrationFormMessage || t('prechat.intro')}
      </p>
      {config.nameField && <TextField id="rcw-name" label={t('prechat.name')} value={values.name!} onInput={set('name')} error={errors.name} required autoComplete="name" />}
      {config.emailField && (
        <TextField id="rcw-email" type="email" label={t('prechat.email')} value={values.email!} onInput={set('email')} error={errors.email} required autoComplete="email" />
      )}
      {departments.length > 1 && (
        <SelectField
          id="rcw-department"
          label={t('prechat.department')}
          placeholder={t('prechat.chooseDepartment')}
          value={values.department!}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          onInput={set('department')}
          error={errors.department}
          required
        />
      )}
      {custom.map((f) =>
        f.type === 'select' ? (
          <SelectField
            key={f.id}
            id={`rcw-cf-${f.id}`}
            label={f.label}
            placeholder={f.label}
            value={values[`cf-${f.id}`]!}
            options={f.options.map((o) => ({ value: o, label: o }))}
            onInput={set(`cf-${f.id}`)}
            error={errors[`cf-${f.id}`]}
            required={f.required}
          />
        ) : (
          <TextField key={f.id} id={`rcw-cf-${f.id}`} label={f.label} value={values[`cf-${f.id}`]!} onInput={set(`cf-${f.id}`)} error={errors[`cf-${f.id}`]} required={f.required} />
        ),
      )}
      {error && (
        <p class="field-error" role="alert">
          {errorSentence(error, 'register')}
        </p>
      )}
      <button type="submit" class="button" disabled={busy} aria-busy={busy || undefined}>
        {busy ? t('prechat.starting') : t('prechat.submit')}
      </button>
    </form>
  );
}
