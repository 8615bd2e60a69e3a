import { WidgetPage, expect, test } from './fixtures.ts';

/** Headless Chromium keeps every tab visible: tell the page it went to the background (or came back). */
async function setVisibility(page: import('@playwright/test').Page, state: 'hidden' | 'visible') {
  await page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
    Object.defineProperty(document, 'hidden', { value: s === 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

test.describe('visitor comforts', () => {
  test('the launcher counts unread agent messages while minimised, and still after a reload', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Please ping me when you know');
    const room = await agent.roomOf(await widget.token());
    await page.getByRole('button', { name: 'Minimize chat' }).click();
    await agent.send(room._id, 'First update');
    await agent.send(room._id, 'Second update');
    await expect(page.getByRole('button', { name: 'Open chat, unread messages: 2' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Open chat, unread messages: 2' })).toBeVisible();
    await page.getByRole('button', { name: /^Open chat/ }).click();
    await expect(widget.message('Second update')).toBeVisible();
    await page.getByRole('button', { name: 'Minimize chat' }).click();
    await expect(page.getByRole('button', { name: 'Open chat', exact: true })).toBeVisible();
  });

  test('two tabs of the same site show one conversation: messages, the end, and the next chat', async ({ page, widget, agent }) => {
    await widget.goto({ path: '/shop/tabs.html' });
    await widget.open();
    await widget.send('From tab one');
    const room = await agent.roomOf(await widget.token());

    const second = await page.context().newPage();
    await second.goto(page.url());
    const other = new WidgetPage(second);
    // The panel was open in the first tab, so it opens here too.
    await expect(other.composer).toBeVisible();
    await expect(other.message('From tab one')).toBeVisible();

    await agent.send(room._id, 'Hello both tabs');
    await expect(widget.message('Hello both tabs')).toBeVisible();
    await expect(other.message('Hello both tabs')).toBeVisible();
    await other.send('From tab two');
    await expect(widget.message('From tab two')).toBeVisible();

    await widget.finish();
    await expect(second.getByRole('heading', { name: 'Chat finished' })).toBeVisible();

    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await widget.send('A new question');
    await expect(other.message('A new question')).toBeVisible();
    await expect(other.message('From tab one')).toHaveCount(0);
  });

  test('the sound for new messages can be switched off, and stays off', async ({ page, widget }) => {
    await widget.goto();
    await widget.open();
    await page.getByRole('button', { name: 'Chat options' }).click();
    const sound = page.getByRole('button', { name: 'Sound for new messages' });
    await expect(sound).toHaveAttribute('aria-pressed', 'true');
    await sound.click();
    await page.reload();
    await page.getByRole('button', { name: 'Chat options' }).click();
    await expect(page.getByRole('button', { name: 'Sound for new messages' })).toHaveAttribute('aria-pressed', 'false');
  });

  test('the page title says a new message arrived while the tab is in the background', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hi');
    const room = await agent.roomOf(await widget.token());
    const title = await page.title();
    await setVisibility(page, 'hidden');
    await agent.send(room._id, 'Are you still there?');
    await expect.poll(() => page.title()).toBe(`(1) New message · ${title}`);
    await setVisibility(page, 'visible');
    await expect.poll(() => page.title()).toBe(title);
  });

  test('agent messages render Rocket.Chat markdown, links open safely, and raw HTML stays text', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Formatting?');
    const room = await agent.roomOf(await widget.token());
    await agent.send(room._id, 'This is *bold*, _italic_, ~gone~ and `code`. See https://example.com/help. <b>not bold</b>');
    const item = widget.message(/This is/);
    await expect(item.locator('strong')).toHaveText('bold');
    await expect(item.locator('em')).toHaveText('italic');
    await expect(item.locator('s')).toHaveText('gone');
    await expect(item.locator('code')).toHaveText('code');
    const link = item.getByRole('link', { name: 'https://example.com/help' });
    await expect(link).toHaveAttribute('href', 'https://example.com/help');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(item).toContainText('<b>not bold</b>');
  });

  test('scrolling up loads earlier messages from the server, back to the start', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Start');
    const room = await agent.roomOf(await widget.token());
    for (let i = 1; i <= 180; i++) await agent.send(room._id, `history ${i}`);
    await expect(widget.message('history 180')).toBeVisible();
    await page.reload();
    await expect(widget.message('history 180')).toBeVisible();
    // After a reload the widget holds the newest page; the oldest messages are on the server only.
    await expect(widget.message('Start')).toHaveCount(0);
    // Scroll to the top again and again, noting every message that passes through the page.
    const seen = new Set<string>();
    const scroller = page.locator('[data-rocketchat-widget]');
    const top = async () => (await widget.messageTexts()).find((t) => /history \d+|Start/.test(t));
    for (let i = 0; i < 40 && (await widget.message('Start').count()) === 0; i++) {
      for (const text of await widget.messageTexts()) seen.add(text.trim().split('\n').pop()!);
      const before = await top();
      await scroller.evaluate((el) => {
        const s = el.shadowRoot!.querySelector('.log-scroller')!;
        s.scrollTop = 0;
        s.dispatchEvent(new Event('scroll'));
      });
      // Each scroll to the top brings an earlier page: wait for it to arrive instead of for a while.
      await expect.poll(top).not.toBe(before);
    }
    for (const text of await widget.messageTexts()) seen.add(text.trim().split('\n').pop()!);
    // The message whose text is exactly "Start" (its item also says who wrote it and that it was sent).
    await expect(widget.log.getByRole('listitem').filter({ has: page.locator('.msg__body', { hasText: /^Start$/ }) })).toHaveCount(1);
    await expect(widget.message(/history 1$/)).toHaveCount(1);
    // Every one of them was shown on the way, though the page holds only a window of them at a time.
    expect([...seen].filter((t) => /^history \d+$/.test(t)).sort()).toEqual(Array.from({ length: 180 }, (_, i) => `history ${i + 1}`).sort());
    expect((await widget.messageTexts()).length).toBeLessThanOrEqual(120);
  });
});
