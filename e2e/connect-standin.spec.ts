/**
 * The Connect stand-in as a real browser meets it: a customer page on http://site.test calls the reference
 * backend and the Participant Service on another origin, so Chromium enforces CORS on every call (the
 * preflight allow-list, the exposed error headers) and opens the ws://127.0.0.1 chat websocket. The agent
 * answers through the agent client, from Node.
 */
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { ConnectAgentClient } from '../src/shared/amazon-connect/agent-client.ts';
import { EMBEDDED, SITE, STANDIN_URL, control, hostPageHtml } from './fixtures.ts';

test.skip(!EMBEDDED, 'needs the embedded stand-in');

test('a cross-origin page starts a chat, talks over the websocket, and reads AWS error headers', async ({ page }) => {
  const path = `/shop/connect-${Date.now()}.html`;
  await control('pages', { path, html: hostPageHtml({ noWidget: true }) });
  await page.goto(`${SITE}${path}`);
  const agents = new ConnectAgentClient(STANDIN_URL, { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket });

  const started = await page.evaluate(async (base) => {
    const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const start = await (await post('/connect-backend/start-chat', { ParticipantDetails: { DisplayName: 'Browser Bea' } })).json();
    const { ContactId, ParticipantToken } = start.data.startChatResult;
    const conn = await (await post('/participant/connection', { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] }, { 'X-Amz-Bearer': ParticipantToken, 'X-Amz-User-Agent': 'e2e' })).json();
    const token = conn.ConnectionCredentials.ConnectionToken;
    const frames: unknown[] = [];
    const ws = new WebSocket(conn.Websocket.Url);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    ws.onmessage = (e) => frames.push(JSON.parse(String(e.data)));
    ws.send(JSON.stringify({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }));
    (window as unknown as { chat: unknown }).chat = { frames, token };
    await new Promise<void>((resolve) => {
      const check = () => (frames.some((f) => (f as { topic?: string }).topic === 'aws/subscribe') ? resolve() : setTimeout(check, 10));
      check();
    });
    const sent = await (await post('/participant/message', { ContentType: 'text/plain', Content: 'hello from the browser', ClientToken: 'e2e-send-1' }, { 'X-Amz-Bearer': token })).json();
    const denied = await post('/participant/message', { ContentType: 'text/plain', Content: 'x' }, { 'X-Amz-Bearer': ParticipantToken });
    let sdkRetryHeaders = 'allowed';
    try {
      await post('/participant/transcript', {}, { 'X-Amz-Bearer': token, 'amz-sdk-invocation-id': 'x' });
    } catch {
      sdkRetryHeaders = 'blocked by CORS';
    }
    return {
      ContactId,
      sentId: sent.Id,
      denied: { status: denied.status, type: denied.headers.get('x-amzn-errortype'), requestId: denied.headers.get('x-amzn-requestid'), body: await denied.json() },
      sdkRetryHeaders,
    };
  }, STANDIN_URL);

  expect(started.denied).toMatchObject({ status: 403, type: 'AccessDeniedException', body: { message: 'Access denied' } });
  expect(started.denied.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(started.sdkRetryHeaders).toBe('blocked by CORS');

  const agent = await agents.accept(started.ContactId, 'Ana Agent');
  await agent.send('hello from the agent');
  const frames = () =>
    page.evaluate(() =>
      ((window as unknown as { chat: { frames: { topic?: string; content?: string }[] } }).chat.frames)
        .filter((f) => f.topic === 'aws/chat')
        .map((f) => JSON.parse(f.content!) as { Content?: string; ParticipantRole?: string; Id?: string }),
    );
  await expect.poll(async () => (await frames()).filter((i) => i.Content).map((i) => `${i.ParticipantRole}: ${i.Content}`)).toEqual([
    'CUSTOMER: hello from the browser',
    'AGENT: hello from the agent',
  ]);
  expect((await frames()).find((i) => i.Content === 'hello from the browser')?.Id).toBe(started.sentId);
  await agent.disconnect();
  agent.close();
  await expect.poll(async () => (await frames()).some((i) => (i as { ContentType?: string }).ContentType?.endsWith('chat.ended'))).toBe(true);
});
