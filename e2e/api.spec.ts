import { RC_URL, WidgetPage, expect, test } from './fixtures.ts';

/** The visitor as the server knows it (the visitor-facing route needs only the token). */
async function visitorOf(token: string): Promise<{ name?: string; visitorEmails?: { address: string }[]; department?: string; livechatData?: Record<string, string> }> {
  const res = await fetch(`${RC_URL}/api/v1/livechat/visitor/${token}`);
  return ((await res.json()) as { visitor: never }).visitor;
}

async function departmentId(name: string): Promise<string> {
  const res = await fetch(`${RC_URL}/api/v1/livechat/config`);
  const { config } = (await res.json()) as { config: { departments: { _id: string; name: string }[] } };
  return config.departments.find((d) => d.name === name)!._id;
}

test.describe("the page's RocketChat.livechat API and callbacks", () => {
  test('initialize sets theme, language, department and guest before the first message', async ({ page, widget, agent }) => {
    await widget.goto({
      body: `<script>
        window.RocketChat = function (c) { window.RocketChat._.push(c); }; window.RocketChat._ = [];
        RocketChat(function () {
          this.initialize({ theme: { title: 'Help desk', color: '#7c3aed' }, language: 'en', department: 'Support',
            guestName: 'Grace Hopper', guestEmail: 'grace@example.com', customFields: [{ key: 'company', value: 'Navy', overwrite: true }] });
        });
      </script>`,
    });
    await widget.open();
    await expect(page.getByRole('heading', { name: 'Help desk' })).toBeVisible();
    await widget.send('Hello from initialize');
    const token = await widget.token();
    // Custom fields may follow the registration in a request of their own: wait for the server's record.
    const support = await departmentId('Support');
    await expect
      .poll(async () => {
        const v = await visitorOf(token);
        return { name: v.name, email: v.visitorEmails?.[0]?.address, department: v.department, company: v.livechatData?.company };
      })
      .toEqual({ name: 'Grace Hopper', email: 'grace@example.com', department: support, company: 'Navy' });
    const room = await agent.roomOf(token);
    expect(room.departmentId).toBe(await departmentId('Support'));
  });

  test('show, hide, maximize and minimize, with their callbacks; a hidden widget blocks no clicks', async ({ page, widget }) => {
    await widget.goto({ head: WidgetPage.recordCallbacks, body: '<button type="button" id="under" style="position:fixed;right:20px;bottom:20px;width:80px;height:80px">Under</button>' });
    await expect(widget.launcher()).toBeVisible();
    await widget.api('hideWidget');
    await expect(widget.launcher()).toBeHidden();
    // What is under the launcher's spot is the page's own button.
    await expect.poll(() => page.evaluate(() => document.elementFromPoint(window.innerWidth - 50, window.innerHeight - 50)?.id)).toBe('under');
    await widget.api('showWidget');
    await expect(widget.launcher()).toBeVisible();
    await widget.api('maximizeWidget');
    await expect(widget.composer).toBeVisible();
    await widget.api('minimizeWidget');
    await expect(widget.composer).toBeHidden();
    await expect.poll(() => widget.eventNames()).toEqual(['onWidgetHidden', 'onWidgetShown', 'onChatMaximized', 'onChatMinimized']);
  });

  test('chat started, agent assigned, agent status and chat ended reach the page', async ({ widget, agent }) => {
    await widget.goto({ head: WidgetPage.recordCallbacks });
    await widget.open();
    await widget.send('Hi');
    const room = await agent.roomOf(await widget.token());
    await expect.poll(() => widget.eventNames()).toEqual(['onChatMaximized', 'onChatStarted', 'onAssignAgent']);
    const assigned = (await widget.events()).find((e) => e.name === 'onAssignAgent')!.data as { username: string };
    expect(assigned.username).toBe(agent.username);
    await agent.request('POST', 'users.setStatus', { status: 'away', message: '' });
    await agent.request('POST', 'users.setStatus', { status: 'online', message: '' });
    await expect.poll(async () => (await widget.events()).filter((e) => e.name === 'onAgentStatusChange').map((e) => e.data)).toEqual(['away', 'online']);
    await agent.close(room._id, 'Done');
    await expect.poll(() => widget.eventNames()).toContain('onChatEnded');
  });

  test('setGuestName, setGuestEmail and setCustomField update the registered visitor', async ({ widget }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hi');
    const token = await widget.token();
    await widget.api('setGuestName', 'Ada Lovelace');
    await widget.api('setGuestEmail', 'ada@example.com');
    await widget.api('setCustomField', 'company', 'Analytical Engines');
    await expect.poll(async () => (await visitorOf(token)).name).toBe('Ada Lovelace');
    await expect.poll(async () => (await visitorOf(token)).visitorEmails?.[0]?.address).toBe('ada@example.com');
    await expect.poll(async () => (await visitorOf(token)).livechatData?.company).toBe('Analytical Engines');
  });

  test('an email address from the page that the server refuses does not stop the chat, and is not kept', async ({ page, widget }) => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await widget.goto();
    await widget.api('setGuestName', 'Bob');
    await widget.api('setGuestEmail', 'bob@example');
    await widget.open();
    await widget.send('Hi');
    await expect(widget.message('Hi')).not.toContainText(/Not sent|Sending/);
    const visitor = await visitorOf(await widget.token());
    expect(visitor.name).toBe('Bob');
    expect(visitor.visitorEmails ?? []).toEqual([]);
    expect(warnings.join('\n')).toContain('"bob@example"');
    // Nor does the next visit carry it.
    expect(await page.evaluate(() => Object.entries(localStorage).filter(([, v]) => v.includes('bob@example')))).toEqual([]);
  });

  test('registerGuest registers at once; getVisitorToken and getState tell the page who and where; logout forgets', async ({ widget }) => {
    await widget.goto();
    await expect(widget.launcher()).toBeVisible();
    await widget.api('registerGuest', { token: 'page-known-user-1', name: 'Linus', email: 'linus@example.com' });
    await expect.poll(async () => (await visitorOf('page-known-user-1'))?.name).toBe('Linus');
    await expect.poll(() => widget.api('getVisitorToken')).toBe('page-known-user-1');
    await widget.open();
    await widget.send('Registered by the page');
    await expect.poll(() => widget.api('getState')).toMatchObject({ token: 'page-known-user-1', open: true, status: 'chatting' });
    await widget.api('logout');
    await expect.poll(() => widget.api('getState')).toMatchObject({ token: undefined, roomId: undefined, status: 'idle' });
    await expect(widget.message('Registered by the page')).toHaveCount(0);
  });

  test('setGuestToken resumes that visitor’s open conversation', async ({ widget, agent }) => {
    // A conversation started elsewhere (another device) by a visitor the page knows by token.
    const token = `known-${Date.now()}`;
    await fetch(`${RC_URL}/api/v1/livechat/visitor`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ visitor: { token, name: 'Known' } }) });
    const { room } = (await (await fetch(`${RC_URL}/api/v1/livechat/room?token=${token}`)).json()) as { room: { _id: string } };
    await fetch(`${RC_URL}/api/v1/livechat/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, rid: room._id, msg: 'Started on my phone' }) });
    await agent.send(room._id, 'Welcome back');

    await widget.goto();
    await widget.open();
    await widget.api('setGuestToken', token);
    await expect(widget.message('Started on my phone')).toBeVisible();
    await expect(widget.message('Welcome back')).toBeVisible();
    await widget.send('Continuing on the laptop');
    await expect.poll(async () => (await agent.history({ _id: room._id, v: { token } } as never)).map((m) => m.msg)).toContain('Continuing on the laptop');
  });

  test('setDepartment before the chat routes it there; clearDepartment removes it', async ({ widget, agent }) => {
    await widget.goto();
    await widget.api('setDepartment', 'Sales');
    await widget.open();
    await widget.send('For sales');
    const room = await agent.roomOf(await widget.token());
    expect(room.departmentId).toBe(await departmentId('Sales'));

    const other = new WidgetPage(await widget.page.context().browser()!.newPage());
    await other.goto();
    await other.api('setDepartment', 'Sales');
    await other.api('clearDepartment');
    await other.open();
    await other.send('No department');
    const second = await agent.roomOf(await other.token());
    expect(second.departmentId).toBeUndefined();
    await other.page.close();
  });

  test('setTheme changes colour, title and side at run time', async ({ page, widget }) => {
    await widget.goto();
    await widget.api('setTheme', { color: '#b45309', title: 'Talk to us', position: 'left' });
    const host = page.locator('[data-rocketchat-widget]');
    await expect.poll(() => host.evaluate((el) => el.style.getPropertyValue('--rcw-color'))).toBe('#b45309');
    await expect.poll(async () => (await widget.launcher().boundingBox())?.x).toBeLessThan(100);
    await widget.open();
    await expect(page.getByRole('heading', { name: 'Talk to us' })).toBeVisible();
  });

  test('setLanguage switches every label, and Arabic turns the panel right-to-left', async ({ page, widget }) => {
    await widget.goto();
    await widget.open();
    await widget.api('setLanguage', 'pt-BR');
    await expect(page.getByRole('textbox', { name: 'Mensagem' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Fechar chat/ })).toBeVisible();
    await widget.api('setLanguage', 'ar');
    // The direction changes on the next render: wait for it, do not read it once.
    await expect(page.locator('[data-rocketchat-widget] .shell')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('textbox', { name: 'الرسالة' })).toBeVisible();
    await widget.api('setLanguage', 'en');
    await expect(widget.composer).toBeVisible();
  });

  test('pageVisited tells the server where the visitor is', async ({ page, widget }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hi');
    const visit = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/livechat/page.visited') && r.request().method() === 'POST');
    await widget.api('pageVisited');
    // Rocket.Chat answers with what it recorded: "<title> - <href>".
    const body = (await (await visit).json()) as { page?: { msg: string; navigation: { page: { change: string } } } };
    expect(body.page?.msg).toBe(`Customer site - ${page.url()}`);
    expect(body.page?.navigation.page.change).toBe('url');
  });
});
