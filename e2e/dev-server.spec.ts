/**
 * The demo as a new user meets it: `npm run dev` on a fresh clone (no pre-bundled dependencies yet)
 * prints where everything is, and the very first launcher click opens the chat — no "504 Outdated
 * Optimize Dep", no reload that swallows the click, no 404 (favicon included) on any demo page.
 *
 * Starts its own `npx vite` on E2E_DEV_PORT (default: E2E_PORT + 1) with an empty dependency cache.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PORT } from './fixtures.ts';

const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? PORT + 1);
const DEV_URL = `http://127.0.0.1:${DEV_PORT}`;

let vite: ChildProcess | undefined;
let cacheDir = '';
let output = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cacheDir = mkdtempSync(join(tmpdir(), 'vite-cold-'));
  vite = spawn('npx', ['vite', '--port', String(DEV_PORT), '--strictPort'], {
    env: { ...process.env, VITE_CACHE_DIR: cacheDir, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the whole tree (npx, vite) stops with it.
    detached: true,
  });
  vite.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  vite.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await expect.poll(() => output, { timeout: 90_000, message: 'vite prints its URLs' }).toContain('Settings:');
});

test.afterAll(() => {
  if (vite?.pid) {
    try {
      process.kill(-vite.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(cacheDir, { recursive: true, force: true });
});

test.describe('npm run dev on a fresh clone', () => {
  test('prints the URLs of the site, the agent console, the mailbox, the settings page and the Connect page', () => {
    expect(output).toContain(`Local:   ${DEV_URL}/`);
    for (const [name, path] of [['Agent console', '/demo/agent.html'], ['Mailbox', '/demo/mailbox.html'], ['Settings', '/demo/settings.html'], ['On Amazon Connect', '/connect.html']] as const) {
      expect(output).toMatch(new RegExp(`${name}: +${DEV_URL.replace(/[.]/g, '\\.')}${path.replace(/[.]/g, '\\.')}`));
    }
  });

  test('the first launcher click opens the chat, with no reload and no failed request', async ({ page }) => {
    test.setTimeout(120_000);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${DEV_URL}/`);
    await expect.poll(() => loads).toBe(1);
    // Once, as a visitor does, and no second try.
    await page.getByRole('button', { name: /^Open chat/ }).click();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible({ timeout: 60_000 });
    expect(loads, 'the page did not reload').toBe(1);
    await expect(page.getByRole('button', { name: 'Minimize chat' })).toBeVisible();
    // Nobody is signed in at the console: the demo bot answers, and says it is a bot.
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello, anyone there?');
    await composer.press('Enter');
    const log = page.getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText('demo bot', { timeout: 30_000 });
    await expect(log).toContainText('not a person');
    await expect(page.getByText('Chatting with Demo bot')).toBeVisible();
    expect(failed).toEqual([]);
  });

  test('every demo page loads without a 404, favicon included', async ({ page }) => {
    test.setTimeout(120_000);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    for (const path of ['/demo/agent.html', '/demo/mailbox.html', '/demo/settings.html']) {
      await page.goto(`${DEV_URL}${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 60_000 });
    }
    const icon = await page.request.get(`${DEV_URL}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/image/);
    expect(failed).toEqual([]);
  });
});
