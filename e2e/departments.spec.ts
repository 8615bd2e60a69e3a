/**
 * "Change department" mid-chat: offered only where the server allows it, listing its departments; the
 * transfer shows as a line in the conversation; a transfer the server refuses says why and keeps the
 * visitor where they were.
 */
import { RC_URL, expect, test, withSetting, type TestAgent } from './fixtures.ts';

/** The departments a visitor can be moved to, as the server lists them. */
async function departments(): Promise<{ _id: string; name: string }[]> {
  const res = await fetch(`${RC_URL}/api/v1/livechat/config`);
  const body = (await res.json()) as { config: { departments?: { _id: string; name: string; showOnRegistration: boolean }[] } };
  return (body.config.departments ?? []).filter((d) => d.showOnRegistration);
}

async function take(agent: TestAgent, token: string): Promise<void> {
  await expect.poll(async () => (await agent.rooms(true)).find((r) => r.v.token === token)?._id).toBeTruthy();
  const room = (await agent.rooms(true)).find((r) => r.v.token === token)!;
  if (!room.servedBy) await agent.take(room._id);
}

test.describe('change department', () => {
  test('moves the chat to the department the visitor picks, and says so in the conversation', async ({ page, widget, agent }) => {
    const list = await departments();
    test.skip(list.length < 2, 'the server needs two departments visitors may choose');
    // Manual routing: the chat waits in the new department's queue until an agent takes it there.
    await withSetting(agent, 'Livechat_Routing_Method', 'Manual_Selection', async () => {
      await widget.goto();
      await widget.open();
      await widget.send('I need help with an order');
      await take(agent, await widget.token());
      await page.getByRole('button', { name: 'Chat options' }).click();
      await page.getByRole('button', { name: 'Change department' }).click();
      const form = page.getByRole('form', { name: 'Change department' });
      await expect(form.getByRole('heading', { name: 'Change department' })).toBeFocused();
      const group = form.getByRole('group', { name: 'Department' });
      for (const d of list) await expect(group.getByRole('radio', { name: d.name })).toBeVisible();
      const target = list[1]!;
      await group.getByRole('radio', { name: target.name }).check();
      await form.getByRole('button', { name: 'Move the chat' }).click();
      await expect(form).toHaveCount(0);
      await expect(widget.message(`The chat was transferred to ${target.name}.`)).toBeVisible();
      await expect(widget.composer).toBeFocused();
      const token = await widget.token();
      const room = (await agent.rooms(true)).find((r) => r.v.token === token)!;
      expect(room.departmentId).toBe(target._id);
    });
  });

  test('a transfer the server refuses says why and leaves the chat where it was', async ({ page, widget, agent }) => {
    const list = await departments();
    test.skip(list.length < 2, 'the server needs two departments visitors may choose');
    await widget.goto();
    await widget.open();
    await widget.send('Hello');
    await take(agent, await widget.token());
    // With nobody else free in the other department, Rocket.Chat keeps the chat with its agent.
    await page.route('**/api/v1/livechat/*transfer', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ success: false, error: 'error-no-agents-online-in-department' }) }));
    await page.getByRole('button', { name: 'Chat options' }).click();
    await page.getByRole('button', { name: 'Change department' }).click();
    await page.getByRole('button', { name: 'Move the chat' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The chat could not be moved. No agent is available right now. Please try again later.' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(widget.composer).toBeVisible();
  });

  test('is not offered when the server does not allow switching departments', async ({ page, widget, agent }) => {
    await withSetting(agent, 'Livechat_allow_switching_departments', false, async () => {
      await widget.goto();
      await widget.open();
      await widget.send('Hello');
      await page.getByRole('button', { name: 'Chat options' }).click();
      await expect(page.getByRole('button', { name: 'Finish chat' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Change department' })).toHaveCount(0);
    });
  });
});
