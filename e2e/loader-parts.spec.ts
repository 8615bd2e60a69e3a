/**
 * What the loader no longer carries, in the built widget: the launcher's words in other languages
 * (dist/widget-strings-*.js) and the page API's implementation (dist/widget-page-api-*.js) are files of
 * their own, fetched only by a page that needs them — and then the visitor and the site owner see what
 * they saw when the loader carried them, on a fresh cache and on a pinned, strict-CSP page alike.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { RC_URL, SITE, WidgetPage, expect, test } from './fixtures.ts';

/** The loader's own parts the page fetched (file names without their hash), in order. */
const fetchedParts = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.slice(1))
      .filter((p) => /^widget-(strings|page-api)-/.test(p))
      .map((p) => p.replace(/-[\w-]{6}\.js$/, '')),
  );

/** Rocket.Chat's own embed snippet, with `calls` queued in it before the script loads. */
const snippet = (calls: string) => `<script>
  (function (w, d, s, u) {
    w.RocketChat = function (c) { w.RocketChat._.push(c); }; w.RocketChat._ = []; w.RocketChat.url = u;
    var h = d.getElementsByTagName(s)[0], j = d.createElement(s);
    j.async = true; j.src = '${SITE}/widget.js';
    h.parentNode.insertBefore(j, h);
  })(window, document, 'script', '${RC_URL}/livechat');
  window.__log = [];
  RocketChat(function () { ${calls} });
</script>`;

/** Every frame, what the launcher looked like when it was on screen (its background), in `__seen`. */
const watchLauncher = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { __seen: string[] };
    w.__seen = [];
    const frame = () => {
      const button = document.querySelector('[data-rocketchat-widget]')?.shadowRoot?.querySelector('button');
      if (button?.checkVisibility({ visibilityProperty: true })) w.__seen.push(getComputedStyle(button).backgroundColor);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

test.describe("the loader's lazy parts", () => {
  test('an English page that never calls the API fetches neither', async ({ page, widget }) => {
    await widget.goto();
    await expect(page.getByRole('button', { name: 'Open chat' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await fetchedParts(page)).toEqual([]);
  });

  test("calls queued in Rocket.Chat's snippet run in order, and the launcher first shows as they asked", async ({ page, widget }) => {
    await watchLauncher(page);
    await widget.goto({
      noWidget: true,
      body: snippet(`
        this.onWidgetHidden(function () { window.__log.push('hidden'); });
        this.hideWidget();
        this.onWidgetShown(function () { window.__log.push('shown'); });
        this.showWidget();
        this.setTheme({ color: '#7c3aed' });
        this.setGuestName('Queued Before Load');`),
    });
    await expect(widget.launcher()).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __log: string[] }).__log)).toEqual(['hidden', 'shown']);
    // Never in the default colour, not for one frame: in the site's from the first.
    expect(new Set(await seen(page))).toEqual(new Set(['rgb(124, 58, 237)']));
    expect(await fetchedParts(page)).toEqual(['widget-page-api']);
    // The call that waited for the panel reached the server with the first message.
    await widget.open();
    await widget.send('Hello after the queue');
    const token = await widget.token();
    await expect
      .poll(async () => ((await (await fetch(`${RC_URL}/api/v1/livechat/visitor/${token}`)).json()) as { visitor: { name?: string } }).visitor.name)
      .toBe('Queued Before Load');
  });

  test('a launcher the snippet hides is never shown', async ({ page, widget }) => {
    await watchLauncher(page);
    await widget.goto({ noWidget: true, body: snippet('this.hideWidget();') });
    const host = page.locator('[data-rocketchat-widget]');
    await expect(host).toHaveAttribute('hidden', '');
    await expect(host).not.toHaveAttribute('style', /visibility/);
    expect(await seen(page)).toEqual([]);
  });

  test('the launcher is named in the page language once its words arrive; English pages never fetch them', async ({ page, widget }) => {
    await widget.goto({ lang: 'de-DE' });
    await expect(page.getByRole('button', { name: 'Chat öffnen' })).toBeVisible();
    expect(await fetchedParts(page)).toEqual(['widget-strings']);
    await widget.goto({ attrs: { 'data-language': 'es' }, lang: 'en' });
    await expect(page.getByRole('button', { name: 'Abrir chat' })).toBeVisible();
    await widget.goto({ lang: 'fr' });
    await expect(page.getByRole('button', { name: 'Open chat' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await fetchedParts(page)).toEqual([]);
  });

  test('pinned with integrity under a strict CSP: both parts arrive checked and work', async ({ page, widget }) => {
    const sri = JSON.parse(readFileSync('dist/widget-sri.json', 'utf8')) as Record<string, string>;
    const api = new URL(RC_URL);
    await widget.goto({
      lang: 'ar',
      attrs: { integrity: sri['widget.js']!, crossorigin: 'anonymous' },
      csp: `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' ${api.origin}; connect-src ${api.origin} ws://${api.host} wss://${api.host}`,
    });
    const refused: string[] = [];
    page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && refused.push(m.text()));
    await expect(page.getByRole('button', { name: 'فتح الدردشة' })).toBeVisible();
    await new WidgetPage(page).api('setTheme', { color: '#b45309' });
    const host = page.locator('[data-rocketchat-widget]');
    await expect.poll(() => host.evaluate((el) => el.style.getPropertyValue('--rcw-color'))).toBe('#b45309');
    const checked = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => [new URL(l.href).pathname.slice(1), l.integrity])),
    );
    const parts = Object.keys(checked).filter((f) => /^widget-(strings|page-api)-/.test(f));
    expect(parts.map((f) => f.replace(/-[\w-]{6}\.js$/, '')).sort()).toEqual(['widget-page-api', 'widget-strings']);
    for (const file of parts) {
      const [algorithm, digest] = checked[file]!.split('-', 2) as [string, string];
      expect(createHash(algorithm).update(readFileSync(`dist/${file}`)).digest('base64'), `${file} fetched with its integrity`).toBe(digest);
    }
    expect(refused).toEqual([]);
  });
});

test("the launcher's icon is black or white, whichever reads on the site's colour, whatever the page's own CSS", async ({ page, widget }) => {
  for (const [color, on] of [
    ['#fde047', '#000'],
    ['#0e7490', '#fff'],
    ['rebeccapurple', '#fff'],
    ['rgb(34, 197, 94)', '#000'],
  ] as const) {
    await widget.goto({ attrs: { 'data-color': color }, head: '<style>* { color: rgb(255, 0, 0) !important; }</style>' });
    await expect(widget.launcher()).toBeVisible();
    const host = page.locator('[data-rocketchat-widget]');
    expect(await host.evaluate((el) => el.style.getPropertyValue('--rcw-on-color')), color).toBe(on);
    // The colour was read from the host, which keeps none of it.
    expect(await host.evaluate((el) => el.style.color)).toBe('');
    expect(await widget.launcher().evaluate((el) => getComputedStyle(el.querySelector('svg')!).fill)).toBe(on === '#fff' ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');
  }
});
