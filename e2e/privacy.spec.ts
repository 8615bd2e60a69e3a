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
    // …and the device keeps nothing of them: no token, no conversation, no stored keys but the panel's own.
    expect(await widget.api('getVisitorToken')).toBeUndefined();
    const kept = await page.evaluate(() => Object.keys(localStorage).map((k) => k.replace(/^rcw:[^:]+:/, '')));
    expect(kept.filter((k) => !['open', 'sound'].includes(k))).toEqual([]);

    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.reload();
    await expect(widget.composer).toBeVisible();
    await expect(page.getByText('Send us a message and we will reply here.')).toBeVisible();
  });
});
