import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { AgentApiError } from '../../src/shared/rocketchat/agent-client.ts';
import { SITE_LANGUAGE_KEY } from '../../src/demo/settings/catalog.ts';
import { createSettingsPage, type SettingsClient } from '../../src/demo/settings/state/settings.ts';
import { App } from '../../src/demo/settings/ui/app.tsx';

/** The stand-in's admin API as the page uses it: GET and POST `settings/:_id`, and the demo bot. */
function fakeServer(failPost?: string) {
  const settings: Record<string, unknown> = { Livechat_registration_form: false, Language: 'en', Livechat_title_color: '#1D4ED8' };
  const posts: [string, unknown][] = [];
  const client: SettingsClient = {
    login: async () => undefined,
    request: async <T,>(method: string, route: string, body?: unknown) => {
      const id = route.replace('settings/', '');
      if (method === 'POST') {
        if (id === failPost) throw new AgentApiError(400, { success: false, error: 'error-not-allowed' });
        posts.push([id, (body as { value: unknown }).value]);
        settings[id] = (body as { value: unknown }).value;
        return {} as T;
      }
      return { value: settings[id] ?? true } as T;
    },
  };
  let bot = true;
  const fetchImpl = (async (_u: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'POST') bot = (JSON.parse(String(init.body)) as { enabled: boolean }).enabled;
    return new Response(JSON.stringify({ enabled: bot, available: true }), { status: 200 });
  }) as typeof fetch;
  return { client, fetchImpl, posts, bot: () => bot };
}

async function setup(failPost?: string) {
  const server = fakeServer(failPost);
  const stored = new Map<string, string>();
  const page = createSettingsPage({ client: server.client, fetch: server.fetchImpl, siteStorage: { setItem: (k, v) => stored.set(k, v) } });
  render(<App page={page} />);
  await page.signIn();
  return { server, stored };
}

describe('demo settings page', () => {
  it('switches the pre-chat form on through the settings API and says it is saved', async () => {
    const { server } = await setup();
    const toggle = await screen.findByRole('switch', { name: 'Pre-chat form' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    expect(server.posts).toEqual([['Livechat_registration_form', true]]);
    expect(screen.getByRole('status')).toHaveTextContent('Saved: Pre-chat form');
  });

  it('switches the demo bot off through the stand-in, so the widget goes offline', async () => {
    const { server } = await setup();
    fireEvent.click(await screen.findByRole('switch', { name: /Demo bot answers/ }));
    await waitFor(() => expect(server.bot()).toBe(false));
  });

  it('sets the language on the server and for the demo site', async () => {
    const { server, stored } = await setup();
    fireEvent.change(await screen.findByRole('combobox', { name: 'Language' }), { target: { value: 'ar' } });
    await waitFor(() => expect(server.posts).toEqual([['Language', 'ar']]));
    expect(stored.get(SITE_LANGUAGE_KEY)).toBe('ar');
  });

  it('keeps the old value and says why when saving fails', async () => {
    await setup('Livechat_registration_form');
    const toggle = await screen.findByRole('switch', { name: 'Pre-chat form' });
    fireEvent.click(toggle);
    expect(await screen.findByRole('alert')).toHaveTextContent(`Couldn't save "Pre-chat form" — HTTP 400 · error-not-allowed`);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
  });
});
