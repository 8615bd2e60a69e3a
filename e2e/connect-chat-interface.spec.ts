import { expect, SITE, STANDIN_URL, test } from './connect-fixtures.ts';
import { control } from './fixtures.ts';

/**
 * A page written for amazon-connect-chat-interface (its README's example), with only the script
 * changed: init({containerId}) in the page, initiateChat(...) from its own button.
 */
function chatInterfacePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chat interface site</title>
<script src="${SITE}/widget.js" data-participant-endpoint="${STANDIN_URL}"></script></head>
<body><main><h1>Amazon Connect - Custom Implementation of Customer Chat</h1>
<button id="startChatBtn" type="button">Launch Chat</button>
<section id="section-chat"><div id="root"></div></section></main>
<script>
  window.__calls = [];
  connect.ChatInterface.init({ containerId: 'root' });
  document.getElementById('startChatBtn').addEventListener('click', function () {
    connect.ChatInterface.initiateChat({
      name: 'Satoshi',
      region: 'us-east-1',
      apiGatewayEndpoint: '${STANDIN_URL}/connect-backend/start-chat',
      contactAttributes: JSON.stringify({ customerName: 'Satoshi' }),
      supportedMessagingContentTypes: 'text/plain,text/markdown',
    }, function (session) {
      window.__calls.push('success ' + session.contactId);
      session.onChatDisconnected(function () { window.__calls.push('disconnected'); });
    }, function (error) { window.__calls.push('failure ' + (error && error.message)); });
  });
</script></body></html>`;
}

test.describe('Amazon Connect: a chat-interface page switches by changing its script', () => {
  test('init + initiateChat start the chat with the name and attributes; onSuccess and onChatDisconnected are called', async ({ page, widget, agent }) => {
    const path = `/ci/${Date.now()}.html`;
    await control('pages', { path, html: chatInterfacePage() });
    await page.goto(`${SITE}${path}`);
    // Nothing shows until the page asks for a chat.
    await expect(page.getByRole('button', { name: /^Open chat/ })).toBeHidden();
    await page.getByRole('button', { name: 'Launch Chat' }).click();
    await expect(widget.composer).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls.join(','))).toMatch(/^success [\w-]+$/);
    const id = await widget.contactId();
    const contact = (await agent.client.contacts()).find((c) => c.ContactId === id)!;
    expect(contact.customer?.DisplayName).toBe('Satoshi');
    expect(contact.attributes).toMatchObject({ customerName: 'Satoshi' });
    const ana = await agent.join(widget);
    await widget.send('Hi from a chat-interface page');
    await ana.nextCustomerMessage('Hi from a chat-interface page', 10_000);
    await agent.client.stop(id);
    await expect(page.getByRole('heading', { name: 'Chat finished' })).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toContain('disconnected');
  });
});
