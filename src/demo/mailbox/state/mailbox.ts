/**
 * The demo mailbox: what the stand-in's SMTP catcher received (`GET /_standin/mailbox`, newest first),
 * refreshed on demand and on a timer, and which one is open.
 */
import { computed, signal } from '@preact/signals';
import { actionError, type ActionError } from '../../shared/describe-error.ts';

/** One caught email, as the stand-in reports it. Every field is untrusted. */
export interface Mail {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
}

export const MAILBOX_POLL_MS = 5_000;

export class MailboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`HTTP ${status}${detail ? ` · ${detail}` : ''}`);
    this.name = 'MailboxHttpError';
  }
}

function isMail(v: unknown): v is Mail {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.subject === 'string' && typeof r.receivedAt === 'string';
}

export function createMailbox(fetchImpl: typeof fetch = (i, init) => globalThis.fetch(i, init), url = '/_standin/mailbox') {
  const mails = signal<Mail[]>([]);
  const loaded = signal(false);
  const refreshing = signal(false);
  const error = signal<ActionError | null>(null);
  const selectedId = signal<string | null>(null);
  const lastChecked = signal<Date | null>(null);
  const selected = computed(() => mails.value.find((m) => m.id === selectedId.value) ?? null);
  let timer: ReturnType<typeof setInterval> | undefined;

  async function refresh(): Promise<void> {
    if (refreshing.value) return;
    refreshing.value = true;
    try {
      const res = await fetchImpl(url, { headers: { Accept: 'application/json' } });
      const json = (await res.json().catch(() => undefined)) as { mails?: unknown; error?: string } | undefined;
      if (!res.ok || !json || !Array.isArray(json.mails)) throw new MailboxHttpError(res.status, json?.error ?? '');
      const list = json.mails.filter(isMail).map((m) => ({
        ...m,
        from: String(m.from ?? ''),
        to: String(m.to ?? ''),
        replyTo: String(m.replyTo ?? ''),
        text: String(m.text ?? ''),
        html: String(m.html ?? ''),
      }));
      // The stand-in sends newest first; sort anyway so the page doesn't depend on it.
      list.sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
      mails.value = list;
      error.value = null;
      lastChecked.value = new Date();
    } catch (e) {
      error.value = actionError("Couldn't load the mailbox", e);
    } finally {
      refreshing.value = false;
      loaded.value = true;
    }
  }

  return {
    mails,
    loaded,
    refreshing,
    error,
    selected,
    lastChecked,
    refresh,
    select: (id: string | null) => (selectedId.value = id),
    start(pollMs = MAILBOX_POLL_MS): void {
      void refresh();
      clearInterval(timer);
      timer = setInterval(() => void refresh(), pollMs);
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

export type Mailbox = ReturnType<typeof createMailbox>;
