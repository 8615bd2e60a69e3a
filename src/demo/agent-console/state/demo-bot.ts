/**
 * The stand-in's demo bot (`/_standin/demo-bot`): it answers visitors only while no agent is signed in
 * and available, so it never answers beside the person in this console. The console offers its switch.
 */
import { signal } from '@preact/signals';
import { actionError, type ActionError } from '../../shared/describe-error.ts';

interface BotState {
  enabled: boolean;
  available?: boolean;
  /** Taking chats now: on, and no agent is signed in and available. */
  answering?: boolean;
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
  const answering = signal(false);
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
      answering.value = json.answering === true;
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
    answering,
    busy,
    error,
    load: () => call(),
    set: (on: boolean) =>
      call({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ enabled: on }) }),
  };
}

export type DemoBot = ReturnType<typeof createDemoBot>;
