import { EMBEDDED, control, expect, expectSent, test, type TestAgent, type WidgetPage } from './fixtures.ts';

/** The conversation as the visitor sees it must equal the server's record: every message once, in order. */
async function expectSameAsServer(widget: WidgetPage, agent: TestAgent, room: Parameters<TestAgent['history']>[0], count: number) {
  let server: string[] = [];
  await expect
    .poll(async () => {
      server = (await agent.history(room, 200)).filter((m) => !m.t).map((m) => m.msg).reverse();
      return server.length;
    })
    .toBe(count);
  await expect
    .poll(async () => (await widget.messageTexts()).filter((t) => !/finished the chat/.test(t)).length)
    .toBe(count);
  // Each item reads "author, time, text": compare the text line exactly, as the page settles.
  await expect
    .poll(async () => (await widget.messageTexts()).filter((t) => !/finished the chat/.test(t)).map((t) => server.find((s) => t.split('\n').includes(s)) ?? t))
    .toEqual(server);
}

test.describe('live conversation', () => {
  test('agent typing shows and clears, and the visitor typing reaches the agent', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hi');
    const room = await agent.roomOf(await widget.token());
    await agent.connect();
    const typing: boolean[] = [];
    agent.watchRoom(room._id, { onTyping: (user, t) => user !== agent.username && typing.push(t) });

    await agent.typing(room._id, true);
    await expect(page.getByRole('status').filter({ hasText: `${agent.name} is typing…` })).toBeVisible();
    await agent.typing(room._id, false);
    await expect(page.getByText(`${agent.name} is typing…`)).toHaveCount(0);

    await widget.composer.pressSequentially('I am typ');
    await expect.poll(() => typing.at(-1)).toBe(true);
    await widget.composer.press('Enter');
    await expect.poll(() => typing.at(-1)).toBe(false);
  });

  test('replies appear without a reload, and the agent name shows in the header', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hello');
    const room = await agent.roomOf(await widget.token());
    await expect(page.getByText(`Chatting with ${agent.name}`)).toBeVisible();
    for (const text of ['One', 'Two', 'Three']) await agent.send(room._id, text);
    await expectSameAsServer(widget, agent, room, 4);
  });

  test('a dropped WebSocket loses nothing: both sides keep sending, every message shows once, in order', async ({ page, widget, agent }) => {
    test.skip(!EMBEDDED, 'killing the server-side sockets needs the embedded stand-in');
    await widget.goto();
    await widget.open();
    await widget.send('visitor 1');
    const room = await agent.roomOf(await widget.token());
    await agent.send(room._id, 'agent 1');
    await expect(widget.message('agent 1')).toBeVisible();

    await control('realtime/drop', { refuseMs: 4000 });
    await expect(page.getByRole('status').filter({ hasText: 'Connection lost' })).toBeVisible();
    // While the live feed is down, REST still works: both sides keep talking.
    await agent.send(room._id, 'agent 2 (while disconnected)');
    await widget.send('visitor 2 (while disconnected)');
    await agent.send(room._id, 'agent 3 (while disconnected)');
    await widget.send('visitor 3 (while disconnected)');

    await expect(page.getByText('Connection lost')).toHaveCount(0, { timeout: 20_000 });
    await agent.send(room._id, 'agent 4 (after reconnect)');
    await expectSameAsServer(widget, agent, room, 7);
  });

  test('a restarted server loses nothing: messages typed while it was down are sent once it is back', async ({ page, widget, agent }) => {
    test.skip(!EMBEDDED, 'restarting the server needs the embedded stand-in');
    await widget.goto();
    await widget.open();
    await widget.send('before the restart');
    const room = await agent.roomOf(await widget.token());
    await agent.send(room._id, 'agent before the restart');
    await expect(widget.message('agent before the restart')).toBeVisible();

    await control('restart', { downMs: 2500 });
    // Type once the server is really down, not after a guessed delay.
    await expect.poll(async () => fetch(`${agent.serverUrl}/api/info`).then((r) => r.ok).catch(() => false)).toBe(false);
    await widget.composer.fill('typed while the server is down');
    await widget.composer.press('Enter');
    await expect(widget.message('typed while the server is down')).toContainText(/Sending…|Not sent|Trying again/);

    await expect.poll(async () => (await fetch(`${agent.serverUrl}/api/info`).then((r) => r.ok).catch(() => false)), { timeout: 15_000 }).toBe(true);
    await agent.send(room._id, 'agent after the restart');
    await expectSameAsServer(widget, agent, room, 4);
    await expectSent(widget.message('typed while the server is down'));
  });

  test('when WebSockets are blocked, agent replies still arrive by polling, and the visitor is told', async ({ page, widget, agent }) => {
    await page.routeWebSocket(/\/websocket$/, (ws) => ws.close());
    await widget.goto();
    await widget.open();
    await widget.send('Is anyone there?');
    const room = await agent.roomOf(await widget.token());
    await expect(page.getByRole('status').filter({ hasText: 'Live updates are unavailable' })).toBeVisible({ timeout: 20_000 });
    await agent.send(room._id, 'Yes, I am here.');
    await expect(widget.message('Yes, I am here.')).toBeVisible({ timeout: 15_000 });
  });
});
