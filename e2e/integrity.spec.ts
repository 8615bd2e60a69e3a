import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { EMBEDDED, RC_URL, SITE, STANDIN_URL, expect, test } from './fixtures.ts';
import { CONNECT_ATTRS, ConnectWidget } from './connect-fixtures.ts';

/**
 * A page that pins widget.js with `integrity` (README "Hosting on a CDN"): every module the widget
 * loads after it is checked by the browser too, and a file whose bytes changed never runs.
 */
const sri = JSON.parse(readFileSync('dist/widget-sri.json', 'utf8')) as Record<string, string>;
const PINNED = { integrity: sri['widget.js']!, crossorigin: 'anonymous' };

/** The widget's modules the page fetched, and the integrity each one was fetched with. */
async function widgetModules(page: Page): Promise<{ loaded: string[]; checked: Record<string, string> }> {
  return page.evaluate(() => {
    const loaded = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.slice(1))
      .filter((p) => /^widget-.*\.js$|^widget-(chunks|connect)\//.test(p) && p !== 'widget.js');
    const checked: Record<string, string> = {};
    for (const l of document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')) checked[new URL(l.href).pathname.slice(1)] = l.integrity;
    return { loaded, checked };
  });
}

/** Serves a changed copy of the files matching `pattern` (an attacker's, or a broken CDN's). */
async function tamper(page: Page, pattern: string): Promise<void> {
  await page.route(pattern, async (route) => {
    // The test runner cannot resolve the page's host name: fetch the original from the server's own address.
    const response = await route.fetch({ url: route.request().url().replace(SITE, STANDIN_URL) });
    await route.fulfill({ response, body: `${await response.text()}\n;window.__tampered = true;` });
  });
}
/** Whether `integrity` (any of SRI's algorithms) is the built file's. */
const matches = (file: string, integrity: string | undefined) => {
  const [algorithm, digest] = (integrity ?? '').split('-', 2);
  return !!digest && createHash(algorithm!).update(readFileSync(`dist/${file}`)).digest('base64') === integrity!.slice(algorithm!.length + 1);
};
const tampered = (page: Page) => page.evaluate(() => (window as unknown as { __tampered?: boolean }).__tampered === true);

test.describe('Subresource Integrity on every file', () => {
  test('pinned on Rocket.Chat, under a strict CSP: the chat works, and each module it loads, the lazy ones too, came with its integrity', async ({ page, widget, agent }) => {
    const api = new URL(RC_URL);
    await widget.goto({
      attrs: PINNED,
      csp: `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' ${api.origin}; connect-src ${api.origin} ws://${api.host} wss://${api.host}`,
    });
    const refused: string[] = [];
    page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && refused.push(m.text()));
    await widget.open();
    await widget.send('Hello from a pinned page');
    const room = await agent.roomOf(await widget.token());
    await agent.send(room._id, 'Hello, *checked* visitor');
    await expect(widget.message(/checked/)).toBeVisible();
    await widget.finish();
    await expect(page.getByRole('textbox', { name: 'Email address' })).toBeVisible();
    const { loaded, checked } = await widgetModules(page);
    // The panel, the sheets of a finished chat, the markdown renderer: all lazily loaded, all checked.
    expect(loaded).toEqual(expect.arrayContaining([expect.stringMatching(/^widget-panel-/), expect.stringMatching(/app-sheets-/), expect.stringMatching(/markdown-/)]));
    for (const file of loaded) expect(matches(file, checked[file]), `${file} fetched with its integrity`).toBe(true);
    // Once each: no second, unchecked fetch of the same file beside the checked one.
    expect(loaded.length).toBe(new Set(loaded).size);
    expect(refused).toEqual([]);
  });

  test('pinned on Amazon Connect: its adapter chunk is checked as well', async ({ page }) => {
    test.skip(!EMBEDDED, 'the Connect stand-in is the embedded server');
    const widget = new ConnectWidget(page);
    await widget.goto({ attrs: { ...CONNECT_ATTRS, ...PINNED } });
    await widget.open();
    await widget.send('Hello from a pinned Connect page');
    await widget.contactId();
    const { loaded, checked } = await widgetModules(page);
    expect(loaded).toEqual(expect.arrayContaining([expect.stringMatching(/^widget-panel-connect-/), expect.stringMatching(/^widget-connect\/amazon-connect-/)]));
    for (const file of loaded) expect(matches(file, checked[file]), `${file} fetched with its integrity`).toBe(true);
    // Once each: no second, unchecked fetch of the same file beside the checked one.
    expect(loaded.length).toBe(new Set(loaded).size);
  });

  test('a changed panel never runs: the visitor is told the chat could not load (unpinned, the same change runs)', async ({ page, widget }) => {
    await tamper(page, '**/widget-panel-*.js');
    await widget.goto({ attrs: PINNED });
    await widget.launcher().click();
    await expect(page.getByRole('button', { name: 'The chat could not be loaded. Open chat' })).toBeVisible();
    expect(await tampered(page)).toBe(false);
    // The control: without `integrity` on the tag nothing is checked, and the changed file runs.
    await widget.goto();
    await widget.open();
    expect(await tampered(page)).toBe(true);
  });

  test('a changed lazy chunk never runs either: the browser refuses it', async ({ page, widget }) => {
    await tamper(page, '**/widget-chunks/app-sheets-*.js');
    await widget.goto({ attrs: PINNED });
    await widget.open();
    await widget.send('Then I finish');
    // A modulepreload whose bytes do not match its integrity fires `error` on its link.
    await page.evaluate(() => {
      const w = window as unknown as { __refused: string[] };
      w.__refused = [];
      document.addEventListener('error', (e) => e.target instanceof HTMLLinkElement && w.__refused.push(e.target.href), true);
    });
    await page.getByRole('button', { name: 'Chat options' }).click();
    await page.getByRole('button', { name: 'Finish chat' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __refused: string[] }).__refused.join())).toMatch(/app-sheets-/);
    expect(await tampered(page)).toBe(false);
  });
});
