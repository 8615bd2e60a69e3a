import { ErrorNotice } from '../../shared/error-notice.tsx';
import type { DemoBot } from '../state/demo-bot.ts';

export interface BotToggleProps {
  bot: DemoBot;
  /** Signing in just switched it off: say why. */
  switchedOff: boolean;
}

/** A switch for the stand-in's demo auto-reply bot. */
export function BotToggle({ bot, switchedOff }: BotToggleProps) {
  const on = bot.enabled.value === true;
  const unavailable = !bot.available.value;
  const hint = unavailable
    ? 'Not running on this server.'
    : on
      ? 'Answers visitors automatically.'
      : switchedOff
        ? 'Switched off because you signed in.'
        : 'Off: you answer visitors.';
  return (
    <div class="bot-toggle">
      <button
        type="button"
        role="switch"
        class="switch"
        aria-checked={on}
        aria-describedby="bot-toggle-hint"
        disabled={unavailable || bot.busy.value || bot.enabled.value === undefined}
        onClick={() => void bot.set(!on)}
      >
        <span class="switch__track" aria-hidden="true">
          <span class="switch__thumb" />
        </span>
        <span class="switch__label">Demo auto-reply bot</span>
      </button>
      <span id="bot-toggle-hint" class="bot-toggle__hint">
        {hint}
      </span>
      {bot.error.value && !unavailable && <ErrorNotice error={bot.error.value} onDismiss={() => (bot.error.value = null)} />}
    </div>
  );
}
