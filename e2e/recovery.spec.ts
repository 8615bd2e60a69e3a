import { EMBEDDED, RC_URL, control, expect, test, withSetting, type TestAgent, type WidgetPage } from './fixtures.ts';

/**
 * When the server no longer knows the visitor, the widget starts afresh by itself: it says what
 * happened, opens a new session, and sends what the visitor had not sent yet — the draft stays in
 * the composer. One test per cause: a server restarted without its data, the visitor removed, and
 * another client taking the visitor's token over.
 */

const MESSAGE_ROUTE = '**/api/v1/livechat/message';
const NOTICE = 'The chat server no longer recognised this chat';

async function chatting(widget: WidgetPage, agent: TestAgent) {
  await widget.goto();
  await widget.open();
  await widget.send('before it forgot me');
  const token = await widget.token();
  await agent.roomOf(token);
  return token;
}

/** What the server holds from this visitor, oldest first. */
async function storedBy(agent: TestAgent, token: string): Promise<string[]> {
  const room = await agent.roomOf(token);
  return (await agent.history(room, 100)).filter((m) => !m.t && m.token).map((m) => m.msg).reverse();
}

/** After the server forgot the visitor: one message already waiting, one typed now, and a draft. */
async function carriesOver(widget: WidgetPage, agent: TestAgent, oldToken: string) {
  const { page } = widget;
  await widget.composer.fill('typed after it forgot me');
  await widget.composer.press('Enter');
  await widget.composer.fill('a draft, not sent');
  await expect(page.getByRole('alert').filter({ hasText: NOTICE })).toBeVisible({ timeout: 20_000 });
  await expect(widget.message('typed after it forgot me')).not.toContainText(/Sending|Not sent|Waiting/, { timeout: 20_000 });
  await expect(widget.message('waiting while it forgot me')).not.toContainText(/Sending|Not sent|Waiting/);
  // A new visitor, whose new conversation holds exactly what had not been sent, in order.
  const token = await widget.token();
  expect(token).not.toBe(oldToken);
  await expect.poll(() => storedBy(agent, token)).toEqual(['waiting while it forgot me', 'typed after it forgot me']);
  await expect(widget.composer).toHaveValue('a draft, not sent');
  // Nothing on screen is a dead end: the composer works and nothing reads like a raw code.
  await expect(widget.composer).toBeEnabled();
  await expect(page.getByText(/invalid-token|HTTP \d{3}|Start a new chat to continue/)).toHaveCount(0);
}

/** Queue a message the network does not carry, so it is unsent when the server forgets the visitor. */
async function queueOne(widget: WidgetPage) {
  await widget.page.route(MESSAGE_ROUTE, (route) => route.abort('connectionrefused'));
  await widget.composer.fill('waiting while it forgot me');
  await widget.composer.press('Enter');
  await expect(widget.message('waiting while it forgot me')).toContainText(/Not sent|Trying again|Waiting/);
}

test.describe('the server no longer knows the visitor', () => {
  test('the server was restarted without its data: a new session, nothing typed lost', async ({ widget, agent }) => {
    test.skip(!EMBEDDED, 'restarting the server without its data needs the embedded stand-in');
    const oldToken = await chatting(widget, agent);
    await queueOne(widget);
    await control('restart', { downMs: 1_500, wipe: true });
    // Back up, and the visitor's old token is unknown there.
    await expect
      .poll(async () => (await fetch(`${RC_URL}/api/v1/livechat/visitor/${oldToken}`).then((r) => r.status).catch(() => 0)), { timeout: 15_000 })
      .toBe(400);
    await widget.page.unroute(MESSAGE_ROUTE);
    await carriesOver(widget, agent, oldToken);
  });

  test('the visitor was removed on the server: a new session, nothing typed lost', async ({ widget, agent }) => {
    // Rocket.Chat removes a visitor with an open chat only when it may keep HTTP header data (GDPR setting).
    await withSetting(agent, 'Livechat_Allow_collect_and_store_HTTP_header_informations', true, async () => {
      const oldToken = await chatting(widget, agent);
      await queueOne(widget);
      const removed = await fetch(`${RC_URL}/api/v1/livechat/visitor/${oldToken}`, { method: 'DELETE' });
      expect(removed.status).toBe(200);
      await widget.page.unroute(MESSAGE_ROUTE);
      await carriesOver(widget, agent, oldToken);
    });
  });

  test("another client took the visitor's token over: a new session, nothing typed lost", async ({ widget, agent }) => {
    const oldToken = await chatting(widget, agent);
    const email = `taken-${Date.now()}@example.com`;
    await widget.api('setGuestEmail', email);
    await expect.poll(async () => ((await (await fetch(`${RC_URL}/api/v1/livechat/visitor/${oldToken}`)).json()) as { visitor?: { visitorEmails?: { address: string }[] } }).visitor?.visitorEmails?.[0]?.address).toBe(email);
    await queueOne(widget);
    // Registering with the same email and a new token moves the visitor to that token (Rocket.Chat's rule).
    const other = await fetch(`${RC_URL}/api/v1/livechat/visitor`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ visitor: { token: `other-${Date.now()}`, email } }) });
    expect(other.status).toBe(200);
    await widget.page.unroute(MESSAGE_ROUTE);
    await carriesOver(widget, agent, oldToken);
  });

  test('after a reload, a visitor the server forgot starts afresh too, and says so', async ({ page, widget, agent }) => {
    await withSetting(agent, 'Livechat_Allow_collect_and_store_HTTP_header_informations', true, async () => {
      const oldToken = await chatting(widget, agent);
      await widget.composer.fill('still in the composer');
      await fetch(`${RC_URL}/api/v1/livechat/visitor/${oldToken}`, { method: 'DELETE' });
      await page.reload();
      await expect(page.getByRole('alert').filter({ hasText: NOTICE })).toBeVisible();
      await expect(widget.composer).toHaveValue('still in the composer');
      await widget.composer.press('Enter');
      await expect(widget.message('still in the composer')).not.toContainText(/Sending|Not sent/);
      const token = await widget.token();
      expect(token).not.toBe(oldToken);
      await expect.poll(() => storedBy(agent, token)).toEqual(['still in the composer']);
    });
  });
});
