import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, STANDIN_URL, test } from './connect-fixtures.ts';
import { XSS } from './xss-corpus.ts';

async function expectNoViolations(page: Page, screen: string, info: TestInfo): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await info.attach(`axe-${screen}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  expect(summary, `axe violations on "${screen}"`).toEqual([]);
}

const goodHost = { head: '<meta name="viewport" content="width=device-width, initial-scale=1">' };

test.describe('Amazon Connect: accessibility and safety', () => {
  test('no axe violations: launcher, chat with an agent typing, receipts, choices, finish, end, transcript', async ({ page, widget, agent }, info) => {
    // A bot's list picker in the transcript (the stand-in runs no bot; see connect-chat.spec.ts).
    const picker = { templateType: 'ListPicker', version: '1.0', data: { content: { title: 'Pick a store', elements: [{ title: 'Lisbon', subtitle: 'Open today' }, { title: 'Porto' }] } } };
    await page.route('**/participant/transcript', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { Transcript?: Record<string, unknown>[] };
      body.Transcript = [...(body.Transcript ?? []), { Id: 'bot-picker-1', Type: 'MESSAGE', ContentType: 'application/vnd.amazonaws.connect.message.interactive', Content: JSON.stringify(picker), ParticipantId: 'bot', DisplayName: 'BOT', ParticipantRole: 'CUSTOM_BOT', AbsoluteTime: new Date().toISOString() }];
      await route.fulfill({ response, json: body });
    });
    await widget.goto(goodHost);
    await expect(widget.launcher()).toBeVisible();
    await expectNoViolations(page, 'launcher', info);
    await widget.open();
    await expectNoViolations(page, 'empty chat', info);
    await widget.composer.fill('Hello, is **anyone** there? https://example.com');
    await widget.composer.press('Enter');
    await expect(widget.message('Hello, is anyone there?')).not.toContainText('Sending…');
    const ana = await agent.join(widget);
    await ana.send('Yes! Here is `some code` and a link: https://aws.amazon.com', 'text/markdown');
    const mine = (await ana.transcript()).Transcript!.find((i) => i.ParticipantRole === 'CUSTOMER' && i.Type === 'MESSAGE')!;
    await ana.read(mine.Id!);
    await ana.typing();
    await expect(page.getByText('Ana is typing…')).toBeVisible();
    await expect(page.getByRole('button', { name: /Lisbon/ })).toBeVisible();
    await expect(widget.message('Hello, is anyone there?')).toContainText('Read');
    await expectNoViolations(page, 'conversation: typing, choices, receipt', info);
    await page.getByRole('button', { name: 'Chat options' }).click();
    await expectNoViolations(page, 'options menu', info);
    await page.getByRole('button', { name: 'Finish chat' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(page, 'finish confirmation', info);
    await page.getByRole('button', { name: 'Yes, finish chat' }).click();
    await expect(page.getByRole('heading', { name: 'Chat finished' })).toBeVisible();
    await expectNoViolations(page, 'chat ended', info);
    await page.getByRole('textbox', { name: 'Email address' }).fill('a11y@example.com');
    await page.getByRole('button', { name: 'Send transcript' }).click();
    await expect(page.getByText(/Transcript sent to/)).toBeVisible();
    await expectNoViolations(page, 'transcript sent', info);
  });

  test('agent and visitor text can never run: the XSS corpus stays text, plain and markdown', async ({ page, widget, agent }) => {
    await widget.goto({ attrs: { 'data-title': '<img src=x onerror="window.__xss=100">Support' } });
    await widget.open();
    await widget.send(XSS[0]!);
    const ana = await agent.join(widget);
    for (const [i, payload] of XSS.entries()) await ana.send(payload, i % 2 ? 'text/markdown' : 'text/plain');
    for (const payload of XSS.slice(1, 6)) await widget.send(payload);
    await expect(widget.message(/__xss=18/)).toBeVisible();
    for (const link of await widget.log.getByRole('link').all()) await link.hover();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const dom = await page.locator('[data-rocketchat-widget]').evaluate((el) => {
      const root = el.shadowRoot!;
      // The widget's own icons (SVG: a message's ticks) and agents' initials (.avatar) are no one's text:
      // left out here, and checked apart below.
      const ours = (e: Element) => !!e.closest('svg, .avatar');
      const all = [...root.querySelectorAll('[role=log] *, h2, h2 *')].filter((e) => !ours(e));
      return {
        tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))],
        images: root.querySelectorAll('[role=log] img').length,
        icons: [...root.querySelectorAll('[role=log] svg')].map((s) => s.getAttribute('aria-hidden')),
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}@${a.name}`)),
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      };
    });
    expect(dom.handlers).toEqual([]);
    expect(dom.tags.filter((t) => ['script', 'img', 'iframe', 'svg', 'object', 'embed'].includes(t))).toEqual([]);
    for (const href of dom.hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
    // Connect serves no agents' pictures: no image at all; the only SVG: our decorative icons.
    expect(dom.images).toBe(0);
    expect(dom.icons.every((h) => h === 'true')).toBe(true);
    await expect(page.getByRole('heading', { name: '<img src=x onerror="window.__xss=100">Support' })).toBeVisible();
  });

  test('works under a strict Content-Security-Policy: no inline scripts or styles, no eval', async ({ page, widget, agent }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const api = new URL(STANDIN_URL);
    await widget.goto({
      csp: `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src ${api.origin} ws://${api.host}; base-uri 'none'; form-action 'none'`,
    });
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (e) => ((window as unknown as { __csp: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`)),
    );
    await widget.open();
    await widget.send('Hello under a strict CSP');
    const ana = await agent.join(widget);
    await ana.send('Replies **arrive** too, with `markdown`.', 'text/markdown');
    await expect(widget.message(/Replies/)).toBeVisible();
    await widget.finish();
    await page.getByRole('textbox', { name: 'Email address' }).fill('csp@example.com');
    await page.getByRole('button', { name: 'Send transcript' }).click();
    await expect(page.getByText(/Transcript sent to/)).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(violations).toEqual([]);
  });
});
