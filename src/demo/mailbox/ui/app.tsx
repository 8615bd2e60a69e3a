import { ErrorNotice } from '../../shared/error-notice.tsx';

import type { Mailbox } from '../state/mailbox.ts';
import { EmptyState } from './empty-state.tsx';
import { MailList } from './mail-list.tsx';
import { MailView } from './mail-view.tsx';

/** The mailbox page: inbox on the left, the open email on the right (one at a time on a phone). */
export function App({ mailbox }: { mailbox: Mailbox }) {
  const mails = mailbox.mails.value;
  const open = mailbox.selected.value;
  const checked = mailbox.lastChecked.value;
  return (
    <div class={`mailbox${open ? ' mailbox--has-mail' : ''}`}>
      <header class="top-bar">
        <h1>Mailbox</h1>
        <p class="muted small top-bar__note">Emails caught by the demo's SMTP server</p>
        <nav class="top-bar__nav" aria-label="Demo pages">
          <a href="/">Customer site</a>
          <a href="/demo/agent.html">Agent console</a>
          <a href="/demo/settings.html">Settings</a>
        </nav>
      </header>
      <main class="mailbox__main">
        <section class="inbox" aria-labelledby="inbox-title">
          <div class="inbox__head">
            <h2 id="inbox-title">
              Inbox <span class="count">{mails.length}</span>
            </h2>
            <button type="button" class="button button--small" onClick={() => void mailbox.refresh()} disabled={mailbox.refreshing.value}>
              {mailbox.refreshing.value ? 'Refreshing…' : 'Refresh'}
            </button>
          </div>
          <p class="inbox__checked muted small" aria-live="off">
            {checked ? `Refreshes every few seconds · last checked ${checked.toLocaleTimeString('en-GB')}` : 'Checking…'}
          </p>
          {mailbox.error.value && <ErrorNotice error={mailbox.error.value} />}
          {mailbox.loaded.value && mails.length === 0 && !mailbox.error.value ? (
            <EmptyState />
          ) : (
            <MailList mails={mails} selectedId={open?.id ?? null} onOpen={mailbox.select} />
          )}
        </section>
        {open ? (
          <MailView key={open.id} mail={open} onBack={() => mailbox.select(null)} />
        ) : (
          <section class="mail-view mail-view--empty" aria-label="No email open">
            <p class="muted">{mails.length ? 'Choose an email to read it.' : 'Transcripts you request will appear here.'}</p>
          </section>
        )}
      </main>
    </div>
  );
}
