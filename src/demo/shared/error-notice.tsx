import type { ActionError } from './describe-error.ts';

export interface ErrorNoticeProps {
  error: ActionError;
  onDismiss?: () => void;
}

/** An API failure, said plainly: what failed, the server's status and error, and its body on request. */
export function ErrorNotice({ error, onDismiss }: ErrorNoticeProps) {
  return (
    <div class="error-notice" role="alert">
      <div class="error-notice__text">
        <strong>{error.action}</strong>
        <span> — {error.summary}</span>
        {error.body && (
          <details>
            <summary>Server response</summary>
            <pre>{error.body}</pre>
          </details>
        )}
      </div>
      {onDismiss && (
        <button type="button" class="error-notice__dismiss" onClick={onDismiss} aria-label="Dismiss error">
          ×
        </button>
      )}
    </div>
  );
}
