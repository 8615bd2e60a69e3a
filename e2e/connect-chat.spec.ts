import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { ConnectAgent, expect, mailbox, test } from './connect-fixtures.ts';

const EVENT = 'application/vnd.amazonaws.connect.event.';

/** Download the transcript from the ended screen in a format and return the file's text. */
async function download(page: Page, button: 'Text file' | 'Web page'): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFile((await file.path())!, 'utf8');
}

/** `texts` appear in `haystack` in this order. */
function expectInOrder(haystack: string, texts: string[]): void {
  let at = -1;
  for (const t of texts) {
    const i = haystack.indexOf(t, at + 1);
    expect(i, `"${t}" after position ${at}`).toBeGreaterThan(at);
    at = i;
  }
}

test.describe('Amazon Connect: a chat end to end', () => {
  test('messages both ways, typing, receipts; the agent ends it; the email and the download hold it all', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Hello, I need help with my order');
    const ana = await agent.join(widget);
    await expect(page.getByText('Chatting with Ana')).toBeVisible();

    // Agent → visitor, and the agent's typing.
    await ana.typing();
    await expect(page.getByText('Ana is typing…')).toBeVisible();
    await ana.send('Hi! I am Ana. What is the order number?');
    await expect(widget.message('What is the order number?')).toBeVisible();
    await expect(page.getByText('Ana is typing…')).toBeHidden();

    // Visitor → agent, and the visitor's typing (one event, however many keys).
    await widget.composer.pressSequentially('A12');
    await ana.waitFor((i) => i.ContentType === `${EVENT}typing` && i.ParticipantRole === 'CUSTOMER', 10_000);
    await widget.composer.press('Backspace');
    await widget.composer.fill('A-1234');
    await widget.composer.press('Enter');
    await expect(widget.message('A-1234')).not.toContainText(/Sending…/);
    await ana.nextCustomerMessage('A-1234', 10_000);
    expect(ana.received.filter((i) => i.ContentType === `${EVENT}typing` && i.ParticipantRole === 'CUSTOMER')).toHaveLength(1);

    // Receipts: the agent reads ours (a tick and a word); the visitor, looking, reads theirs.
    const mine = (await ana.transcript()).Transcript!.find((i) => i.Content === 'A-1234')!;
    await ana.read(mine.Id!);
    await expect(widget.message('A-1234')).toContainText('Read');
    const theirs = (await ana.transcript()).Transcript!.find((i) => i.Content?.startsWith('Hi! I am Ana'))!;
    await ana.waitFor((i) => i.Type === 'MESSAGEMETADATA' && i.MessageMetadata?.MessageId === theirs.Id && !!i.MessageMetadata?.Receipts?.some((r) => r.ReadTimestamp), 15_000);

    await ana.send('Found it: it ships tomorrow.');
    await expect(widget.message('it ships tomorrow')).toBeVisible();
    await agent.client.stop(await widget.contactId());
    await expect(page.getByRole('heading', { name: 'Chat finished' })).toBeVisible();
    await expect(page.getByText('The agent finished this chat.')).toBeVisible();

    const conversation = ['Hello, I need help with my order', 'What is the order number?', 'A-1234', 'it ships tomorrow'];
    const address = `visitor-${Date.now()}@example.com`;
    await page.getByRole('textbox', { name: 'Email address' }).fill(address);
    await page.getByRole('button', { name: 'Send transcript' }).click();
    await expect(page.getByText(`Transcript sent to ${address}`)).toBeVisible();
    let mail: Awaited<ReturnType<typeof mailbox>>[number] | undefined;
    await expect.poll(async () => (mail = (await mailbox()).find((m) => m.to.includes(address))), { message: 'the transcript email arrives' }).toBeTruthy();
    expectInOrder(mail!.text, conversation);

    expectInOrder(await download(page, 'Text file'), ['You: Hello, I need help with my order', 'Ana: Hi! I am Ana.', 'You: A-1234', 'Ana: Found it: it ships tomorrow.']);
    expectInOrder(await download(page, 'Web page'), conversation);
  });

  test('the visitor finishes: confirmation, the same ended screen; the agent sees them leave', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Just a quick question');
    const ana = await agent.join(widget);
    await ana.send('Sure, go ahead');
    await expect(widget.message('Sure, go ahead')).toBeVisible();
    await widget.send('Never mind, thanks!');
    await widget.finish();
    await expect(page.getByText('You finished this chat.')).toBeVisible();
    await ana.waitFor((i) => i.ContentType === `${EVENT}participant.left` && i.ParticipantRole === 'CUSTOMER', 10_000);
    await expect(widget.composer).toBeHidden();
    // The whole conversation, though the chat (and its token) ended.
    expectInOrder(await download(page, 'Text file'), ['You: Just a quick question', 'Ana: Sure, go ahead', 'You: Never mind, thanks!']);
    const address = `leaver-${Date.now()}@example.com`;
    await page.getByRole('textbox', { name: 'Email address' }).fill(address);
    await page.getByRole('button', { name: 'Send transcript' }).click();
    await expect(page.getByText(`Transcript sent to ${address}`)).toBeVisible();
    await expect.poll(async () => (await mailbox()).find((m) => m.to.includes(address))?.text ?? '').toContain('Never mind, thanks!');
    // And a new chat can start.
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await expect(widget.composer).toBeVisible();
  });

  test('a reload mid-chat keeps the conversation, and it goes on', async ({ page, widget, agent }) => {
    await widget.goto({ path: `/shop/reload-${Date.now()}.html` });
    await widget.open();
    await widget.send('Before the reload');
    const ana = await agent.join(widget);
    await ana.send('I am here');
    await expect(widget.message('I am here')).toBeVisible();
    const id = await widget.contactId();
    await page.reload();
    await expect(widget.message('Before the reload')).toBeVisible();
    await expect(widget.message('I am here')).toBeVisible();
    expect(await widget.contactId()).toBe(id);
    await widget.send('After the reload');
    await ana.nextCustomerMessage('After the reload', 10_000);
    await ana.send('Still here');
    await expect(widget.message('Still here')).toBeVisible();
    expect(await ConnectAgent.lines(ana)).toEqual(['CUSTOMER: Before the reload', 'AGENT: I am here', 'CUSTOMER: After the reload', 'AGENT: Still here']);
    await expect(widget.log.getByRole('listitem').filter({ hasText: 'Before the reload' })).toHaveCount(1);
  });

  test('a quick reply is answered with a button, as the bot expects', async ({ page, widget, agent }) => {
    // Interactive messages come from a Lex bot in the flow, which SendMessage cannot send and the
    // stand-in does not run: the bot's item joins the transcript the widget reads (the answer is real).
    const quick = { templateType: 'QuickReply', version: '1.0', data: { content: { title: 'What can we help with?', elements: [{ title: 'Billing' }, { title: 'Delivery' }] } } };
    // The bot answers the visitor's "menu": its item is added once the transcript holds that message, and
    // comes after it (a first transcript read before the send must not place the question before it).
    let botAt: string | undefined;
    await page.route('**/participant/transcript', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { Transcript?: Record<string, unknown>[] };
      const asked = body.Transcript?.find((i) => i.Content === 'menu');
      if (asked) {
        botAt ??= new Date(Date.parse(String(asked.AbsoluteTime)) + 1).toISOString();
        body.Transcript = [
          ...(body.Transcript ?? []),
          { Id: 'bot-quick-reply-1', Type: 'MESSAGE', ContentType: 'application/vnd.amazonaws.connect.message.interactive', Content: JSON.stringify(quick), ParticipantId: 'bot', DisplayName: 'BOT', ParticipantRole: 'CUSTOM_BOT', AbsoluteTime: botAt, ContactId: asked.ContactId },
        ];
      }
      await route.fulfill({ response, json: body });
    });
    await widget.goto();
    await widget.open();
    await widget.send('menu');
    const ana = await agent.join(widget);
    // A reload reads the transcript again (as every reconnect does): now it holds the bot's question.
    await page.reload();
    await expect(widget.message('What can we help with?')).toBeVisible();
    const options = page.getByRole('group', { name: 'Choose an answer' });
    await options.getByRole('button', { name: 'Delivery' }).click();
    const answer = await ana.nextCustomerMessage('Delivery', 10_000);
    expect(answer.ContentType).toBe('text/plain');
    await expect(options).toBeHidden();
    await expect(widget.message(/^You.*Delivery/)).toHaveCount(1);
  });
});
