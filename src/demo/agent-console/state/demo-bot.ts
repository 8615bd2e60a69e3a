/**
 * The stand-in's demo auto-reply bot (`/_standin/demo-bot`): it answers visitors when nobody plays the
 * agent. The console switches it off on sign-in so two agents don't answer, and offers a toggle.
 */
import { signal } from '@preact/signals';
import { actionError, type ActionError } from '../../shared/describe-error.ts';

interface BotState {
  enabled: boolean;
  available?: boolean;
}

export class DemoBotError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}${body ? ` · ${body}` : ''}`);
    this.name = 'DemoBotError';
  }
}

export function createDemoBot(fetchImpl: typeof fetch = (i, init) => globalThis.fetch(i, init), url = '/_standin/demo-bot') {
  const enabled = signal<boolean | undefined>(undefined);
  const available = signal(true);
  const busy = signal(false);
  const error = signal<ActionError | null>(null);

  async function call(init?: RequestInit): Promise<void> {
    busy.value = true;
    try {
      const res = await fetchImpl(url, init);
      const json = (await res.json().catch(() => undefined)) as (BotState & { error?: string }) | undefined;
      if (!res.ok || !json) throw new DemoBotError(res.status, json?.error ?? '');
      enabled.value = json.enabled;
      if (json.available !== undefined) available.value = json.available;
      error.value = null;
    } catch (e) {
      if (e instanceof DemoBotError && e.status === 501) available.value = false;
      error.value = actionError(init ? "Couldn't switch the demo bot" : "Couldn't read the demo bot's state", e);
    } finally {
      busy.value = false;
    }
  }

  return {
    enabled,
    available,
    busy,
    error,
    load: () => call(),
    set: (on: boolean) =>
      call({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ enabled: on }) }),
  };
}

export type DemoBot = ReturnType<typeof createDemoBot>;
