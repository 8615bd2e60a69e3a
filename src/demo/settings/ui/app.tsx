import { ErrorNotice } from '../../shared/error-notice.tsx';
import { CATALOG } from '../catalog.ts';
import type { SettingsPage } from '../state/settings.ts';
import { SettingRow } from './setting-row.tsx';

/** The demo's settings: every change is saved at once; the customer site shows it on its next load. */
export function App({ page }: { page: SettingsPage }) {
  const status = page.status.value;
  const values = page.values.value;
  const saved = page.saved.value;
  const label = saved && CATALOG.flatMap((g) => g.items).find((i) => i.id === saved)?.label;
  return (
    <div class="settings">
      <header class="top-bar">
        <h1>Demo settings</h1>
        <nav class="top-bar__nav" aria-label="Demo pages">
          <a href="/">Customer site</a>
          <a href="/demo/agent.html">Agent console</a>
          <a href="/demo/mailbox.html">Mailbox</a>
        </nav>
      </header>
      <main class="settings__main">
        <p class="settings__intro">
          These switches change the stand-in server's settings, as a Rocket.Chat admin would (<code>POST /api/v1/settings/:_id</code>).
          Reload the <a href="/">customer site</a> to see the widget follow them.
        </p>
        <p class="settings__status" role="status">
          {status === 'signing-in' || status === 'loading' ? 'Loading the settings…' : label ? `Saved: ${label}. Reload the customer site to see it.` : ''}
        </p>
        {page.error.value && <ErrorNotice error={page.error.value} onDismiss={() => (page.error.value = null)} />}
        {status === 'signed-out' && (
          <button type="button" class="button button--primary" onClick={() => void page.signIn()}>
            Sign in as the demo admin
          </button>
        )}
        {status === 'ready' &&
          CATALOG.map((group, gi) => (
            <section class="card settings__group" aria-labelledby={`group-${gi}`} key={group.title}>
              <h2 id={`group-${gi}`}>{group.title}</h2>
              {group.intro && <p class="muted small">{group.intro}</p>}
              <ul class="settings__list">
                {group.items.map((item) => (
                  <SettingRow key={item.id} item={item} value={values.get(item.id)} busy={page.saving.value !== null} onChange={(v) => void page.set(item.id, v)} />
                ))}
              </ul>
            </section>
          ))}
        {status === 'ready' && (
          <p class="muted small">
            Dark mode follows the visitor's system; a site can fix it with <code>data-theme="light|dark|auto"</code> on the script tag. Proactive
            triggers are not part of this stand-in yet.
          </p>
        )}
      </main>
    </div>
  );
}
