import { ConnectAgent, dropAllSockets, expect, expectSent, restartStandin, test, type ConnectWidget } from './connect-fixtures.ts';
import type { AgentSession } from '../src/shared/amazon-connect/agent-client.ts';

/** Both sides write while the connection is being lost and regained: `n` messages each, interleaved. */
async function talkThrough(widget: ConnectWidget, ana: AgentSession, fault: () => Promise<unknown>, n = 3) {
  const sent: string[] = [];
  for (let i = 1; i <= n; i++) {
    await widget.composer.fill(`visitor ${i}`);
    await widget.composer.press('Enter');
    sent.push(`CUSTOMER: visitor ${i}`);
    if (i === 1) await fault();
    await ConnectAgent.sendSurely(ana, `agent ${i}`);
    sent.push(`AGENT: agent ${i}`);
  }
  return sent;
}

/**
 * Every message once: the service holds each exactly once, each side's in the order it wrote them;
 * the widget shows each once, none left unsent, in the service's order.
 */
async function expectEveryMessageOnce(widget: ConnectWidget, ana: AgentSession, sent: string[]) {
  const side = (lines: string[], role: string) => lines.filter((l) => l.startsWith(role));
  let stored: string[] = [];
  await expect
    .poll(async () => {
      stored = (await ConnectAgent.lines(ana)).slice(1);
      return [side(stored, 'CUSTOMER'), side(stored, 'AGENT')];
    }, { timeout: 30_000 })
    .toEqual([side(sent, 'CUSTOMER'), side(sent, 'AGENT')]);
  const texts = stored.map((l) => l.replace(/^\w+: /, ''));
  for (const t of texts) await expect(widget.log.getByRole('listitem').filter({ hasText: new RegExp(`(You|Ana).*${t}`) })).toHaveCount(1, { timeout: 30_000 });
  await expect(widget.log).not.toContainText(/Sending…|Waiting to send|Not sent/, { timeout: 30_000 });
  const shown = (await widget.messageTexts()).map((x) => texts.find((t) => x.includes(t))).filter(Boolean);
  expect(shown).toEqual(texts);
}

test.describe('Amazon Connect: faults lose nothing and double nothing', () => {
  test('the websocket is dropped server-side while both sides write: every message once, in order', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('hello');
    const ana = await agent.join(widget);
    const sent = await talkThrough(widget, ana, dropAllSockets);
    await expectEveryMessageOnce(widget, ana, sent);
    await expect(page.getByText(/Connection lost/)).toBeHidden();
  });

  test('the stand-in restarts mid-chat (down for a while): the same, and the visitor is told meanwhile', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('hello');
    const ana = await agent.join(widget);
    await ana.send('before the restart');
    await expect(widget.message('before the restart')).toBeVisible();
    await restartStandin(2_000);
    await expect(page.getByText(/Connection lost\. Reconnecting…/)).toBeVisible();
    await widget.composer.fill('typed while the server was down');
    await widget.composer.press('Enter');
    await expect(page.getByText(/Connection lost/)).toBeHidden({ timeout: 30_000 });
    await expectSent(widget.message('typed while the server was down'), { timeout: 30_000 });
    // The service kept the chat (as Amazon's does): the agent goes on with the same connection.
    const session = ana;
    await ConnectAgent.sendSurely(session, 'after the restart');
    await expect(widget.message('after the restart')).toBeVisible();
    expect(await ConnectAgent.lines(session)).toEqual([
      'CUSTOMER: hello',
      'AGENT: before the restart',
      'CUSTOMER: typed while the server was down',
      'AGENT: after the restart',
    ]);
    for (const t of ['hello', 'before the restart', 'typed while the server was down', 'after the restart']) await expect(widget.message(t)).toHaveCount(1);
  });

  test('a short loss of network: the visitor is told, and told no more once it is back, with what the agent wrote meanwhile', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('hello');
    const ana = await agent.join(widget);
    await page.context().setOffline(true);
    const offline = page.getByRole('status').filter({ hasText: 'You are offline' });
    await expect(offline).toBeVisible();
    await ConnectAgent.sendSurely(ana, 'written while you were offline');
    await page.context().setOffline(false);
    // The socket lived through it: nothing reconnects, so only its answer can say "online" again.
    await expect(offline).toBeHidden({ timeout: 20_000 });
    await expect(widget.message('written while you were offline')).toBeVisible();
    await widget.send('back');
    await expectSent(widget.message('back'));
  });
});
