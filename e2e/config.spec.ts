import { EMBEDDED, RC_URL, WidgetPage, expect, test, withSetting } from './fixtures.ts';

test.describe('behaviour the server configures', () => {
  test('nobody online: the visitor leaves a message, the server gets it, and the page hears of it', async ({ page, widget, agent }) => {
    await agent.goAvailable(false);
    try {
      await widget.goto({ head: WidgetPage.recordCallbacks });
      await widget.openPanel();
      await expect(page.getByText('We are offline right now.', { exact: false })).toBeVisible();
      await page.getByRole('textbox', { name: 'Your name' }).fill('Olga');
      await page.getByRole('textbox', { name: 'Email address' }).fill('olga@example.com');
      await page.getByRole('combobox', { name: /Department/ }).selectOption({ label: 'Support' });
      await page.getByRole('textbox', { name: 'Message' }).fill('Please call me tomorrow.');
      await page.getByRole('button', { name: 'Send message' }).click();
      await expect(page.getByText('Thank you! We received your message')).toBeVisible();
      // The panel loads the server's status when it opens; then it says the service is offline.
      await expect.poll(() => widget.eventNames()).toEqual(['onChatMaximized', 'onServiceOffline', 'onOfflineFormSubmit']);
      expect((await widget.events()).at(-1)!.data).toMatchObject({ name: 'Olga', email: 'olga@example.com', message: 'Please call me tomorrow.' });
      if (EMBEDDED) {
        const res = await fetch(`${RC_URL}/_standin/offline-messages`);
        const { offlineMessages } = (await res.json()) as { offlineMessages: { email: string; message: string }[] };
        expect(offlineMessages.at(-1)).toMatchObject({ email: 'olga@example.com', message: 'Please call me tomorrow.' });
      }
    } finally {
      await agent.goAvailable(true);
    }
  });

  test('the registration form asks who the visitor is and which department, then the chat goes there', async ({ page, widget, agent }) => {
    await withSetting(agent, 'Livechat_registration_form', true, async () => {
      await widget.goto({ head: WidgetPage.recordCallbacks });
      await widget.openPanel();
      await expect(widget.composer).toHaveCount(0);
      await page.getByRole('button', { name: 'Start chat' }).click();
      await expect(page.getByRole('textbox', { name: 'Your name' })).toBeFocused();
      await page.getByRole('textbox', { name: 'Your name' }).fill('Rosa');
      await page.getByRole('textbox', { name: 'Email address' }).fill('rosa@example.com');
      await page.getByRole('combobox', { name: 'Department' }).selectOption({ label: 'Sales' });
      await page.getByRole('combobox', { name: /Plan/ }).selectOption('Pro');
      await page.getByRole('button', { name: 'Start chat' }).click();
      await expect(widget.composer).toBeFocused();
      await widget.send('I want the Pro plan');
      const room = await agent.roomOf(await widget.token());
      const config = (await (await fetch(`${RC_URL}/api/v1/livechat/config`)).json()) as { config: { departments: { _id: string; name: string }[] } };
      expect(room.departmentId).toBe(config.config.departments.find((d) => d.name === 'Sales')!._id);
      expect(room.fname).toBe('Rosa');
      await expect
        .poll(async () => (await widget.events()).find((e) => e.name === 'onPrechatFormSubmit')?.data)
        .toMatchObject({ name: 'Rosa', email: 'rosa@example.com', customFields: [{ key: 'plan', value: 'Pro', overwrite: true }] });
    });
  });

  test("hidden agent identity: the visitor sees 'Agent', never the name", async ({ page, widget, agent }) => {
    await withSetting(agent, 'Livechat_show_agent_info', false, async () => {
      await widget.goto();
      await widget.open();
      await widget.send('Who am I talking to?');
      const room = await agent.roomOf(await widget.token());
      await agent.send(room._id, 'A human, promise.');
      await expect(widget.message('A human, promise.')).toContainText('Agent');
      await expect(page.getByText(agent.name)).toHaveCount(0);
      // No picture either: nothing is fetched that would tell who it is.
      await expect(page.locator('[data-rocketchat-widget] img')).toHaveCount(0);
    });
  });

  test("agents' pictures come from the chat server, beside their messages and in the header", async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hello?');
    const room = await agent.roomOf(await widget.token());
    await agent.send(room._id, 'Hi, I am here.');
    const picture = widget.message('Hi, I am here.').locator('.avatar img');
    await expect(picture).toHaveAttribute('src', `${RC_URL}/avatar/${agent.username}`);
    // Loaded (the image has a size), decorative (the name is written beside it).
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(picture).toHaveAttribute('alt', '');
    await expect(page.locator('[data-rocketchat-widget] .header .avatar img')).toHaveAttribute('src', `${RC_URL}/avatar/${agent.username}`);
  });

  test('a message over the character limit is refused before sending, and the text is kept', async ({ page, widget, agent }) => {
    await withSetting(agent, 'Livechat_enable_message_character_limit', true, () =>
      withSetting(agent, 'Livechat_message_character_limit', 20, async () => {
        await widget.goto();
        await widget.open();
        await widget.composer.fill('This message is far too long for the limit');
        await expect(page.getByRole('alert')).toContainText('the limit is 20');
        await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
        await widget.composer.press('Enter');
        await expect(widget.composer).toHaveValue('This message is far too long for the limit');
      }),
    );
  });

  test('the server theme names, colours and places the widget', async ({ page, widget, agent }) => {
    await withSetting(agent, 'Livechat_title', 'Ask us anything', () =>
      withSetting(agent, 'Livechat_title_color', '#0f766e', () =>
        withSetting(agent, 'Livechat_widget_position', 'left', async () => {
          await widget.goto();
          // The launcher moves to the left once the panel (fetched on intent: a hover) has the server's theme:
          // press it there, not where it was (under load a click at its first place missed it).
          await widget.launcher().hover();
          await expect.poll(async () => (await widget.launcher().boundingBox())?.x).toBeLessThan(100);
          const host = page.locator('[data-rocketchat-widget]');
          await expect.poll(() => host.evaluate((el) => el.style.getPropertyValue('--rcw-color'))).toBe('#0f766e');
          await widget.open();
          await expect(page.getByRole('heading', { name: 'Ask us anything' })).toBeVisible();
        }),
      ),
    );
  });

  test('when the site asks, nothing of a finished chat stays on the device', async ({ page, widget, agent }) => {
    await withSetting(agent, 'Livechat_clear_local_storage_when_chat_ended', true, async () => {
      await widget.goto();
      await widget.open();
      await widget.send('Private question');
      const token = await widget.token();
      await widget.finish();
      // The panel's own state and whether the site has proactive messages are nobody's data.
      await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rcw:') && !/:(open|sound|triggers)$/.test(k)))).toEqual([]);
      await page.reload();
      await page.getByRole('button', { name: /^Open chat/ }).or(page.getByRole('button', { name: /^Close chat/ })).first().waitFor();
      await expect(widget.message('Private question')).toHaveCount(0);
      await expect.poll(() => widget.api('getVisitorToken')).not.toBe(token);
    });
  });

  test("the widget speaks the page's language, else the server's", async ({ page, widget, agent }) => {
    await widget.goto({ lang: 'es-MX' });
    await expect(page.getByRole('button', { name: 'Abrir chat' })).toBeVisible();
    await withSetting(agent, 'Language', 'de', async () => {
      const other = new WidgetPage(await (await page.context().browser()!.newContext()).newPage());
      await other.goto({ lang: '' });
      await other.page.getByRole('button', { name: /Open chat|Chat öffnen/ }).click();
      await expect(other.page.getByRole('textbox', { name: 'Nachricht' })).toBeVisible();
      await other.page.context().close();
    });
  });
});

test.describe('settings a site owner mistyped', () => {
  test('one console warning names each ignored attribute and what is accepted; the widget starts with the rest', async ({ page, widget }) => {
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' && m.text().startsWith('[chat widget]')) warnings.push(m.text());
    });
    await widget.goto({ attrs: { 'data-position': 'top', 'data-colour': '#0a0', 'data-title': 'Help desk' } });
    await expect.poll(() => warnings).toHaveLength(1);
    expect(warnings[0]).toContain('data-position="top" (accepted: left, right)');
    expect(warnings[0]).toContain('data-colour (unknown)');
    expect(warnings[0]).toContain('data-color (a CSS colour');
    // The rest applies: the title the tag gave, and a chat that works.
    await widget.open();
    await expect(page.getByRole('dialog', { name: 'Help desk' })).toBeVisible();
    await widget.send('Still works');
    expect(warnings).toHaveLength(1);
  });
});
