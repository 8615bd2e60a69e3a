import { Bidi } from '../../shared/bidi.tsx';

export interface TypingIndicatorProps {
  name: string | null;
}

/** "Jane is typing…", announced politely; the region stays mounted so screen readers catch changes. */
export function TypingIndicator({ name }: TypingIndicatorProps) {
  return (
    <div class="typing" role="status" aria-live="polite">
      {name && (
        <>
          <span class="typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <Bidi text={name} /> is typing…
        </>
      )}
    </div>
  );
}
