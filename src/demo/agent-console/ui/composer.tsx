import { useRef, useState } from 'preact/hooks';

export interface ComposerProps {
  /** Called on every edit, for the typing notifier. */
  onInput: (text: string) => void;
  onSend: (text: string) => void;
  disabled?: boolean;
}

/** The reply box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ onInput, onSend, disabled = false }: ComposerProps) {
  const [text, setText] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);

  const send = () => {
    if (!text.trim() || disabled) return;
    onSend(text);
    setText('');
    field.current?.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label class="visually-hidden" for="composer-input">
        Reply
      </label>
      <textarea
        id="composer-input"
        ref={field}
        rows={2}
        placeholder="Type a reply… (Enter sends, Shift+Enter for a new line)"
        value={text}
        disabled={disabled}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          onInput(value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button type="submit" class="button button--primary" disabled={disabled || !text.trim()}>
        Send
      </button>
    </form>
  );
}
