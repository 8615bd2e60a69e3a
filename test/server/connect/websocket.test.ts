// @vitest-environment node
/**
 * The chat websocket frame by frame (contract §2): subscribe, heartbeat, deep ping, chat items as
 * `{content, contentType, topic}` with the sender's own message echoed, events as `Type:"EVENT"`, receipts
 * as `MESSAGEMETADATA`, the 100 s URL expiry, the per-participant socket limit, and API Gateway's error frame.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendEventCommand, SendMessageCommand } from '@aws-sdk/client-connectparticipant';
import { RawSocket, startConnect, startCustomer, type Running } from './harness.ts';

let r: Running;
beforeAll(async () => {
  r = await startConnect();
});
afterAll(async () => r?.close());

describe('the control frames', () => {
  it('subscribe, heartbeat and ping are answered exactly as §2 says', async () => {
    const c = await startCustomer(r);
    const s = await RawSocket.open(c.WebsocketUrl);
    s.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
    expect(await s.next(() => true)).toEqual({ topic: 'aws/subscribe', content: { status: 'success', topics: ['aws/chat'] } });
    s.send({ topic: 'aws/heartbeat' });
    expect(await s.next(() => true)).toEqual({ topic: 'aws/heartbeat' });
    s.send({ topic: 'aws/ping' });
    expect(await s.next(() => true)).toEqual({ topic: 'aws/ping', statusCode: 200, statusContent: 'OK' });
    s.close();
  });

  it('a subscription to another topic fails; unknown or malformed frames get the Forbidden frame', async () => {
    const c = await startCustomer(r);
    const s = await RawSocket.open(c.WebsocketUrl);
    s.send({ topic: 'aws/subscribe', content: { topics: ['aws/agent'] } });
    expect(await s.next(() => true)).toEqual({ topic: 'aws/subscribe', content: { status: 'failure', topics: ['aws/agent'] } });
    for (const bad of ['not json', '{"topic":"aws/whatever"}', '[1]', '{"topic":"aws/subscribe"}']) {
      s.send(bad);
      const f = await s.next(() => true);
      expect(f).toMatchObject({ message: 'Forbidden' });
      expect(typeof f.connectionId).toBe('string');
      expect(typeof f.requestId).toBe('string');
    }
    expect(s.closed).toBeUndefined();
    s.close();
  });
});

describe('chat items', () => {
  it('nothing arrives before the subscription; after it, the sender’s own message comes back as aws/chat', async () => {
    const c = await startCustomer(r);
    const s = await RawSocket.open(c.WebsocketUrl);
    await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: 'before' }));
    s.send({ topic: 'aws/heartbeat' });
    await s.next((f) => f.topic === 'aws/heartbeat');
    expect(s.frames.some((f) => f.topic === 'aws/chat')).toBe(false);
    s.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
    await s.next((f) => f.topic === 'aws/subscribe');
    const sent = await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: 'after' }));
    const frame = await s.next((f) => f.topic === 'aws/chat');
    expect(Object.keys(frame)).toEqual(['content', 'contentType', 'topic']);
    expect(frame.contentType).toBe('application/json');
    expect(typeof frame.content).toBe('string');
    expect(JSON.parse(String(frame.content))).toEqual({
      AbsoluteTime: sent.AbsoluteTime,
      Content: 'after',
      ContentType: 'text/plain',
      Id: sent.Id,
      Type: 'MESSAGE',
      ParticipantId: c.ParticipantId,
      DisplayName: 'Jane',
      ParticipantRole: 'CUSTOMER',
      ContactId: c.ContactId,
      InitialContactId: c.ContactId,
    });
    s.close();
  });

  it('the agent joining, typing, reading and leaving: events with Type EVENT, receipts as MESSAGEMETADATA', async () => {
    const c = await startCustomer(r);
    const s = await RawSocket.subscribed(c.WebsocketUrl);
    const agent = await r.agents.accept(c.ContactId, 'Sam Support');
    const joined = await s.item((i) => i.ContentType === 'application/vnd.amazonaws.connect.event.participant.joined' && i.ParticipantRole === 'AGENT');
    expect(joined).toMatchObject({ Type: 'EVENT', DisplayName: 'Sam Support', ParticipantId: agent.participantId, InitialContactId: c.ContactId });
    await agent.typing();
    expect(await s.item((i) => i.ContentType === 'application/vnd.amazonaws.connect.event.typing')).toMatchObject({ Type: 'EVENT', ParticipantRole: 'AGENT' });
    const mine = await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: 'hi' }));
    await agent.read(mine.Id!);
    const receipt = await s.item((i) => i.Type === 'MESSAGEMETADATA');
    expect(receipt).toMatchObject({ ContentType: 'application/vnd.amazonaws.connect.event.message.metadata', MessageMetadata: { MessageId: mine.Id, Receipts: [{ RecipientParticipantId: agent.participantId }] } });
    expect(receipt).not.toHaveProperty('ParticipantId');
    const r0 = (receipt.MessageMetadata as { Receipts: Record<string, string>[] }).Receipts[0]!;
    expect(r0.ReadTimestamp && r0.DeliveredTimestamp).toBeTruthy();
    // A receipt already given is not announced again.
    await agent.read(mine.Id!);
    await agent.disconnect();
    const left = await s.item((i) => i.ContentType === 'application/vnd.amazonaws.connect.event.participant.left');
    expect(left).toMatchObject({ Type: 'EVENT', ParticipantRole: 'AGENT' });
    const ended = await s.item((i) => i.ContentType === 'application/vnd.amazonaws.connect.event.chat.ended');
    expect(ended).toMatchObject({ Type: 'EVENT', ContactId: c.ContactId, InitialContactId: c.ContactId });
    expect(ended).not.toHaveProperty('ParticipantRole');
    expect(s.frames.filter((f) => f.topic === 'aws/chat' && String(f.content).includes('MESSAGEMETADATA'))).toHaveLength(1);
    agent.close();
    expect((await s.waitClosed()).code).toBe(1000);
  });

  it('every socket of the contact gets the item, in the order sent', async () => {
    const c = await startCustomer(r);
    const a = await RawSocket.subscribed(c.WebsocketUrl);
    const b = await RawSocket.subscribed(c.WebsocketUrl);
    for (const text of ['one', 'two', 'three']) {
      await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: text }));
    }
    for (const s of [a, b]) {
      const got = [await s.item(), await s.item(), await s.item()].map((i) => i.Content);
      expect(got).toEqual(['one', 'two', 'three']);
      s.close();
    }
  });
});

describe('limits', () => {
  it('a URL older than its ConnectionExpiry cannot be opened', async () => {
    const t = await startConnect({ connect: { websocketUrlTtlMs: 1 } });
    try {
      const c = await startCustomer(t);
      await expect(RawSocket.open(c.WebsocketUrl)).rejects.toThrow('HTTP 403');
    } finally {
      await t.close();
    }
  });

  it('an unknown URL token is refused; a participant holds at most 5 sockets', async () => {
    const c = await startCustomer(r);
    await expect(RawSocket.open(c.WebsocketUrl.replace(/Token=.*/, 'Token=forged'))).rejects.toThrow('HTTP 403');
    const open = [];
    for (let i = 0; i < 5; i++) open.push(await RawSocket.open(c.WebsocketUrl));
    await expect(RawSocket.open(c.WebsocketUrl)).rejects.toThrow('HTTP 429');
    for (const s of open) s.close();
  });

  it('a silent socket is closed with 1001 (API Gateway’s idle timeout)', async () => {
    const t = await startConnect({ connect: { transport: { idleTimeoutMs: 1500 } } });
    try {
      const c = await startCustomer(t);
      const quiet = await RawSocket.subscribed(c.WebsocketUrl);
      expect((await quiet.waitClosed(6000)).code).toBe(1001);
    } finally {
      await t.close();
    }
  });

  it('typing events of a participant are relayed to the other side too', async () => {
    const c = await startCustomer(r);
    const agent = await r.agents.accept(c.ContactId);
    await r.participant.send(new SendEventCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'application/vnd.amazonaws.connect.event.typing' }));
    const typing = await agent.waitFor((i) => i.ContentType === 'application/vnd.amazonaws.connect.event.typing' && i.ParticipantRole === 'CUSTOMER');
    expect(typing.Type).toBe('EVENT');
    agent.close();
  });
});
