import { EMBEDDED, expect, mailbox, test } from './fixtures.ts';

test.describe('the visitor flow, end to end', () => {
  test('a visitor chats with an agent, finishes, and receives the transcript by email', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hello, do you ship to Lisbon?');
    await expect(widget.message('Hello, do you ship to Lisbon?')).toContainText('You');

    const room = await agent.roomOf(await widget.token());
    await agent.send(room._id, 'Yes! Delivery to Lisbon takes 3 days.');
    await expect(widget.message('Yes! Delivery to Lisbon takes 3 days.')).toBeVisible();
    await expect(page.getByText(`Chatting with ${agent.name}`)).toBeVisible();

    await widget.finish();
    // The conversation stays on screen after the end, and the composer is gone.
    await expect(widget.message('Hello, do you ship to Lisbon?')).toBeVisible();
    await expect(widget.composer).toHaveCount(0);

    const email = `visitor-${Date.now()}@example.com`;
    await page.getByRole('textbox', { name: 'Email address' }).fill(email);
    await page.getByRole('button', { name: 'Send transcript' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Transcript sent to ${email}` })).toBeVisible();

    test.skip(!EMBEDDED, 'reading the mailbox needs the embedded stand-in and its SMTP catcher');
    await expect.poll(async () => (await mailbox()).filter((m) => m.to === email).length).toBe(1);
    const mail = (await mailbox()).find((m) => m.to === email)!;
    expect(mail.subject).toBe('Transcript of your livechat conversation');
    expect(mail.text).toContain('Hello, do you ship to Lisbon?');
    expect(mail.text).toContain('Yes! Delivery to Lisbon takes 3 days.');
    expect(mail.text.indexOf('Hello, do you ship')).toBeLessThan(mail.text.indexOf('Yes! Delivery'));
  });

  test('reloading the page mid-chat keeps the conversation', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('First question');
    const room = await agent.roomOf(await widget.token());
    await agent.send(room._id, 'First answer');
    await expect(widget.message('First answer')).toBeVisible();

    await page.reload();
    // The panel was open: it comes back open, with the whole conversation, without taking focus.
    await expect(widget.message('First question')).toBeVisible();
    await expect(widget.message('First answer')).toBeVisible();
    await widget.send('Second question');
    await expect.poll(async () => (await agent.history(room)).map((m) => m.msg)).toContain('Second question');
    const texts = (await agent.history(room)).filter((m) => !m.t).map((m) => m.msg).reverse();
    expect(texts).toEqual(['First question', 'First answer', 'Second question']);
  });

  test('the agent closing the chat ends it for the visitor and offers the transcript', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Can you help?');
    const room = await agent.roomOf(await widget.token());
    await agent.close(room._id, 'Solved');
    await expect(page.getByRole('heading', { name: 'Chat finished' })).toBeVisible();
    await expect(page.getByText('The agent finished this chat.', { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('form', { name: 'Email me the transcript' })).toBeVisible();
  });

  test('a new chat can start after the previous one ended', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('One');
    const first = await agent.roomOf(await widget.token());
    await widget.finish();
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await expect(widget.composer).toBeFocused();
    await expect(widget.message('One')).toHaveCount(0);
    await widget.send('Two');
    const second = await agent.roomOf(await widget.token());
    expect(second._id).not.toBe(first._id);
  });
});
