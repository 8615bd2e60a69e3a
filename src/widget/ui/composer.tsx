import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.ts';

export interface ComposerProps {
  draft: Signal<string>;
  limit: number | undefined;
  disabled?: boolean;
  onSend: (text: string) => boolean;
  onTyping: (typing: boolean) => void;
  /** Lets the panel put focus here when it opens. */
  inputRef?: { current: HTMLTextAreaElement | null };
  /** Controls before the text box (attach a file, which also takes files pasted into the box). */
  before?: ComponentChildren;
}

/** The message box: Enter sends, Shift+Enter starts a new line; the text survives failures and reloads. */
export function Composer({ draft, limit, disabled, onSend, onTyping, inputRef, before }: ComposerProps) {
  const area = useRef<HTMLTextAreaElement | null>(null);
  const length = draft.value.trim().length;
  const tooLong = limit !== undefined && length > limit;

  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    // border-box: the height is the text and its padding (scrollHeight) plus the borders.
    el.style.height = `${Math.min(el.scrollHeight + el.offsetHeight - el.clientHeight, 140)}px`;
  }, [draft.value]);

  // Read the draft now, not the length of the last render: Enter can land before a re-render.
  const submit = () => {
    const text = draft.value.trim();
    if (!text || (limit !== undefined && text.length > limit)) return;
    onSend(draft.value);
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {before}
      <label class="sr" for="rcw-composer">
        {t('composer.label')}
      </label>
      <textarea
        id="rcw-composer"
        ref={(el) => {
          area.current = el;
          if (inputRef) inputRef.current = el;
        }}
        rows={1}
        value={draft.value}
        placeholder={t('composer.placeholder')}
        disabled={disabled}
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? 'rcw-composer-limit' : undefined}
        onInput={(e) => {
          draft.value = e.currentTarget.value;
          onTyping(e.currentTarget.value.length > 0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="composer__send" disabled={disabled || length === 0 || tooLong} aria-label={t('composer.send')}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 20.5 21 12 3 3.5l.01 6.6L15 12 3.01 13.9z" />
        </svg>
      </button>
      {tooLong && (
        <p id="rcw-composer-limit" class="composer__limit" role="alert">
          {t('composer.tooLong', { count: length, limit: limit! })}
        </p>
      )}
    </form>
  );
}
