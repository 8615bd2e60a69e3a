/**
 * The analytics events (chat started, message sent and received, chat ended, transcript requested)
 * reach the page through the same API on both backends: `RocketChat.livechat.on…`. The names are in
 * the order they happened; each event's data is what the types (src/widget/package/api-types.ts) say.
 */
import { ConnectAgent, test as connectTest } from './connect-fixtures.ts';
import { expect, test, type WidgetPage } from './fixtures.ts';

const ANALYTICS = ['onChatStarted', 'onMessageSent', 'onMessageReceived', 'onChatEnded', 'onTranscriptRequested'];

/** The page's own script: listens to the analytics events, as a site's tag manager would. */
const recordAnalytics = `<script>
  window.__events = [];
  window.RocketChat = window.RocketChat || function (c) { window.RocketChat._.push(c); };
  window.RocketChat._ = window.RocketChat._ || [];
  RocketChat(function () {
    var self = this;
    ${JSON.stringify(ANALYTICS)}.forEach(function (n) { self[n](function (data) { window.__events.push({ name: n, data: data === undefined ? null : data }); }); });
  });
</script>`;

const EXPECTED = ['onChatStarted', 'onMessageSent', 'onMessageReceived', 'onChatEnded', 'onTranscriptRequested'];

async function requestTranscript(widget: WidgetPage): Promise<void> {
  const address = `analytics-${Date.now()}@example.com`;
  await widget.page.getByRole('textbox', { name: 'Email address' }).fill(address);
  await widget.page.getByRole('button', { name: 'Send transcript' }).click();
  await expect(widget.page.getByText(`Transcript sent to ${address}`)).toBeVisible();
}

async function checkData(widget: WidgetPage, conversationId: string): Promise<void> {
  const events = await widget.events();
  expect(events.find((e) => e.name === 'onMessageSent')!.data).toMatchObject({ conversationId, text: 'Where is my parcel?', id: expect.any(String) });
  expect(events.find((e) => e.name === 'onMessageReceived')!.data).toMatchObject({ conversationId, text: 'It left this morning.', id: expect.any(String) });
  expect(events.find((e) => e.name === 'onTranscriptRequested')!.data).toEqual({ conversationId });
}

test('Rocket.Chat: the analytics events reach the page, in order, with their data', async ({ page, widget, agent }) => {
  await widget.goto({ head: recordAnalytics });
  await widget.open();
  await widget.send('Where is my parcel?');
  const room = await agent.roomOf(await widget.token());
  await agent.send(room._id, 'It left this morning.');
  await expect(widget.message('It left this morning.')).toBeVisible();
  await agent.close(room._id, 'Done');
  await expect(page.getByRole('heading', { name: 'Chat finished' })).toBeVisible();
  await requestTranscript(widget);
  await expect.poll(() => widget.eventNames()).toEqual(EXPECTED);
  await checkData(widget, room._id);
});

connectTest('Amazon Connect: the same events through the same page API', async ({ page, widget, agent }) => {
  await widget.goto({ head: recordAnalytics });
  await widget.open();
  await widget.send('Where is my parcel?');
  const ana = await agent.join(widget);
  await ConnectAgent.sendSurely(ana, 'It left this morning.');
  await expect(widget.message('It left this morning.')).toBeVisible();
  await agent.client.stop(await widget.contactId());
  await expect(page.getByRole('heading', { name: 'Chat finished' })).toBeVisible();
  await requestTranscript(widget);
  await expect.poll(() => widget.eventNames()).toEqual(EXPECTED);
  await checkData(widget, await widget.contactId());
});
