import type { Page } from '@playwright/test';
import { expect, expectSent, test, type TestAgent, type WidgetPage } from './fixtures.ts';

const MESSAGE_ROUTE = '**/api/v1/livechat/message';

/** The visitor's messages as the server stored them, oldest first. */
async function storedByVisitor(agent: TestAgent, room: Parameters<TestAgent['history']>[0]): Promise<string[]> {
  return (await agent.history(room, 200)).filter((m) => !m.t && m.token).map((m) => m.msg).reverse();
}

/** Nothing on screen may be a raw code, a status line or a JavaScript artefact. */
async function expectOnlySentences(page: Page): Promise<void> {
  const text = await page.locator('[data-rocketchat-widget]').evaluate((el) => el.shadowRoot!.textContent ?? '');
  expect(text).not.toMatch(/HTTP \d{3}|invalid-params|error-|\[object|undefined|null|TypeError|Failed to fetch/);
}

/**
 * The first send of `text` reaches the server, which stores it, but its answer never comes back; later
 * sends go through. Returns every body the widget posted for that text.
 */
async function loseFirstAnswer(page: Page, text: string): Promise<{ bodies: { _id?: string }[] }> {
  const posts = { bodies: [] as { _id?: string }[] };
  let lose = true;
  await page.route(MESSAGE_ROUTE, async (route) => {
    const body = route.request().postDataJSON() as { msg?: string; _id?: string };
    if (body.msg !== text) return route.fallback();
    posts.bodies.push(body);
    if (!lose) return route.fallback();
    lose = false;
    await route.fetch(); // the server gets and stores it…
    await route.abort('connectionreset'); // …but the visitor never hears back.
  });
  return posts;
}

async function startChat(widget: WidgetPage, agent: TestAgent) {
  await widget.goto();
  await widget.open();
  await widget.send('first');
  return agent.roomOf(await widget.token());
}

test.describe('faults: nothing lost, nothing doubled, everything said plainly', () => {
  test('a 500 on send: the message says so, is resent by itself with the same id, and stored once', async ({ page, widget, agent }) => {
    const room = await startChat(widget, agent);
    let failures = 1;
    const ids: string[] = [];
    await page.route(MESSAGE_ROUTE, (route) => {
      ids.push((route.request().postDataJSON() as { _id: string })._id);
      return failures-- > 0 ? route.fulfill({ status: 500, contentType: 'application/json', body: '{"success":false,"error":"Internal server error"}' }) : route.fallback();
    });
    await widget.composer.fill('second');
    await widget.composer.press('Enter');
    // One thing said, one thing to do: the widget keeps trying by itself meanwhile.
    await expect(widget.message('second')).toContainText(/Not sent\s*—/);
    await expect(widget.message('second').getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(widget.message('second')).not.toContainText(/Trying again|Something went wrong/);
    // Under the text it is about, not over it.
    const text = (await widget.message('second').locator('.msg__body').boundingBox())!;
    const failed = (await widget.message('second').getByRole('button', { name: 'Retry' }).boundingBox())!;
    expect(failed.y).toBeGreaterThanOrEqual(text.y + text.height);
    await expectOnlySentences(page);
    await expectSent(widget.message('second'));
    // Sent twice, as one message: the resend carried the first attempt's id.
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(await storedByVisitor(agent, room)).toEqual(['first', 'second']);
  });

  test("a 429: the widget waits as long as Rocket.Chat's answer says, then sends once", async ({ page, widget, agent }) => {
    const room = await startChat(widget, agent);
    let limited = true;
    let refusedAt = 0;
    await page.route(MESSAGE_ROUTE, (route) => {
      if (!limited) return route.fallback();
      limited = false;
      refusedAt = Date.now();
      return route.fulfill({
        status: 429,
        contentType: 'application/json',
        body: JSON.stringify({ success: false, error: 'Error, too many requests. Please slow down. You must wait 3 seconds before trying this endpoint again. [error-too-many-requests]' }),
      });
    });
    await widget.composer.fill('after the limit');
    await widget.composer.press('Enter');
    // Said once: not sent (it goes by itself once the wait is over), with Retry to try sooner.
    await expect(widget.message('after the limit')).toContainText(/Not sent\s*—/);
    await expect(widget.message('after the limit').getByRole('button', { name: 'Retry' })).toBeVisible();
    await expectSent(widget.message('after the limit'), { timeout: 15_000 });
    const stored = await agent.history(room, 50);
    const sent = stored.find((m) => m.msg === 'after the limit')!;
    expect(Date.parse(sent.ts) - refusedAt).toBeGreaterThanOrEqual(2_900);
    expect(await storedByVisitor(agent, room)).toEqual(['first', 'after the limit']);
  });

  test('the server stored a message but the answer was lost and the live feed missed it: the resend is recognised, no duplicate', async ({ page, widget, agent }) => {
    // The live feed must not tell the widget first, or no resend would ever test the server's rule.
    await page.routeWebSocket(/\/websocket$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        if (typeof m === 'string' && m.includes('only once please')) return;
        ws.send(m);
      });
    });
    const room = await startChat(widget, agent);
    const posts = await loseFirstAnswer(page, 'only once please');
    await widget.composer.fill('only once please');
    await widget.composer.press('Enter');
    await expectSent(widget.message('only once please'), { timeout: 15_000 });
    // It was sent again with the same id, and the server kept one copy.
    expect(posts.bodies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(posts.bodies.map((b) => b._id)).size).toBe(1);
    expect(await storedByVisitor(agent, room)).toEqual(['first', 'only once please']);
    await expect(widget.log.getByRole('listitem').filter({ hasText: 'only once please' })).toHaveCount(1);
  });

  test('with WebSockets blocked, a lost answer is resent and recognised: no duplicate', async ({ page, widget, agent }) => {
    await page.routeWebSocket(/\/websocket$/, (ws) => ws.close());
    const room = await startChat(widget, agent);
    const posts = await loseFirstAnswer(page, 'once, without a socket');
    await widget.composer.fill('once, without a socket');
    await widget.composer.press('Enter');
    await expectSent(widget.message('once, without a socket'), { timeout: 20_000 });
    expect(posts.bodies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(posts.bodies.map((b) => b._id)).size).toBe(1);
    expect(await storedByVisitor(agent, room)).toEqual(['first', 'once, without a socket']);
    await expect(widget.log.getByRole('listitem').filter({ hasText: 'once, without a socket' })).toHaveCount(1);
  });

  test('a slow network: messages typed in a row arrive in order, once each', async ({ page, widget, agent }) => {
    const room = await startChat(widget, agent);
    await page.route(MESSAGE_ROUTE, async (route) => {
      await new Promise((r) => setTimeout(r, 1_200));
      await route.fallback();
    });
    for (const text of ['one', 'two', 'three']) {
      await widget.composer.fill(text);
      await widget.composer.press('Enter');
    }
    await expect(widget.message('three')).toContainText(/Sending…|Waiting to send/);
    await expect(widget.message('three')).not.toContainText(/Sending|Waiting/, { timeout: 15_000 });
    expect(await storedByVisitor(agent, room)).toEqual(['first', 'one', 'two', 'three']);
  });

  test('offline: messages wait on the device and go, in order, when the network is back', async ({ page, widget, agent }) => {
    const room = await startChat(widget, agent);
    await page.context().setOffline(true);
    await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
    for (const text of ['on the train', 'in the tunnel']) {
      await widget.composer.fill(text);
      await widget.composer.press('Enter');
    }
    // The banner says the device is offline; each message just says it is not sent yet.
    await expect(widget.message('on the train')).toContainText(/Not sent\s*—/);
    await expectOnlySentences(page);
    await page.reload().catch(() => undefined); // a reload while offline fails: the page stays
    await page.context().setOffline(false);
    await expect(widget.message('in the tunnel')).not.toContainText(/Not sent|Sending|Waiting/, { timeout: 20_000 });
    expect(await storedByVisitor(agent, room)).toEqual(['first', 'on the train', 'in the tunnel']);
  });

  test('typed messages survive a page reload while the server is unreachable', async ({ page, widget, agent }) => {
    const room = await startChat(widget, agent);
    await page.route(MESSAGE_ROUTE, (route) => route.abort('connectionrefused'));
    await widget.composer.fill('written before the reload');
    await widget.composer.press('Enter');
    await expect(widget.message('written before the reload')).toContainText('Not sent');
    await page.unroute(MESSAGE_ROUTE);
    await page.reload();
    await expect(widget.message('written before the reload')).not.toContainText(/Not sent|Sending|Waiting/, { timeout: 20_000 });
    expect(await storedByVisitor(agent, room)).toEqual(['first', 'written before the reload']);
  });

  test('a timeout loading the chat: said plainly, and the chat loads by itself when the server answers', async ({ page, widget }) => {
    let blocked = true;
    await page.route('**/api/v1/livechat/config**', (route) => (blocked ? route.abort('timedout') : route.fallback()));
    await widget.goto();
    await widget.openPanel();
    await expect(page.getByRole('alert')).toContainText('The chat could not be loaded.');
    await expectOnlySentences(page);
    blocked = false;
    await expect(widget.composer).toBeVisible({ timeout: 20_000 });
  });

  test('a request the server refuses (4xx) is explained, and the text can be edited', async ({ page, widget, agent }) => {
    await startChat(widget, agent);
    await page.route(MESSAGE_ROUTE, (route) =>
      route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ success: false, error: "must have required property 'msg' [invalid-params]", errorType: 'invalid-params' }) }),
    );
    await widget.composer.fill('refused text');
    await widget.composer.press('Enter');
    await expect(widget.message('refused text')).toContainText('The chat server did not accept that request.');
    await expectOnlySentences(page);
    await widget.message('refused text').getByRole('button', { name: 'Edit' }).click();
    await expect(widget.composer).toHaveValue('refused text');
  });
});

test('with storage blocked (private mode, partitioned third-party storage) the chat works in memory and says so', async ({ page, widget, agent }) => {
  await page.addInitScript(() => {
    const deny = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.defineProperty(window, 'localStorage', { get: deny, configurable: true });
  });
  await widget.goto();
  await widget.open();
  await expect(page.getByText('Your browser does not let this site store data, so this conversation will be lost if you reload the page.')).toBeVisible();
  await widget.send('Chatting without storage');
  const room = await agent.roomOf(await widget.token());
  await agent.send(room._id, 'It still works.');
  await expect(widget.message('It still works.')).toBeVisible();
});
