/**
 * The cold open in parallel (issue 14): a returning visitor's first reads — Rocket.Chat's config and
 * history, Amazon Connect's transcript — leave while the panel's code is still on its way, not after it
 * arrived and started. The panel's file (Connect: its adapter's chunk) is held back until those reads
 * reached the network, so without the early start this waits in vain; then the chat shows what was said,
 * from those same answers.
 */
import type { Page, Route } from '@playwright/test';
import { ConnectWidget } from './connect-fixtures.ts';
import { EMBEDDED, expect, test } from './fixtures.ts';

/** Holds the files matching `pattern` until `release()`; says whether one was asked for. */
async function hold(page: Page, pattern: RegExp) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const state = { asked: false, release };
  await page.route(pattern, async (route: Route) => {
    state.asked = true;
    await released;
    await route.continue();
  });
  return state;
}

function requests(page: Page) {
  const seen: { method: string; url: string }[] = [];
  page.on('request', (r) => seen.push({ method: r.method(), url: r.url() }));
  return (re: RegExp, method = 'GET') => seen.filter((r) => r.method === method && re.test(r.url)).length;
}

test('Rocket.Chat: config and history leave while the panel downloads, and the chat shows from them', async ({ page, widget }) => {
  await widget.goto();
  await widget.open();
  await widget.send('Hello before the reload');
  await page.getByRole('button', { name: 'Minimize chat' }).click();
  const token = await widget.token();

  const panel = await hold(page, /\/widget-panel-(?!connect-)[\w-]+\.js$/);
  const count = requests(page);
  const config = new RegExp(`/api/v1/livechat/config\\?token=${token}$`);
  const history = new RegExp(`/api/v1/livechat/messages\\.history/[\\w-]+\\?token=${token}&limit=50$`);
  // A chat under way: the loader fetches the panel by itself on the next page.
  await page.reload();
  await expect.poll(() => panel.asked, { message: 'the panel is asked for' }).toBe(true);
  await expect.poll(() => count(config), { message: 'the config is asked for while the panel is held' }).toBe(1);
  await expect.poll(() => count(history), { message: 'the history is asked for while the panel is held' }).toBe(1);

  panel.release();
  await widget.open();
  await expect(widget.message('Hello before the reload')).toBeVisible();
  // The panel took the config's answer: it did not ask again. (The history is read once more when the
  // live connection comes up, as on every (re)connect; unit tests show the first page is taken.)
  expect(count(config)).toBe(1);
});

test('Amazon Connect: the transcript leaves while the adapter downloads, and the chat shows from it', async ({ page }) => {
  test.skip(!EMBEDDED, 'the Connect stand-in is the embedded server');
  const widget = new ConnectWidget(page);
  await widget.goto();
  await widget.open();
  await widget.send('Hello before the reload');
  await page.getByRole('button', { name: 'Minimize chat' }).click();

  const adapter = await hold(page, /\/widget-connect\/amazon-connect-[\w-]+\.js$/);
  const count = requests(page);
  const transcript = /\/participant\/transcript$/;
  await page.reload();
  await expect.poll(() => adapter.asked, { message: "the adapter's chunk is asked for" }).toBe(true);
  await expect.poll(() => count(transcript, 'POST'), { message: 'the transcript is asked for while the adapter is held' }).toBe(1);

  adapter.release();
  await widget.open();
  await expect(widget.message('Hello before the reload')).toBeVisible();
});
