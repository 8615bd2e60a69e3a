/**
 * Proactive messages (Rocket.Chat triggers), set by an admin through Rocket.Chat's own API: time on the
 * site, the page's address, the visitor opening the chat, the visitor registering; shown as from the
 * configured name or the agent who would answer; a teaser beside the launcher while the chat is closed;
 * `runOnce` honoured across reloads.
 */
import type { AgentEndpoints } from '../src/shared/rocketchat/endpoints.ts';
import { expect, test, type TestAgent } from './fixtures.ts';

type TriggerBody = AgentEndpoints['POST livechat/triggers']['body'];

/** Saves a trigger for the duration of `fn`, then removes it (triggers are server-wide). */
async function withTrigger(agent: TestAgent, t: Omit<TriggerBody, 'name' | 'description' | 'enabled'>, fn: () => Promise<void>): Promise<void> {
  const name = `e2e-${Math.random().toString(36).slice(2)}`;
  await agent.saveTrigger({ name, description: 'e2e', enabled: true, ...t });
  const id = (await agent.triggers()).find((x) => x.name === name)!._id;
  try {
    await fn();
  } finally {
    await agent.removeTrigger(id);
  }
}

const custom = (msg: string, name = 'Trail Bot') => [{ name: 'send-message' as const, params: { sender: 'custom' as const, msg, name } }];

test.describe('proactive messages', () => {
  test('time on site: a teaser beside the closed launcher, Reply opens the chat with the message at its start; runOnce holds after a reload', async ({ page, widget, agent }) => {
    await withTrigger(agent, { runOnce: true, conditions: [{ name: 'time-on-site', value: '1' }], actions: custom('Need a hand choosing a tent?') }, async () => {
      await widget.goto({ path: '/shop/tents.html' });
      // Nobody showed intent: the widget loads by itself because the site has triggers.
      const teaser = page.getByRole('region', { name: 'Message from Trail Bot' });
      await expect(teaser).toBeVisible();
      await expect(teaser).toContainText('Need a hand choosing a tent?');
      await expect(widget.launcher()).toHaveAccessibleName(/unread messages: 1/);
      await teaser.getByRole('button', { name: 'Reply' }).click();
      await expect(widget.composer).toBeVisible();
      await expect(teaser).toHaveCount(0);
      await expect(widget.message('Need a hand choosing a tent?')).toContainText('Trail Bot');

      await page.getByRole('button', { name: 'Minimize chat' }).click();
      await page.reload();
      await expect(widget.launcher()).toBeVisible();
      // Fired once for this visitor: the message stays in the conversation, but no second teaser.
      await widget.open();
      await expect(widget.message('Need a hand choosing a tent?')).toHaveCount(1);
      await page.getByRole('button', { name: 'Minimize chat' }).click();
      await expect(page.getByRole('region', { name: 'Message from Trail Bot' })).toHaveCount(0);
    });
  });

  test("the page's address, and the visitor's first message after the proactive one, starts the chat as usual", async ({ page, widget, agent }) => {
    await withTrigger(agent, { runOnce: false, conditions: [{ name: 'page-url', value: 'pricing' }], actions: custom('Questions about our prices?', 'Sales team') }, async () => {
      await widget.goto({ path: '/shop/pricing.html' });
      const teaser = page.getByRole('region', { name: 'Message from Sales team' });
      await expect(teaser).toContainText('Questions about our prices?');
      await teaser.getByRole('button', { name: 'Dismiss' }).click();
      await expect(teaser).toHaveCount(0);
      await widget.open();
      await widget.send('Yes: is there a student discount?');
      const room = await agent.roomOf(await widget.token());
      await agent.send(room._id, 'There is: 10%.');
      await expect(widget.message('There is: 10%.')).toBeVisible();
      const texts = await widget.messageTexts();
      expect(texts.findIndex((t) => t.includes('Questions about our prices?'))).toBeLessThan(texts.findIndex((t) => t.includes('student discount')));
    });
  });

  test('opening the chat: the message is from the agent who would answer', async ({ page, widget, agent }) => {
    await withTrigger(agent, { runOnce: false, conditions: [{ name: 'chat-opened-by-visitor', value: '' }], actions: [{ name: 'send-message', params: { sender: 'queue', msg: 'Hi! How can I help?' } }] }, async () => {
      await widget.goto();
      await widget.open();
      await expect(widget.message('Hi! How can I help?')).toContainText(agent.name);
      await expect(page.getByRole('region', { name: /^Message from/ })).toHaveCount(0);
    });
  });

  test('after registration: the message follows the visitor registering', async ({ widget, agent }) => {
    await withTrigger(agent, { runOnce: false, conditions: [{ name: 'after-guest-registration', value: '' }], actions: custom('Thanks! Someone will be with you shortly.', 'Acme') }, async () => {
      await widget.goto();
      await widget.open();
      await expect(widget.message('Thanks! Someone will be with you shortly.')).toHaveCount(0);
      await widget.send('Hello');
      await expect(widget.message('Thanks! Someone will be with you shortly.')).toContainText('Acme');
    });
  });
});
