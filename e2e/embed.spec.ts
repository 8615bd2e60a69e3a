import { RC_URL, SITE, expect, test } from './fixtures.ts';

test.describe('embedding on a customer page', () => {
  test('the host page styles cannot reach the widget, and the widget styles do not leak out', async ({ page, widget }) => {
    await widget.goto({
      head: `<style>
        * { font-family: "Comic Sans MS", cursive !important; color: rgb(255, 0, 0) !important; }
        button { background: rgb(0, 255, 0) !important; border-radius: 0 !important; }
        .launcher, .panel, .msg { display: none !important; }
      </style>`,
    });
    const launcher = widget.launcher();
    await expect(launcher).toBeVisible();
    const style = await launcher.evaluate((el) => getComputedStyle(el));
    expect(style.backgroundColor).not.toBe('rgb(0, 255, 0)');
    await widget.open();
    const color = await widget.composer.evaluate((el) => getComputedStyle(el).color);
    expect(color).not.toBe('rgb(255, 0, 0)');
    // And ours don't leak: the page's own button keeps the page's look.
    const pageButton = page.getByRole('button', { name: 'A page button' });
    expect(await pageButton.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 255, 0)');
  });

  test('loading the script twice mounts one widget', async ({ page, widget }) => {
    await widget.goto({ body: `<script src="${SITE}/widget.js" data-server-url="${RC_URL}" async></script>` });
    await expect(widget.launcher()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('[data-rocketchat-widget]')).toHaveCount(1);
    await expect(page.getByRole('button', { name: /^Open chat/ })).toHaveCount(1);
  });

  test("works from Rocket.Chat's own embed snippet, with calls queued before the script loads", async ({ page, widget }) => {
    await widget.goto({
      noWidget: true,
      body: `<script>
        (function (w, d, s, u) {
          w.RocketChat = function (c) { w.RocketChat._.push(c); }; w.RocketChat._ = []; w.RocketChat.url = u;
          var h = d.getElementsByTagName(s)[0], j = d.createElement(s);
          j.async = true; j.src = '${SITE}/widget.js?_=201903270000';
          h.parentNode.insertBefore(j, h);
        })(window, document, 'script', '${RC_URL}/livechat');
        RocketChat(function () { this.setTheme({ color: '#7c3aed' }); this.onChatMaximized(function () { window.maximized = true; }); });
      </script>`,
    });
    await expect(widget.launcher()).toBeVisible();
    const host = page.locator('[data-rocketchat-widget]');
    await expect.poll(() => host.evaluate((el) => el.style.getPropertyValue('--rcw-color'))).toBe('#7c3aed');
    await widget.open();
    await expect.poll(() => page.evaluate(() => (window as unknown as { maximized?: boolean }).maximized)).toBe(true);
  });

  test('the launcher shows before the chat panel is downloaded, and the panel loads on intent', async ({ page, widget }) => {
    const panelRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('widget-panel')) panelRequests.push(r.url());
    });
    await widget.goto();
    await expect(widget.launcher()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(panelRequests).toEqual([]);
    await widget.launcher().hover();
    await expect.poll(() => panelRequests.length).toBe(1);
    await widget.open();
  });
});

test('when the chat panel cannot be downloaded, the launcher says so and retries when selected', async ({ page, widget }) => {
  await page.route('**/widget-panel-*.js', (route) => route.abort('failed'));
  await widget.goto();
  await widget.launcher().click();
  const failed = page.getByRole('button', { name: 'The chat could not be loaded. Open chat' });
  await expect(failed).toBeVisible();
  await expect(failed).toHaveAttribute('title', 'The chat could not be loaded.');
  await page.unroute('**/widget-panel-*.js');
  await failed.click();
  await expect(widget.composer).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close chat' })).toBeVisible();
});
