/**
 * Files, both ways: the visitor attaches (button, drop, paste), sees progress, can cancel; the server's
 * limits refuse a file before it is sent; a failed upload keeps its file for Retry, even across a
 * reload; pictures show inline from the server, other files as download links.
 */
import type { Page } from '@playwright/test';
import { RC_URL, expect, test, withSetting, type WidgetPage } from './fixtures.ts';

// The smallest PNG there is: one transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function attach(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Attach a file' }).click()]);
  await chooser.setFiles(files);
}

async function chatting(widget: WidgetPage): Promise<void> {
  await widget.goto();
  await widget.open();
  await widget.send('I have a file for you');
}

const uploads = (page: Page) => page.getByRole('list', { name: 'Attach a file' });

test.describe('files', () => {
  test('a picture sent with the attach button shows inline, bounded, with its name as alt text; the agent has it', async ({ page, widget, agent }) => {
    await chatting(widget);
    await attach(page, [{ name: 'dot.png', mimeType: 'image/png', buffer: PNG }]);
    const img = widget.log.getByRole('img', { name: 'dot.png' });
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
    // Served by the chat server itself, never a data: or javascript: address.
    expect(await img.getAttribute('src')).toMatch(new RegExp(`^${RC_URL.replace(/[.]/g, '\\.')}/file-upload/`));
    expect(await img.evaluate((el) => getComputedStyle(el).maxWidth)).toBe('100%');
    await expect(widget.log.getByRole('link', { name: /^Download dot\.png/ })).toBeVisible();
    await expect(uploads(page)).toHaveCount(0);
    const room = await agent.roomOf(await widget.token());
    const history = await agent.history(room);
    expect(history.some((m) => m.file?.name === 'dot.png')).toBe(true);
  });

  test('another file is a download link with its name and size', async ({ page, widget }) => {
    await chatting(widget);
    await attach(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('twelve bytes') }]);
    const link = widget.log.getByRole('link', { name: 'Download notes.txt (12 bytes)' });
    await expect(link).toBeVisible();
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${RC_URL.replace(/[.]/g, '\\.')}/file-upload/`));
    const file = await page.request.get(href!);
    expect(await file.text()).toBe('twelve bytes');
  });

  test("a file over the server's size limit, or of a refused type, is refused before anything is sent", async ({ page, widget, agent }) => {
    await withSetting(agent, 'FileUpload_MaxFileSize', 1000, async () => {
      await chatting(widget);
      const sent: string[] = [];
      page.on('request', (r) => r.url().includes('/livechat/upload/') && sent.push(r.url()));
      await attach(page, [{ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(2048, 1) }]);
      await expect(page.getByRole('alert').filter({ hasText: 'big.bin is 2 kB; files can be at most 1 kB.' })).toBeVisible();
      // Rocket.Chat refuses SVG by default (FileUpload_MediaTypeBlackList).
      await attach(page, [{ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }]);
      await expect(page.getByRole('alert').filter({ hasText: 'logo.svg cannot be sent: this chat does not accept files of that type.' })).toBeVisible();
      expect(sent).toEqual([]);
      await page.getByRole('button', { name: 'Remove: big.bin' }).click();
      await page.getByRole('button', { name: 'Remove: logo.svg' }).click();
      await expect(uploads(page)).toHaveCount(0);
    });
  });

  test('an upload shows its progress and can be cancelled', async ({ page, widget, agent }) => {
    await chatting(widget);
    // Hold the upload on the wire, as a slow network would.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/v1/livechat/upload/**', async (route) => {
      await held;
      await route.abort().catch(() => undefined);
    });
    await attach(page, [{ name: 'slow.txt', mimeType: 'text/plain', buffer: Buffer.from('slow') }]);
    await expect(page.getByRole('progressbar', { name: 'Sending slow.txt' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel: slow.txt' }).click();
    await expect(uploads(page)).toHaveCount(0);
    release();
    const room = await agent.roomOf(await widget.token());
    expect((await agent.history(room)).some((m) => m.file?.name === 'slow.txt')).toBe(false);
  });

  test('a failed upload keeps its file, survives a reload, and goes on Retry; a refusal by the server offers no Retry', async ({ page, widget, agent }) => {
    await chatting(widget);
    await page.route('**/api/v1/livechat/upload/**', (route) => route.abort('connectionreset'));
    await attach(page, [{ name: 'retry.png', mimeType: 'image/png', buffer: PNG }]);
    await expect(page.getByRole('alert').filter({ hasText: /^retry\.png was not sent\./ })).toBeVisible();
    // Still unreachable while the page reloads: the file comes back, waiting for Retry.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Retry: retry.png' })).toBeVisible();
    await page.unroute('**/api/v1/livechat/upload/**');
    await page.getByRole('button', { name: 'Retry: retry.png' }).click();
    await expect(widget.log.getByRole('img', { name: 'retry.png' })).toBeVisible();
    await expect(uploads(page)).toHaveCount(0);

    // A limit the widget could not know in advance (set after it read them): the server's word, and Remove.
    await page.route('**/api/v1/settings.public**', (route) => route.fulfill({ status: 404, body: '' }));
    await page.reload();
    // The panel was open: it comes back open.
    await expect(widget.composer).toBeVisible();
    await withSetting(agent, 'FileUpload_MaxFileSize', 1000, async () => {
      await attach(page, [{ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(2048, 1) }]);
      await expect(page.getByRole('alert').filter({ hasText: 'big.bin was not sent. The file is larger than the chat server accepts.' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Retry: big.bin' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Remove: big.bin' })).toBeVisible();
    });
  });

  test('a file dropped on the panel, and a picture pasted into the message box, are sent', async ({ page, widget }) => {
    await chatting(widget);
    const dropped = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }));
      return d;
    });
    const shell = page.locator('[data-rocketchat-widget] .shell');
    await widget.log.dispatchEvent('dragover', { dataTransfer: dropped });
    // The panel says where to drop (drawn over the conversation from this attribute).
    await expect(shell).toHaveAttribute('data-drop', 'Drop a file here to send it');
    await widget.log.dispatchEvent('drop', { dataTransfer: dropped });
    await expect(shell).not.toHaveAttribute('data-drop', /./);
    await expect(widget.log.getByRole('link', { name: /^Download dropped\.txt/ })).toBeVisible();

    const png = PNG.toString('base64');
    await widget.composer.evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const d = new DataTransfer();
      d.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true, composed: true }));
    }, png);
    await expect(widget.log.getByRole('img', { name: 'image.png' })).toBeVisible();
    // The paste did not put anything in the message box.
    await expect(widget.composer).toHaveValue('');
  });
});
