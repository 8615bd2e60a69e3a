import { useEffect, useRef, useState } from 'preact/hooks';

export const DEFAULT_CLOSING_COMMENT = 'Thanks for chatting!';

export interface CloseFormProps {
  /** Resolves true when the chat closed. */
  onClose: (comment: string) => Promise<boolean>;
  onCancel: () => void;
}

/** Rocket.Chat asks for a closing comment by default (`error-comment-is-required`): ask for one. */
export function CloseForm({ onClose, onCancel }: CloseFormProps) {
  const [comment, setComment] = useState(DEFAULT_CLOSING_COMMENT);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  // Escape cancels wherever focus is (it may still be on the page when the form has just opened).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onCancel, busy]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!comment.trim() || busy) return;
    setBusy(true);
    const closed = await onClose(comment);
    if (!closed) setBusy(false);
  };

  return (
    <form
      class="close-form"
      aria-labelledby="close-form-title"
      onSubmit={submit}
    >
      <h3 id="close-form-title">Close this chat</h3>
      <label class="field">
        <span>Closing comment (required)</span>
        <textarea ref={field} rows={2} required value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <div class="close-form__actions">
        <button type="button" class="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" class="button button--danger" disabled={busy || !comment.trim()}>
          {busy ? 'Closing…' : 'Close chat'}
        </button>
      </div>
    </form>
  );
}
