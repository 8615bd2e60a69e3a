/** "Forget my data": confirmed, erased on the server, and nothing of the visitor left on the device. */
import { RC_URL, expect, test } from './fixtures.ts';

test.describe('forget my data', () => {
  test('after confirmation the server erases the visitor and the widget starts clean', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Please forget me afterwards');
    const token = await widget.token();
    await agent.roomOf(token);

    await page.getByRole('button', { name: 'Chat options' }).click();
    await page.getByRole('button', { name: 'Forget my data' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Forget your data?' });
    await expect(dialog).toBeVisible();
    // The safe choice first; Escape keeps everything.
    await expect(dialog.getByRole('button', { name: 'Keep my data' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(widget.message('Please forget me afterwards')).toBeVisible();

    await page.getByRole('button', { name: 'Chat options' }).click();
    await page.getByRole('button', { name: 'Forget my data' }).click();
    await dialog.getByRole('button', { name: 'Yes, forget my data' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your data was erased.' })).toBeFocused();
    await expect(widget.message('Please forget me afterwards')).toHaveCount(0);

    // The server no longer knows the visitor…
    const asked = await fetch(`${RC_URL}/api/v1/livechat/visitor/${token}`);
    expect(asked.status).toBe(400);
    expect(await asked.json()).toMatchObject({ success: false, error: expect.stringMatching(/invalid-token/) });
    // …and the device keeps nothing of them: no token, no conversation, no stored keys but the panel's own
    // (open, sound) and whether the site has proactive messages.
    expect(await widget.api('getVisitorToken')).toBeUndefined();
    const kept = await page.evaluate(() => Object.keys(localStorage).map((k) => k.replace(/^rcw:[^:]+:/, '')));
    expect(kept.filter((k) => !['open', 'sound', 'triggers'].includes(k))).toEqual([]);

    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.reload();
    await expect(widget.composer).toBeVisible();
    await expect(page.getByText('Send us a message and we will reply here.')).toBeVisible();
  });
});

test.describe('the survey after a chat', () => {
  test('answered by keyboard, radio groups with legends, stored on the room', async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Thanks for the help');
    const token = await widget.token();
    const room = await agent.roomOf(token);
    await widget.finish();
    const form = page.getByRole('form', { name: 'How did we do?' });
    await expect(form).toBeVisible();
    const overall = form.getByRole('group', { name: 'Overall satisfaction' });
    await expect(overall.getByRole('radio')).toHaveCount(5);
    // Keyboard only: into the first group, arrows to move, the comment, then Send.
    await overall.getByRole('radio', { name: '1 of 5, Poor' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(overall.getByRole('radio', { name: '5 of 5, Excellent' })).toBeChecked();
    await form.getByRole('group', { name: 'How quickly they answered' }).getByRole('radio', { name: '4 of 5' }).check();
    await form.getByRole('textbox', { name: 'Anything else you would like to tell us?' }).fill('Quick and kind');
    await form.getByRole('button', { name: 'Send feedback' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Thank you for your feedback!' })).toBeVisible();
    await expect
      .poll(async () => (await agent.rooms(false)).find((r) => r._id === room._id)?.surveyFeedback)
      .toEqual({ satisfaction: '5', agentResposiveness: '4', additionalFeedback: 'Quick and kind' });
  });

  test('can be skipped, and then the transcript offer is next', async ({ page, widget }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Just looking');
    await widget.finish();
    await page.getByRole('button', { name: 'Skip' }).click();
    await expect(page.getByRole('form', { name: 'How did we do?' })).toHaveCount(0);
    // Focus goes on to what follows the survey (the transcript offer, where the server has transcripts).
    const email = page.getByRole('textbox', { name: 'Email address' });
    if (await email.count()) await expect(email).toBeFocused();
    else await expect(page.getByRole('button', { name: 'Text file' })).toBeFocused();
  });
});
