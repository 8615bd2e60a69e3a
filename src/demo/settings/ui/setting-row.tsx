import type { SettingItem } from '../catalog.ts';
import type { Value } from '../state/settings.ts';

export interface SettingRowProps {
  item: SettingItem;
  value: Value | undefined;
  busy: boolean;
  onChange: (value: Value) => void;
}

/** One setting: a switch, a choice, a colour or a text, saved when changed. */
export function SettingRow({ item, value, busy, onChange }: SettingRowProps) {
  const id = `setting-${item.id}`;
  const hintId = item.hint ? `${id}-hint` : undefined;
  const hint = item.hint && (
    <span id={hintId} class="setting__hint">
      {item.hint}
    </span>
  );
  const k = item.kind;
  if (k.type === 'switch') {
    const on = value === true;
    return (
      <li class="setting setting--switch">
        <button
          type="button"
          role="switch"
          class="switch"
          id={id}
          aria-checked={on}
          aria-describedby={hintId}
          disabled={busy || value === undefined}
          onClick={() => onChange(!on)}
        >
          <span class="switch__label">{item.label}</span>
          <span class="switch__track" aria-hidden="true">
            <span class="switch__thumb" />
          </span>
        </button>
        {hint}
      </li>
    );
  }
  const common = { id, 'aria-describedby': hintId, disabled: busy || value === undefined };
  return (
    <li class="setting">
      <label for={id}>{item.label}</label>
      {k.type === 'select' ? (
        <select {...common} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)}>
          {k.options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      ) : k.type === 'color' ? (
        <input {...common} type="color" value={String(value ?? '#000000')} onChange={(e) => onChange(e.currentTarget.value)} />
      ) : k.type === 'number' ? (
        <input
          {...common}
          type="number"
          min={k.min}
          max={k.max}
          value={String(value ?? '')}
          onChange={(e) => {
            const n = e.currentTarget.valueAsNumber;
            if (Number.isInteger(n) && n >= k.min && n <= k.max) onChange(n);
          }}
        />
      ) : (
        <input {...common} type="text" value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value.trim() || String(value ?? ''))} />
      )}
      {hint}
    </li>
  );
}
