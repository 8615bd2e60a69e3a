/** Node-side helpers the benches share: a visitor's first chat, and the room the server opened for it. */
import type { Page } from '@playwright/test';
import type { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import type { WireRoom } from '../src/shared/rocketchat/wire.ts';

/** Bounded: 100 looks 100 ms apart, then the bench's measurement fails rather than hangs. */
export async function roomOf(agent: AgentClient, token: string): Promise<WireRoom> {
  for (let i = 0; i < 100; i++) {
    const room = (await agent.rooms()).find((r) => r.v.token === token);
    if (room) return room;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the visitor has no room');
}

/**
 * A visitor opens the chat on `page` (already on a host page), sends `text`, and closes the panel, waiting
 * until the closed state is stored (else the next visit would reopen it by itself): their room.
 */
export async function startChat(page: Page, agent: AgentClient, text: string): Promise<WireRoom> {
  await page.getByRole('button', { name: /^Open chat/ }).click();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await page.getByText(text).waitFor();
  const token = await page.evaluate(() => (window as unknown as { RocketChat: { livechat: { getVisitorToken(): string } } }).RocketChat.livechat.getVisitorToken());
  const room = await roomOf(agent, token);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.endsWith(':open')));
  return room;
}
