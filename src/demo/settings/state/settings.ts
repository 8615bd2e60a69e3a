/**
 * The settings page's state: sign in as the demo admin, read every setting of the catalog, and save a
 * change the moment it is made (as Rocket.Chat's admin does), keeping the old value when saving fails.
 */
import { batch, signal } from '@preact/signals';
import { actionError, type ActionError } from '../../shared/describe-error.ts';
import { CATALOG, DEMO_BOT, SITE_LANGUAGE_KEY } from '../catalog.ts';

export type Value = string | number | boolean;

/** The part of `AgentClient` this page uses. */
export interface SettingsClient {
  login(user: string, password: string): Promise<void>;
  request<T>(method: string, route: string, body?: unknown): Promise<T>;
}

export interface SettingsDeps {
  client: SettingsClient;
  fetch?: typeof fetch;
  /** Where the demo site picks up the language; absent in tests. */
  siteStorage?: Pick<Storage, 'setItem'>;
}

export type PageStatus = 'signing-in' | 'loading' | 'ready' | 'signed-out';

const BOT_URL = '/_standin/demo-bot';

export function createSettingsPage(deps: SettingsDeps) {
  const doFetch = deps.fetch ?? ((i, init) => globalThis.fetch(i, init));
  const status = signal<PageStatus>('signed-out');
  const error = signal<ActionError | null>(null);
  const values = signal<ReadonlyMap<string, Value>>(new Map());
  /** The setting being saved, and the last one saved (for the "Saved" line). */
  const saving = signal<string | null>(null);
  const saved = signal<string | null>(null);
  const ids = CATALOG.flatMap((g) => g.items.map((i) => i.id));

  async function bot(init?: RequestInit): Promise<boolean | undefined> {
    const res = await doFetch(BOT_URL, init);
    if (res.status === 501) return undefined;
    const json = (await res.json().catch(() => undefined)) as { enabled?: unknown } | undefined;
    if (!res.ok || typeof json?.enabled !== 'boolean') throw new Error(`HTTP ${res.status}`);
    return json.enabled;
  }

  async function signIn(user = 'agent', password = 'agent-pass'): Promise<void> {
    batch(() => {
      status.value = 'signing-in';
      error.value = null;
    });
    try {
      await deps.client.login(user, password);
    } catch (e) {
      batch(() => {
        error.value = actionError("Couldn't sign in as the demo admin", e);
        status.value = 'signed-out';
      });
      return;
    }
    status.value = 'loading';
    const next = new Map<string, Value>();
    try {
      for (const id of ids) {
        if (id === DEMO_BOT) {
          const on = await bot();
          if (on !== undefined) next.set(id, on);
          continue;
        }
        const r = await deps.client.request<{ value: unknown }>('GET', `settings/${id}`);
        if (typeof r.value === 'string' || typeof r.value === 'number' || typeof r.value === 'boolean') next.set(id, r.value);
      }
    } catch (e) {
      error.value = actionError("Couldn't read the settings", e);
    }
    batch(() => {
      values.value = next;
      status.value = 'ready';
    });
  }

  async function set(id: string, value: Value): Promise<void> {
    if (saving.value) return;
    const before = values.value;
    batch(() => {
      saving.value = id;
      saved.value = null;
      error.value = null;
      values.value = new Map(before).set(id, value);
    });
    try {
      if (id === DEMO_BOT) {
        await bot({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ enabled: value === true }) });
      } else {
        await deps.client.request('POST', `settings/${id}`, { value });
      }
      if (id === 'Language' && typeof value === 'string') deps.siteStorage?.setItem(SITE_LANGUAGE_KEY, value);
      saved.value = id;
    } catch (e) {
      batch(() => {
        values.value = before;
        const label = CATALOG.flatMap((g) => g.items).find((i) => i.id === id)?.label ?? id;
        error.value = actionError(`Couldn't save "${label}"`, e);
      });
    } finally {
      saving.value = null;
    }
  }

  return { status, error, values, saving, saved, signIn, set };
}

export type SettingsPage = ReturnType<typeof createSettingsPage>;
