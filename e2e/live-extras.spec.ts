/**
 * What the agent side does mid-chat that the visitor must see at once: a deleted message goes, the
 * place in the queue shows while nobody serves the chat (and goes when an agent takes it).
 */
import { EMBEDDED, expect, test, withSetting } from './fixtures.ts';

test.describe('live extras', () => {
  test("an agent's deleted message leaves the visitor's conversation without a reload", async ({ widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hello');
    const room = await agent.roomOf(await widget.token());
    const wrong = await agent.send(room._id, 'This was meant for someone else');
    await agent.send(room._id, 'How can I help?');
    await expect(widget.message('This was meant for someone else')).toBeVisible();
    await agent.deleteMessage(room._id, wrong._id);
    await expect(widget.message('This was meant for someone else')).toHaveCount(0);
    await expect(widget.message('How can I help?')).toBeVisible();
  });

  test('a queued chat shows its place in the queue, announced politely, until an agent takes it', async ({ page, widget, agent }) => {
    test.skip(!EMBEDDED && !process.env.RC_ENTERPRISE, 'queue places come from Rocket.Chat Enterprise (the stand-in is Enterprise; set RC_ENTERPRISE=1 for a real EE server)');
    await withSetting(agent, 'Livechat_Routing_Method', 'Manual_Selection', async () => {
      await widget.goto();
      await widget.open();
      await widget.send('Is anyone there?');
      const status = page.getByRole('status').filter({ hasText: /You are number \d+ in the queue\./ });
      await expect(status).toBeVisible();
      const token = await widget.token();
      const room = (await agent.rooms(true)).find((r) => r.v.token === token)!;
      expect(room.servedBy).toBeUndefined();
      await agent.take(room._id);
      await expect(page.getByText(`Chatting with ${agent.name}`)).toBeVisible();
      await expect(page.getByText(/in the queue/)).toHaveCount(0);
    });
  });

  test("a reply while the panel is closed plays the server's chime, unless the visitor switched sound off", async ({ page, widget, agent }) => {
    // Record what the widget plays (headless Chromium has no speakers to listen to).
    await page.addInitScript(() => {
      const w = window as unknown as { __played: string[] };
      w.__played = [];
      HTMLMediaElement.prototype.play = function () {
        w.__played.push(this.src);
        return Promise.resolve();
      };
    });
    const played = () => page.evaluate(() => (window as unknown as { __played: string[] }).__played);
    await widget.goto();
    await widget.open();
    await widget.send('Hi');
    const room = await agent.roomOf(await widget.token());
    await page.getByRole('button', { name: 'Minimize chat' }).click();
    await agent.send(room._id, 'Are you still there?');
    await expect.poll(played).toHaveLength(1);
    const [src] = await played();
    expect(src).toMatch(/\/sounds\/chime\.mp3$/);
    const file = await page.request.get(src!);
    expect(file.ok()).toBe(true);
    expect(file.headers()['content-type']).toMatch(/^audio\//);

    await widget.launcher().click();
    await page.getByRole('button', { name: 'Chat options' }).click();
    await page.getByRole('button', { name: 'Sound for new messages' }).click();
    await page.getByRole('button', { name: 'Minimize chat' }).click();
    await agent.send(room._id, 'Hello?');
    await expect(widget.launcher()).toHaveAccessibleName(/unread messages: 1/);
    expect(await played()).toHaveLength(1);
  });
});
