import { readFile } from 'node:fs/promises';
import { EMBEDDED, expect, mailbox, test } from './fixtures.ts';

test.describe('transcripts', () => {
  test('the emailed transcript holds every message of a 30-message chat, in order, with authors, escaped', async ({ page, widget, agent }) => {
    test.skip(!EMBEDDED, 'reading the mailbox needs the embedded stand-in and its SMTP catcher');
    await widget.goto();
    await widget.open();
    await widget.send('Message 1 from the visitor');
    const room = await agent.roomOf(await widget.token());
    const expected: { author: string; text: string }[] = [{ author: 'You', text: 'Message 1 from the visitor' }];
    for (let i = 2; i <= 30; i++) {
      const text = i === 17 ? 'Is <script>alert("x")</script> dangerous?' : `Message ${i} from the ${i % 2 ? 'visitor' : 'agent'}`;
      if (i % 2) {
        await widget.send(text);
        expected.push({ author: 'You', text });
      } else {
        await agent.send(room._id, text);
        await expect(widget.message(text)).toBeVisible();
        expected.push({ author: agent.name, text });
      }
    }
    await widget.finish();
    const email = `thirty-${Date.now()}@example.com`;
    await page.getByRole('textbox', { name: 'Email address' }).fill(email);
    await page.getByRole('button', { name: 'Send transcript' }).click();
    await expect(page.getByText(`Transcript sent to ${email}`)).toBeVisible();

    await expect.poll(async () => (await mailbox()).filter((m) => m.to === email).length).toBe(1);
    const mail = (await mailbox()).find((m) => m.to === email)!;
    expect(mail.subject).toBe('Transcript of your livechat conversation');
    expect(mail.from).toContain('support@acme.example');

    // The plain-text part: author and time line, then the message, for every message, in order.
    let cursor = 0;
    for (const { author, text } of expected) {
      const at = mail.text.indexOf(`${author} `, cursor);
      expect(at, `author "${author}" of "${text}"`).toBeGreaterThanOrEqual(cursor);
      const textAt = mail.text.indexOf(text, at);
      expect(textAt, `"${text}" in order`).toBeGreaterThan(at);
      cursor = textAt + text.length;
    }
    // No excluded system messages: not the start, the close, the transcript request, nor commands.
    expect(mail.text).not.toContain('Closed by visitor');
    expect(mail.text).not.toMatch(/promptTranscript|connected|livechat/);
    // The HTML part carries the script tag as text only.
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toMatch(/(&lt;|&#60;)script(&gt;|&#62;)/);
  });

  test('a 2,000-message conversation downloads completely, as text and as a web page', async ({ page, widget, agent }) => {
    test.setTimeout(120_000);
    await widget.goto();
    await widget.open();
    await widget.send('Start of a very long chat');
    const room = await agent.roomOf(await widget.token());
    const total = 2000;
    for (let i = 1; i < total; i += 50) {
      // 50 at a time: each batch in order, batches one after another.
      for (let j = i; j < Math.min(i + 50, total); j++) await agent.send(room._id, `line ${String(j).padStart(4, '0')}`);
    }
    // Every message stored; the live feed may still be delivering on a loaded machine (seen 150 behind).
    await expect(widget.message(`line ${String(total - 1).padStart(4, '0')}`)).toBeVisible({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Chat options' }).click();
    const [textDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download transcript (text)' }).click()]);
    const text = await readFile((await textDownload.path())!, 'utf8');
    const lines = text.split('\n').filter((l) => / line \d{4}$/.test(l));
    expect(lines).toHaveLength(total - 1);
    expect(lines.map((l) => l.slice(-4))).toEqual(Array.from({ length: total - 1 }, (_, k) => String(k + 1).padStart(4, '0')));
    expect(text).toContain('You: Start of a very long chat');
    expect(textDownload.suggestedFilename()).toMatch(/^chat-transcript-.*\.txt$/);

    await page.getByRole('button', { name: 'Chat options' }).click();
    const [htmlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download transcript (web page)' }).click()]);
    const html = await readFile((await htmlDownload.path())!, 'utf8');
    expect(html.match(/<li class="agent">/g)).toHaveLength(total - 1);
    expect(html).toContain('Start of a very long chat');
  });
});
