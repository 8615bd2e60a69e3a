/**
 * Fixtures for the e2e suite. The customer page lives on http://site.test:PORT (mapped to loopback by
 * Chromium's host rules) and the chat server on RC_URL, so every widget call is cross-origin, as on a
 * real site. The agent is played through Rocket.Chat's own agent API, so the same tests run against a
 * real Rocket.Chat (RC_URL, RC_AGENT_USER, RC_AGENT_PASSWORD) or the embedded stand-in.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import type { WireRoom } from '../src/shared/rocketchat/wire.ts';

export const PORT = Number(process.env.E2E_PORT ?? 5174);
export const STANDIN_URL = `http://127.0.0.1:${PORT}`;
export const RC_URL = (process.env.RC_URL ?? STANDIN_URL).replace(/\/+$/, '');
/** True when the suite drives its own stand-in, which also offers fault injection and a mailbox. */
export const EMBEDDED = RC_URL === STANDIN_URL;
export const SITE = `http://site.test:${PORT}`;

export interface HostPage {
  /** Extra attributes for the widget's script tag (`data-…`). */
  attrs?: Record<string, string>;
  /** A Content-Security-Policy header for the page. */
  csp?: string;
  /** Extra markup in <head> (styles, scripts) and before the widget in <body>. */
  head?: string;
  body?: string;
  /** Leave out the widget's script tag (tests that add it themselves). */
  noWidget?: boolean;
  path?: string;
  /** The page's `lang` attribute (empty: none). */
  lang?: string;
}

export function hostPageHtml(p: HostPage = {}): string {
  const attrs = { 'data-server-url': RC_URL, ...p.attrs };
  const attrText = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`)
    .join('');
  const lang = p.lang ?? 'en';
  return `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head><meta charset="utf-8"><title>Customer site</title>${p.head ?? ''}</head>
<body><main><h1>Customer site</h1><p>Some content.</p><button type="button">A page button</button></main>${p.body ?? ''}
${p.noWidget ? '' : `<script src="${SITE}/widget.js"${attrText} async></script>`}</body></html>`;
}

/**
 * The visitor's message has reached the server: its status says so (sent, delivered or read). Waiting
 * for a state, not for the absence of "Sending…": a failed message says "Not sent" only once its note's
 * chunk is in, so an absence can be seen too early.
 */
export async function expectSent(item: Locator, options: { timeout?: number } = {}): Promise<void> {
  await expect(item).toContainText(/(Sent|Delivered|Read)$/, options);
}

export class WidgetPage {
  readonly log: Locator;
  readonly composer: Locator;

  constructor(readonly page: Page) {
    this.log = page.getByRole('log', { name: 'Conversation' });
    this.composer = page.getByRole('textbox', { name: 'Message' });
  }

  /**
   * Serve a host page at `path` on the customer origin and open it. The test server serves it (not a
   * Playwright route), so the page sits on the loopback network like the widget it loads.
   */
  async goto(p: HostPage = {}): Promise<void> {
    const path = p.path ?? `/shop/${Math.random().toString(36).slice(2)}.html`;
    await control('pages', { path, html: hostPageHtml(p), headers: p.csp ? { 'Content-Security-Policy': p.csp } : {} });
    await this.page.goto(`${SITE}${path}`);
  }

  launcher(): Locator {
    return this.page.getByRole('button', { name: /^(Open chat|Close chat)/ });
  }

  /** Open the panel on the chat screen (use `openPanel` for screens without a composer). */
  async open(): Promise<void> {
    await this.openPanel();
    await expect(this.composer).toBeVisible();
  }

  async openPanel(): Promise<void> {
    await this.page.getByRole('button', { name: /^Open chat/ }).click();
    await expect(this.page.getByRole('button', { name: 'Minimize chat' })).toBeVisible();
  }

  /** Type and send a message, and wait until the server has it (no longer "Sending…"). */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
    const item = this.message(text).last();
    await expect(item).toBeVisible();
    await expectSent(item);
  }

  /** The conversation's items that are messages (not the day headings between them). */
  async messageTexts(): Promise<string[]> {
    const items = await this.log.getByRole('listitem').allInnerTexts();
    return items.filter((t) => !/^[A-Z][a-z]+ \d{1,2}, \d{4}$/.test(t.trim()));
  }

  /** A message in the conversation, found by its text. */
  message(text: string | RegExp): Locator {
    return this.log.getByRole('listitem').filter({ hasText: text });
  }

  /**
   * Press "Load earlier messages" until `target` (a message, the jump button) shows. The button comes and
   * goes while pages load (and goes for good after the last one), so each press is for the button as it
   * is then, and what is waited on is the target, never the button.
   */
  async loadEarlierUntil(target: Locator): Promise<void> {
    const earlier = this.page.getByRole('button', { name: 'Load earlier messages' });
    await expect
      .poll(
        async () => {
          if (await target.count()) return true;
          // Pressed where it is, without scrolling to it: scrolling to the top slides the window by
          // itself (as it should), so a scrolling click can race the button away on a loaded machine.
          await earlier.dispatchEvent('click', undefined, { timeout: 2_000 }).catch(() => undefined);
          return (await target.count()) > 0;
        },
        { message: 'reading back reaches the target', timeout: 60_000 },
      )
      .toBe(true);
  }

  async token(): Promise<string> {
    const token = await this.page.evaluate(() => (window as unknown as { RocketChat: { livechat: { getVisitorToken(): string | undefined } } }).RocketChat.livechat.getVisitorToken());
    if (!token) throw new Error('the widget has no visitor token yet');
    return token;
  }

  /** Call `window.RocketChat.livechat[method](...args)` in the page, as a site's own script would. */
  async api(method: string, ...args: unknown[]): Promise<unknown> {
    return this.page.evaluate(
      ([m, a]) => (window as unknown as { RocketChat: { livechat: Record<string, (...x: unknown[]) => unknown> } }).RocketChat.livechat[m as string]!(...(a as unknown[])),
      [method, args] as const,
    );
  }

  /** Record every `on…` callback the page receives, in order, in `window.__events`. */
  static recordCallbacks = `<script>
    window.__events = [];
    window.RocketChat = window.RocketChat || function (c) { window.RocketChat._.push(c); };
    window.RocketChat._ = window.RocketChat._ || [];
    RocketChat(function () {
      var names = ['onChatMaximized','onChatMinimized','onChatStarted','onChatEnded','onPrechatFormSubmit','onOfflineFormSubmit',
        'onWidgetShown','onWidgetHidden','onAssignAgent','onAgentStatusChange','onServiceOffline'];
      var self = this;
      names.forEach(function (n) { self[n](function (data) { window.__events.push({ name: n, data: data === undefined ? null : data }); }); });
    });
  </script>`;

  async events(): Promise<{ name: string; data: unknown }[]> {
    return this.page.evaluate(() => (window as unknown as { __events: { name: string; data: unknown }[] }).__events);
  }

  async eventNames(): Promise<string[]> {
    return (await this.events()).map((e) => e.name);
  }

  async finish(): Promise<void> {
    await this.page.getByRole('button', { name: 'Chat options' }).click();
    await this.page.getByRole('button', { name: 'Finish chat' }).click();
    await this.page.getByRole('button', { name: 'Yes, finish chat' }).click();
    await expect(this.page.getByRole('heading', { name: 'Chat finished' })).toBeVisible();
  }
}

export class TestAgent extends AgentClient {
  /** The open room of the visitor with this token, waiting for the widget to have opened it. */
  async roomOf(token: string): Promise<WireRoom> {
    let room: WireRoom | undefined;
    await expect
      .poll(async () => {
        room = (await this.rooms(true)).find((r) => r.v.token === token);
        return room?._id;
      }, { message: 'the visitor has an open room' })
      .toBeTruthy();
    if (!room!.servedBy) await this.take(room!._id);
    return room!;
  }
}

/** Read what the embedded stand-in's SMTP catcher received. */
export async function mailbox(): Promise<{ to: string; subject: string; text: string; html: string; from: string }[]> {
  const res = await fetch(`${STANDIN_URL}/_standin/mailbox`);
  const body = (await res.json()) as { mails: { to: string; subject: string; text: string; html: string; from: string }[] };
  return body.mails;
}

/** Change a server setting as an admin for the duration of `fn` (works against Rocket.Chat too). */
export async function withSetting<T>(agent: AgentClient, id: string, value: unknown, fn: () => Promise<T>): Promise<T> {
  const before = await agent.request<{ value: unknown }>('GET', `settings/${id}`);
  await agent.setSetting(id, value);
  try {
    return await fn();
  } finally {
    await agent.setSetting(id, before.value);
  }
}

export async function control(path: string, body: object = {}): Promise<unknown> {
  const res = await fetch(`${STANDIN_URL}/_standin/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status}`);
  return res.json();
}

interface Fixtures {
  widget: WidgetPage;
  agent: TestAgent;
}

export const test = base.extend<Fixtures>({
  widget: async ({ page }, use) => {
    await use(new WidgetPage(page));
  },
  agent: async ({}, use) => {
    const agent = new TestAgent(RC_URL, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
    await agent.login(process.env.RC_AGENT_USER ?? 'agent', process.env.RC_AGENT_PASSWORD ?? 'agent-pass');
    await agent.goAvailable();
    await use(agent);
    agent.disconnect();
  },
});

export { expect };
