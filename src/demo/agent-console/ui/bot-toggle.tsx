import { ErrorNotice } from '../../shared/error-notice.tsx';
import type { DemoBot } from '../state/demo-bot.ts';

export interface BotToggleProps {
  bot: DemoBot;
}

/** A switch for the stand-in's demo bot, and what it is doing now. */
export function BotToggle({ bot }: BotToggleProps) {
  const on = bot.enabled.value === true;
  const unavailable = !bot.available.value;
  const hint = unavailable
    ? 'Not running on this server.'
    : !on
      ? 'Off: nobody answers while no agent is signed in.'
      : bot.answering.value
        ? 'Answering visitors: no agent is signed in and available.'
        : 'Standing by while you are signed in and available.';
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
        <span class="switch__label">Demo bot</span>
      </button>
      <span id="bot-toggle-hint" class="bot-toggle__hint">
        {hint}
      </span>
      {bot.error.value && !unavailable && <ErrorNotice error={bot.error.value} onDismiss={() => (bot.error.value = null)} />}
    </div>
  );
}
