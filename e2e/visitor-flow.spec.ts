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

  test('a long conversation: the panel opens on the newest message, reads back to the first, and jumps back', async ({ page, widget, agent }) => {
    test.setTimeout(90_000);
    await widget.goto();
    await widget.open();
    await widget.send('The very first message');
    const room = await agent.roomOf(await widget.token());
    for (let i = 1; i <= 300; i++) await agent.send(room._id, `reply ${String(i).padStart(3, '0')}`);
    await expect(widget.message('reply 300')).toBeInViewport();

    // Closed, then a new page: the chat reconnects in the background with the panel hidden.
    await page.getByRole('button', { name: 'Minimize chat' }).click();
    await page.reload();
    await widget.openPanel();
    await expect(widget.message('reply 300')).toBeInViewport();

    // Reading back: older pages come from the server, and the page never holds all 301.
    // Activated as a keyboard or screen reader does, without scrolling to it first: scrolling to the
    // top loads earlier messages by itself, which moves the button away from a pointer's click.
    const earlier = page.getByRole('button', { name: 'Load earlier messages' });
    while (!(await widget.message('The very first message').count())) await earlier.dispatchEvent('click');
    await expect(widget.message('The very first message')).toBeVisible();
    expect((await widget.messageTexts()).length).toBeLessThan(200);

    // Something new meanwhile is said (for screen readers) rather than yanking the visitor down.
    await agent.send(room._id, 'Are you still there?');
    await expect(page.getByRole('status').filter({ hasText: 'New messages below' })).toHaveCount(1);
    await expect(widget.message('Are you still there?')).toHaveCount(0);
    await page.getByRole('button', { name: 'Jump to the newest messages' }).click();
    await expect(widget.message('Are you still there?')).toBeInViewport();
    await expect(widget.composer).toBeVisible();
  });

  test('closing the panel while reading back keeps the place, even as new messages arrive', async ({ page, widget, agent }) => {
    test.setTimeout(90_000);
    await widget.goto();
    await widget.open();
    await widget.send('Opening question');
    const room = await agent.roomOf(await widget.token());
    for (let i = 1; i <= 300; i++) await agent.send(room._id, `note ${String(i).padStart(3, '0')}`);
    await expect(widget.message('note 300')).toBeInViewport();

    // Read back a little: older than the newest window, far from the start.
    const earlier = page.getByRole('button', { name: 'Load earlier messages' });
    await earlier.dispatchEvent('click');
    await earlier.dispatchEvent('click');
    await expect(page.getByRole('button', { name: 'Jump to the newest messages' })).toBeVisible();
    const reading = (await widget.messageTexts()).map((t) => t.trim().split('\n').pop()!).filter((t) => /^note \d{3}$/.test(t));
    const middle = reading[Math.floor(reading.length / 2)]!;
    await widget.message(middle).scrollIntoViewIfNeeded();
    await expect(widget.message(middle)).toBeInViewport();

    await page.getByRole('button', { name: 'Minimize chat' }).click();
    await agent.send(room._id, 'Anything else?');
    await expect(widget.launcher()).toHaveAccessibleName(/unread/);
    await widget.openPanel();
    await expect(widget.message(middle)).toBeInViewport();
    await expect(widget.message('Opening question')).toHaveCount(0);
  });
});
