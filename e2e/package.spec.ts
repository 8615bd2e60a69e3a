/**
 * The npm package in a single-page app (examples/vite-app, built from the packed tarball): it mounts,
 * reports each client-side navigation once, and mounting again or unmounting then mounting never
 * leaves a second launcher or a listener that reports twice.
 */
import type { Page, Response } from '@playwright/test';
import { expect, RC_URL, SITE, test, WidgetPage } from './fixtures.ts';
import { buildSampleApp } from './sample-app.ts';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await buildSampleApp();
});

/** Every page visit the server recorded from the widget (Rocket.Chat answers "<title> - <href>"), by path. */
function recordVisits(page: Page): string[] {
  const visits: string[] = [];
  page.on('response', (r: Response) => {
    if (r.request().method() !== 'POST' || !r.url().endsWith('/api/v1/livechat/page.visited')) return;
    void r.json().then((body: { page?: { msg?: string } }) => {
      const href = body.page?.msg?.split(' - ').pop();
      if (href) visits.push(new URL(href).pathname.replace(/^\/sample-app/, ''));
    }, () => undefined);
  });
  return visits;
}

async function openApp(page: Page): Promise<WidgetPage> {
  await page.goto(`${SITE}/sample-app/index.html?server=${encodeURIComponent(RC_URL)}`);
  const widget = new WidgetPage(page);
  await expect(widget.launcher()).toHaveCount(1);
  return widget;
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name }).click();
const events = (page: Page) => page.getByRole('list', { name: 'Widget events' }).getByRole('listitem');

test.describe('the npm package in a single-page app', () => {
  test('mounts from the tarball; a chat runs; pushState and back report each page once', async ({ page }) => {
    const visits = recordVisits(page);
    const widget = await openApp(page);
    await widget.open();
    await widget.send('Hello from the package');
    await expect(events(page)).toHaveText(['onChatStarted', 'onMessageSent']);
    await expect.poll(() => visits).toContain('/index.html');

    await nav(page, 'Pricing');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pricing');
    await expect.poll(() => visits).toContain('/pricing');
    await nav(page, 'Contact');
    await expect.poll(() => visits).toContain('/contact');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pricing');
    await expect.poll(() => visits.filter((v) => v === '/pricing')).toHaveLength(2);
    // Each navigation once: the reports of one come before the next navigation's.
    expect(visits.filter((v) => v !== '/index.html')).toEqual(['/pricing', '/contact', '/pricing']);
  });

  test('mount twice, or unmount and mount: one launcher, one report per navigation; unmounted: none', async ({ page }) => {
    const visits = recordVisits(page);
    const widget = await openApp(page);
    await widget.open();
    await widget.send('Before remounting');
    await page.getByRole('button', { name: 'Mount widget', exact: true }).click();
    await expect(widget.launcher()).toHaveCount(1);
    await page.getByRole('button', { name: 'Unmount widget' }).click();
    await expect(widget.launcher()).toHaveCount(0);
    await nav(page, 'Contact');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contact');
    await page.getByRole('button', { name: 'Mount widget', exact: true }).click();
    await expect(widget.launcher()).toHaveCount(1);
    // The remounted widget is the same chat, open as it was left.
    await expect(page.getByRole('button', { name: /^Close chat/ })).toBeVisible();
    await expect(widget.message('Before remounting')).toBeVisible();

    await nav(page, 'Pricing');
    await expect.poll(() => visits).toContain('/pricing');
    await nav(page, 'Home');
    await expect.poll(() => visits).toContain('/');
    // Unmounted at /contact's navigation: reported only by the mount after it (its first look).
    expect(visits.filter((v) => v === '/pricing')).toHaveLength(1);
    expect(visits.filter((v) => v === '/contact')).toHaveLength(1);
  });
});
