import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { EMBEDDED, RC_URL, WidgetPage, expect, test, withSetting } from './fixtures.ts';

/**
 * A well-formed customer page, so what axe reports is the widget's, with the landmarks most sites have
 * (the fixture's main, and a header and a footer): the widget must add none that duplicates them.
 */
const goodHost = {
  head: '<meta name="viewport" content="width=device-width, initial-scale=1">',
  body: '<header><p>Example shop</p></header><footer><p>Contact</p></footer>',
};

/** In the dark scheme, wait until the dark palette (a chunk of its own) is on, so axe checks it. */
async function expectDark(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  if (scheme !== 'dark') return;
  const panelBackground = () =>
    page.locator('[data-rocketchat-widget]').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.panel')!).backgroundColor);
  await expect.poll(panelBackground).toBe('rgb(31, 41, 55)');
}

async function expectNoViolations(page: Page, screen: string, info: TestInfo): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await info.attach(`axe-${screen}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  expect(summary, `axe violations on "${screen}"`).toEqual([]);
}

test.describe('accessibility', () => {
  // Every screen in both colour schemes: the dark palette must keep every contrast too.
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(scheme, () => {
      test.use({ colorScheme: scheme });
      test(`no axe violations on any screen of a chat (${scheme}): launcher, welcome, chat, options, finish, end, transcript`, async ({ page, widget, agent }, info) => {
        // A dozen axe passes: a minute was not enough on a loaded 2-core machine (seen twice in one run).
        test.setTimeout(180_000);
        await widget.goto(goodHost);
        await expect(widget.launcher()).toBeVisible();
        await expectNoViolations(page, `${scheme}: launcher`, info);
        await widget.open();
        await expectDark(page, scheme);
        await expect(page.getByRole('heading', { name: 'Hi! How can we help?' })).toBeVisible();
        await expectNoViolations(page, `${scheme}: empty chat, welcome`, info);
        await widget.composer.fill('Hello, is *anyone* there? https://example.com');
        await widget.composer.press('Enter');
        await expect(widget.message('Hello, is anyone there?')).not.toContainText('Sending…');
        const room = await agent.roomOf(await widget.token());
        await agent.send(room._id, 'Yes! Here is `some code` and a link: https://rocket.chat');
        await agent.connect();
        await agent.typing(room._id, true);
        await expect(page.getByText(/is typing/)).toBeVisible();
        await expectNoViolations(page, `${scheme}: conversation with typing`, info);
        await agent.typing(room._id, false);
        await page.getByRole('button', { name: 'Chat options' }).click();
        await expectNoViolations(page, `${scheme}: options menu`, info);
        await page.getByRole('button', { name: 'Email me the transcript' }).click();
        await expect(page.getByRole('textbox', { name: 'Email address' })).toBeVisible();
        await expectNoViolations(page, `${scheme}: transcript while chatting`, info);
        await page.getByRole('button', { name: 'Keep chatting' }).click();
        await page.getByRole('button', { name: 'Chat options' }).click();
        await page.getByRole('button', { name: 'Finish chat' }).click();
        await expect(page.getByRole('alertdialog')).toBeVisible();
        await expectNoViolations(page, `${scheme}: finish confirmation`, info);
        await page.getByRole('button', { name: 'Yes, finish chat' }).click();
        await expect(page.getByRole('heading', { name: 'Chat finished' })).toBeVisible();
        await expectNoViolations(page, `${scheme}: chat ended`, info);
        await page.getByRole('button', { name: 'Send transcript' }).click();
        await expectNoViolations(page, `${scheme}: transcript with an error`, info);
        await page.getByRole('textbox', { name: 'Email address' }).fill('a11y@example.com');
        await page.getByRole('button', { name: 'Send transcript' }).click();
        await expect(page.getByText(/Transcript sent to/)).toBeVisible();
        await expectNoViolations(page, `${scheme}: transcript sent`, info);
      });

      test(`no axe violations on the forms and notices (${scheme}): registration, offline, errors, Arabic`, async ({ page, widget, agent }, info) => {
        // A dozen axe passes: a minute was not enough on a loaded 2-core machine (seen twice in one run).
        test.setTimeout(180_000);
        await withSetting(agent, 'Livechat_registration_form', true, async () => {
          await widget.goto(goodHost);
          await widget.openPanel();
          await page.getByRole('button', { name: 'Start chat' }).click();
          await expect(page.getByText('Fill in this field.').first()).toBeVisible();
          await expectNoViolations(page, `${scheme}: registration form with errors`, info);
        });
        // A new visitor each time (a fresh browser context: its own storage).
        const browser = page.context().browser()!;
        await agent.goAvailable(false);
        try {
          const offline = new WidgetPage(await (await browser.newContext({ colorScheme: scheme })).newPage());
          await offline.goto(goodHost);
          await offline.openPanel();
          await offline.page.getByRole('button', { name: 'Send message' }).click();
          await expectNoViolations(offline.page, `${scheme}: offline form with errors`, info);
          await offline.page.context().close();
        } finally {
          await agent.goAvailable(true);
        }
        const failing = new WidgetPage(await (await browser.newContext({ colorScheme: scheme })).newPage());
        await failing.page.route('**/api/v1/livechat/message', (r) => r.fulfill({ status: 400, contentType: 'application/json', body: '{"success":false,"error":"message-length-exceeds-character-limit"}' }));
        await failing.goto({ ...goodHost, attrs: { 'data-language': 'ar' } });
        await failing.page.getByRole('button', { name: 'فتح الدردشة' }).click();
        const composer = failing.page.getByRole('textbox', { name: 'الرسالة' });
        await composer.fill('مرحبا');
        await composer.press('Enter');
        await expect(failing.page.getByRole('button', { name: 'إعادة الإرسال' })).toBeVisible();
        await expectNoViolations(failing.page, `${scheme}: failed message, Arabic, right to left`, info);
        await failing.page.context().close();
      });


      test(`the options menu (${scheme}): a visible focus ring on every item (WCAG 2.4.7), Escape back to "Chat options"`, async ({ page, widget }) => {
        await widget.goto(goodHost);
        await widget.open();
        await widget.send('Hello');
        await expectDark(page, scheme);
        const options = page.getByRole('button', { name: 'Chat options' });
        await options.focus();
        await page.keyboard.press('Enter');
        // Every item of the menu in order (which ones depends on what the server offers), the usual ones among them.
        await expect(page.getByRole('button', { name: 'Finish chat' })).toBeVisible();
        const menu = page.getByRole('list').filter({ has: page.getByRole('button', { name: 'Finish chat' }) });
        const names = (await menu.getByRole('button').allInnerTexts()).map((n) => n.trim());
        expect(names).toEqual(expect.arrayContaining(['Email me the transcript', 'Download transcript (text)', 'Download transcript (web page)', 'Sound for new messages', 'Finish chat']));
        for (const name of names) {
          await page.keyboard.press('Tab');
          const item = menu.getByRole('button', { name, exact: true });
          await expect(item).toBeFocused();
          // The ring: drawn, at least 2 px, and at least 3:1 against the menu behind it.
          const ring = await item.evaluate((el) => {
            const lum = (c: string) => {
              const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const style = getComputedStyle(el);
            const menu = getComputedStyle(el.closest('ul')!).backgroundColor;
            const [a, b] = [lum(style.outlineColor), lum(menu)].sort((x, y) => y - x) as [number, number];
            return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), contrast: (a + 0.05) / (b + 0.05) };
          });
          expect(ring.style, name).not.toBe('none');
          expect(ring.width, name).toBeGreaterThanOrEqual(2);
          expect(ring.contrast, name).toBeGreaterThanOrEqual(3);
        }
        await page.keyboard.press('Escape');
        await expect(options).toBeFocused();
        await expect(options).toHaveAttribute('aria-expanded', 'false');
        // The panel stays open: Escape in the menu closes only the menu.
        await expect(widget.composer).toBeVisible();
      });

      test(`text on the site's colour keeps its contrast (${scheme}), whatever the colour`, async ({ page, widget, agent }, info) => {
        for (const color of ['#767676', '#e11d48', '#22c55e', '#fde047', '#0e7490']) {
          await widget.goto({ ...goodHost, attrs: { 'data-color': color } });
          await widget.open();
          await widget.send(`On ${color}`);
          await agent.roomOf(await widget.token());
          await expectDark(page, scheme);
          await expectNoViolations(page, `${scheme}: header and own messages on ${color}`, info);
          await page.context().clearCookies();
          await page.evaluate(() => localStorage.clear());
        }
      });
    });
  }

  test('keyboard only: open, chat, use the options, finish, and close, with focus where it should be', async ({ page, widget, agent }) => {
    await widget.goto(goodHost);
    await expect(widget.launcher()).toBeVisible();
    // Tab from the top of the page reaches the page's button, then the launcher.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(widget.launcher()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(widget.composer).toBeFocused();
    await page.keyboard.type('Typed with the keyboard');
    await page.keyboard.press('Enter');
    await expect(widget.message('Typed with the keyboard')).not.toContainText('Sending…');
    await agent.roomOf(await widget.token());
    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    await expect(widget.composer).toBeHidden();
    await expect(widget.launcher()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(widget.composer).toBeFocused();
    // Shift+Tab back (past the attach button, where the server takes files) to the header's options;
    // Enter opens them; Tab reaches Finish chat.
    const options = page.getByRole('button', { name: 'Chat options' });
    for (let i = 0; i < 4 && !(await options.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)); i++) await page.keyboard.press('Shift+Tab');
    await expect(options).toBeFocused();
    await page.keyboard.press('Enter');
    const finish = page.getByRole('button', { name: 'Finish chat' });
    for (let i = 0; i < 10 && !(await finish.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)); i++) await page.keyboard.press('Tab');
    await expect(finish).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Keep chatting' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Yes, finish chat' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Chat finished' })).toBeFocused();
    // The survey first (where the server asks for one), one stop per question: arrows choose within it.
    const overall = page.getByRole('group', { name: 'Overall satisfaction' });
    const surveyOn = await serverAsksForSurvey();
    if (surveyOn) await expect(overall).toBeVisible();
    await page.keyboard.press('Tab');
    if (surveyOn) {
      await expect(overall.getByRole('radio', { name: '1 of 5, Poor' })).toBeFocused();
      await page.keyboard.press('ArrowRight');
      await expect(overall.getByRole('radio', { name: '2 of 5' })).toBeChecked();
      const skip = page.getByRole('button', { name: 'Skip' });
      for (let i = 0; i < 8 && !(await skip.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)); i++) await page.keyboard.press('Tab');
      await expect(skip).toBeFocused();
      await page.keyboard.press('Enter');
    }
    await expect(page.getByRole('textbox', { name: 'Email address' })).toBeFocused();
  });

  test('leaving "Finish this chat?" or "Email me the transcript" puts focus back in the composer; Escape leaves only the sheet', async ({ page, widget, agent }) => {
    await widget.goto(goodHost);
    await widget.open();
    await widget.composer.fill('Hello');
    await widget.composer.press('Enter');
    await expect(widget.message('Hello')).not.toContainText('Sending…');
    await agent.roomOf(await widget.token());
    const options = page.getByRole('button', { name: 'Chat options' });
    const confirm = page.getByRole('alertdialog', { name: 'Finish this chat?' });
    // Escape, then "Keep chatting".
    for (const leave of [() => page.keyboard.press('Escape'), () => page.getByRole('button', { name: 'Keep chatting' }).click()]) {
      await options.click();
      await page.getByRole('button', { name: 'Finish chat' }).click();
      await expect(confirm).toBeVisible();
      await leave();
      await expect(confirm).toBeHidden();
      await expect(widget.composer).toBeFocused();
    }
    const address = page.getByRole('textbox', { name: 'Email address' });
    for (const leave of [() => page.keyboard.press('Escape'), () => page.getByRole('button', { name: 'Keep chatting' }).click()]) {
      await options.click();
      await page.getByRole('button', { name: 'Email me the transcript' }).click();
      await address.fill('visitor@example');
      await leave();
      await expect(address).toBeHidden();
      // The panel is still open, with the conversation.
      await expect(widget.message('Hello')).toBeVisible();
      await expect(widget.composer).toBeFocused();
    }
  });

  test('no axe violations on the extras: queue, files, change department, forget my data, survey, proactive message', async ({ page, widget, agent }, info) => {
    test.slow();
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const name = `a11y-${Math.random().toString(36).slice(2)}`;
    await agent.saveTrigger({ name, description: '', enabled: true, runOnce: false, conditions: [{ name: 'time-on-site', value: '0' }], actions: [{ name: 'send-message', params: { sender: 'custom', msg: 'Can we help?', name: 'Acme' } }] });
    try {
      await withSetting(agent, 'Livechat_Routing_Method', 'Manual_Selection', async () => {
        await widget.goto(goodHost);
        await expect(page.getByRole('region', { name: 'Message from Acme' })).toBeVisible();
        await expectNoViolations(page, 'proactive message teaser', info);
        await page.getByRole('button', { name: 'Reply' }).click();
        await widget.send('I have a question');
        const token = await widget.token();
        // Queue places come from Rocket.Chat Enterprise (as the stand-in is).
        if (EMBEDDED || process.env.RC_ENTERPRISE) {
          await expect(page.getByText(/in the queue/)).toBeVisible();
          await expectNoViolations(page, 'queue place', info);
        }
        const room = (await agent.rooms(true)).find((r) => r.v.token === token)!;
        await agent.take(room._id);
      });
      const attach = async (files: { name: string; mimeType: string; buffer: Buffer }[]) => {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Attach a file' }).click()]);
        await chooser.setFiles(files);
      };
      await attach([{ name: 'dot.png', mimeType: 'image/png', buffer: PNG }]);
      await attach([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') }]);
      await expect(widget.log.getByRole('link', { name: /^Download notes\.txt/ })).toBeVisible();
      await attach([{ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }]);
      await page.route('**/api/v1/livechat/upload/**', (r) => r.abort('connectionreset'));
      await attach([{ name: 'scan.png', mimeType: 'image/png', buffer: PNG }]);
      await expect(page.getByRole('button', { name: 'Retry: scan.png' })).toBeVisible();
      await expect(widget.log.getByRole('img', { name: 'dot.png' })).toBeVisible();
      await expectNoViolations(page, 'files: inline picture, link, refused and failed uploads', info);
      // Removed while uploads still fail: the widget retries on its own (2 s), and an axe pass can take as long.
      await page.getByRole('button', { name: 'Remove: scan.png' }).click();
      await page.unroute('**/api/v1/livechat/upload/**');
      await page.getByRole('button', { name: 'Remove: logo.svg' }).click();
      const options = page.getByRole('button', { name: 'Chat options' });
      await options.click();
      // Offered where the server has departments to switch to (the stand-in's test profile has two).
      if (EMBEDDED || (await page.getByRole('button', { name: 'Change department' }).count())) {
        await page.getByRole('button', { name: 'Change department' }).click();
        await expectNoViolations(page, 'change department', info);
        await page.getByRole('button', { name: 'Cancel' }).click();
        await options.click();
      }
      await page.getByRole('button', { name: 'Forget my data' }).click();
      await expectNoViolations(page, 'forget my data', info);
      await page.getByRole('button', { name: 'Keep my data' }).click();
      await widget.finish();
      await expect(page.getByRole('form', { name: 'How did we do?' })).toBeVisible();
      await expectNoViolations(page, 'survey', info);
      await page.getByRole('radio', { name: '5 of 5, Excellent' }).first().check();
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await expect(page.getByText('Thank you for your feedback!')).toBeVisible();
      await options.click();
      await page.getByRole('button', { name: 'Forget my data' }).click();
      await page.getByRole('button', { name: 'Yes, forget my data' }).click();
      await expect(page.getByText('Your data was erased.')).toBeVisible();
      await expectNoViolations(page, 'data forgotten', info);
    } finally {
      const id = (await agent.triggers()).find((x) => x.name === name)?._id;
      if (id) await agent.removeTrigger(id);
    }
  });

  test('on a phone the panel fills the screen and the composer stays above the on-screen keyboard', async ({ browser }, info) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const widget = new WidgetPage(page);
    await widget.goto(goodHost);
    await info.attach('phone-launcher', { body: await page.screenshot(), contentType: 'image/png' });
    await widget.open();
    await widget.send('Hello from a phone');
    const panel = page.getByRole('dialog', { name: /Acme Outdoor Gear|Chat/ });
    const box = (await panel.boundingBox())!;
    expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, 390, 844]);
    await info.attach('phone-chat', { body: await page.screenshot(), contentType: 'image/png' });
    // The keyboard takes the lower part of the screen: the visual viewport shrinks, and so does the panel.
    await page.setViewportSize({ width: 390, height: 480 });
    await expect.poll(async () => (await panel.boundingBox())!.height).toBe(480);
    const composer = (await widget.composer.boundingBox())!;
    expect(composer.y + composer.height).toBeLessThanOrEqual(480);
    await info.attach('phone-keyboard', { body: await page.screenshot(), contentType: 'image/png' });
    await expectNoViolations(page, 'phone', info);
    await context.close();
  });
});

/** What the chat server's own config says: a survey after each chat (Rocket.Chat's `livechat/config`). */
async function serverAsksForSurvey(): Promise<boolean> {
  const res = await fetch(`${RC_URL}/api/v1/livechat/config`);
  const body = (await res.json()) as { config?: { enabled?: boolean; survey?: { items?: unknown[]; values?: unknown[] } } };
  return body.config?.enabled === true && !!body.config.survey?.items?.length && !!body.config.survey.values?.length;
}
