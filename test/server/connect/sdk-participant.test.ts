// @vitest-environment node
/**
 * The official @aws-sdk/client-connectparticipant against the stand-in, unchanged but for the endpoint and
 * dummy credentials: every operation the widget uses, typed exceptions, `$metadata.requestId`, and the
 * SDK's own retry on 429.
 */
import {
  AccessDeniedException,
  CompleteAttachmentUploadCommand,
  ConflictException,
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  DescribeViewCommand,
  DisconnectParticipantCommand,
  GetAttachmentCommand,
  GetTranscriptCommand,
  ResourceNotFoundException,
  SendEventCommand,
  SendMessageCommand,
  StartAttachmentUploadCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-connectparticipant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUMMY, REGION, RawSocket, startConnect, startCustomer, type Customer, type Running } from './harness.ts';

let r: Running;
beforeAll(async () => {
  r = await startConnect();
});
afterAll(async () => r?.close());

async function rejection<T>(p: Promise<T>): Promise<Error & { $metadata: { httpStatusCode?: number; requestId?: string; attempts?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected the call to fail');
}

describe('a customer chat through the official SDK', () => {
  let c: Customer;
  beforeAll(async () => {
    c = await startCustomer(r, 'Jane', { SupportedMessagingContentTypes: ['text/plain', 'text/markdown'] });
  });

  it('CreateParticipantConnection gives a ws://127.0.0.1 URL valid for 100 s and a token valid for a day', async () => {
    const before = Date.now();
    const conn = await r.participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: c.ParticipantToken, Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] }));
    expect(conn.Websocket?.Url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    const urlExpiry = Date.parse(conn.Websocket!.ConnectionExpiry!);
    expect(urlExpiry - before).toBeGreaterThanOrEqual(99_000);
    expect(urlExpiry - before).toBeLessThan(101_000 + (Date.now() - before));
    expect(conn.ConnectionCredentials?.Expiry).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(conn.ConnectionCredentials!.Expiry!) - before).toBeGreaterThanOrEqual(86_399_000);
    expect(conn.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a second connection for the same participant is allowed, and both tokens work', async () => {
    const second = await r.participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: c.ParticipantToken, Type: ['CONNECTION_CREDENTIALS'] }));
    expect(second.Websocket).toBeUndefined();
    const token = second.ConnectionCredentials!.ConnectionToken!;
    expect(token).not.toBe(c.ConnectionToken);
    await r.participant.send(new GetTranscriptCommand({ ConnectionToken: token }));
    await r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken }));
  });

  it('SendMessage answers Id and AbsoluteTime and the message is in the transcript', async () => {
    const sent = await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/markdown', Content: '**hello**' }));
    expect(sent.Id).toMatch(/^[0-9a-f-]{36}$/);
    const t = await r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken, MaxResults: 15, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', StartPosition: { MostRecent: 0 } }));
    expect(t.InitialContactId).toBe(c.ContactId);
    const item = t.Transcript!.at(-1)!;
    expect(item).toMatchObject({ Id: sent.Id, AbsoluteTime: sent.AbsoluteTime, Type: 'MESSAGE', Content: '**hello**', ContentType: 'text/markdown', ParticipantRole: 'CUSTOMER', DisplayName: 'Jane', ParticipantId: c.ParticipantId });
    expect(item.MessageMetadata).toEqual({ MessageId: sent.Id, Receipts: [] });
  });

  it('the SDK fills ClientToken, and the same ClientToken stores nothing twice', async () => {
    const first = await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: 'once', ClientToken: 'tok-1' }));
    const again = await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: 'once', ClientToken: 'tok-1' }));
    expect(again.Id).toBe(first.Id);
    expect(again.AbsoluteTime).toBe(first.AbsoluteTime);
    const t = await r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken, MaxResults: 100 }));
    expect(t.Transcript!.filter((i) => i.Content === 'once')).toHaveLength(1);
    const other = await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: 'once' }));
    expect(other.Id).not.toBe(first.Id);
  });

  it('SendEvent: typing, and read/delivered receipts for the agent’s message', async () => {
    const agent = await r.agents.accept(c.ContactId);
    try {
      const msg = await agent.send('How can I help?');
      const typing = await r.participant.send(new SendEventCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'application/vnd.amazonaws.connect.event.typing' }));
      expect(typing.Id).toMatch(/^[0-9a-f-]{36}$/);
      await r.participant.send(new SendEventCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'application/vnd.amazonaws.connect.event.message.delivered', Content: JSON.stringify({ messageId: msg.Id }) }));
      await r.participant.send(new SendEventCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'application/vnd.amazonaws.connect.event.message.read', Content: JSON.stringify({ messageId: msg.Id }) }));
      const receipt = await agent.waitFor((i) => i.Type === 'MESSAGEMETADATA' && !!i.MessageMetadata?.Receipts?.[0]?.ReadTimestamp);
      expect(receipt.MessageMetadata).toMatchObject({ MessageId: msg.Id, Receipts: [{ RecipientParticipantId: c.ParticipantId }] });
      const t = await r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken, MaxResults: 100, SortOrder: 'ASCENDING' }));
      const withReceipt = t.Transcript!.find((i) => i.Id === msg.Id)!;
      expect(withReceipt.MessageMetadata?.Receipts?.[0]).toMatchObject({ RecipientParticipantId: c.ParticipantId });
      expect(withReceipt.MessageMetadata?.Receipts?.[0]?.ReadTimestamp).toBeTruthy();
      expect(withReceipt.MessageMetadata?.Receipts?.[0]?.DeliveredTimestamp).toBeTruthy();
      // Typing is relayed, never kept.
      expect(t.Transcript!.some((i) => i.ContentType?.endsWith('.typing'))).toBe(false);
    } finally {
      agent.close();
    }
  });

  it('DescribeView answers ResourceNotFoundException with the ResourceId', async () => {
    const e = await rejection(r.participant.send(new DescribeViewCommand({ ConnectionToken: c.ConnectionToken, ViewToken: 'vt/1 2' })));
    expect(e).toBeInstanceOf(ResourceNotFoundException);
    expect((e as ResourceNotFoundException).ResourceId).toBe('vt/1 2');
    expect(e.$metadata.httpStatusCode).toBe(404);
  });

  it('typed errors: ValidationException (400) and AccessDeniedException (403) with the request id', async () => {
    const v = await rejection(r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'application/json', Content: '{}' })));
    expect(v).toBeInstanceOf(ValidationException);
    expect(v.message).toBe('Validation exception due to invalid parameter');
    expect(v.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // A ParticipantToken is not a ConnectionToken.
    const a = await rejection(r.participant.send(new SendMessageCommand({ ConnectionToken: c.ParticipantToken, ContentType: 'text/plain', Content: 'x' })));
    expect(a).toBeInstanceOf(AccessDeniedException);
    expect(a.message).toBe('Access denied');
    expect(a.$metadata.httpStatusCode).toBe(403);
  });
});

describe('attachments through the SDK and the presigned URLs', () => {
  it('StartAttachmentUpload → PUT with HeadersToInclude → CompleteAttachmentUpload → GetAttachment → GET', async () => {
    const c = await startCustomer(r);
    const ws = await RawSocket.subscribed(c.WebsocketUrl);
    const file = Buffer.from('order #1\nthank you\n');
    const up = await r.participant.send(new StartAttachmentUploadCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', AttachmentName: 'order.txt', AttachmentSizeInBytes: file.length }));
    expect(up.UploadMetadata?.HeadersToInclude).toEqual({ 'Content-Type': 'text/plain' });
    const wrong = await fetch(up.UploadMetadata!.Url!, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: file });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const put = await fetch(up.UploadMetadata!.Url!, { method: 'PUT', headers: up.UploadMetadata!.HeadersToInclude!, body: file });
    expect(put.status).toBe(200);
    await r.participant.send(new CompleteAttachmentUploadCommand({ ConnectionToken: c.ConnectionToken, AttachmentIds: [up.AttachmentId!] }));
    const item = await ws.item((i) => i.Type === 'ATTACHMENT');
    expect(item.Attachments).toEqual([{ ContentType: 'text/plain', AttachmentId: up.AttachmentId, AttachmentName: 'order.txt', Status: 'APPROVED' }]);
    const again = await rejection(r.participant.send(new CompleteAttachmentUploadCommand({ ConnectionToken: c.ConnectionToken, AttachmentIds: [up.AttachmentId!] })));
    expect(again).toBeInstanceOf(ConflictException);
    const got = await r.participant.send(new GetAttachmentCommand({ ConnectionToken: c.ConnectionToken, AttachmentId: up.AttachmentId!, UrlExpiryInSeconds: 60 }));
    expect(got.AttachmentSizeInBytes).toBe(file.length);
    const download = await fetch(got.Url!);
    expect(download.headers.get('content-type')).toBe('text/plain');
    expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);
    ws.close();
  });

  it('a file type Connect does not take is a ValidationException', async () => {
    const c = await startCustomer(r);
    const e = await rejection(r.participant.send(new StartAttachmentUploadCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'application/x-msdownload', AttachmentName: 'a.exe', AttachmentSizeInBytes: 10 })));
    expect(e).toBeInstanceOf(ValidationException);
  });
});

describe('after the end', () => {
  it('DisconnectParticipant ends the chat; then every call and a new connection are AccessDeniedException', async () => {
    const c = await startCustomer(r);
    await r.participant.send(new DisconnectParticipantCommand({ ConnectionToken: c.ConnectionToken }));
    for (const call of [
      r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: 'late' })),
      r.participant.send(new SendEventCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'application/vnd.amazonaws.connect.event.typing' })),
      r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken })),
      r.participant.send(new DisconnectParticipantCommand({ ConnectionToken: c.ConnectionToken })),
      r.participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: c.ParticipantToken, Type: ['CONNECTION_CREDENTIALS'] })),
    ]) {
      const e = await rejection(call);
      expect(e).toBeInstanceOf(AccessDeniedException);
    }
  });

  it('the agent ending the chat denies the customer too', async () => {
    const c = await startCustomer(r);
    const agent = await r.agents.accept(c.ContactId);
    await agent.disconnect();
    agent.close();
    const e = await rejection(r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: 'hello?' })));
    expect(e).toBeInstanceOf(AccessDeniedException);
  });
});

describe('throttling', () => {
  it('429 ThrottlingException, which the SDK retries before giving up', async () => {
    const t = await startConnect({ connect: { throttle: { ratePerSecond: 0.0001, burst: 1 } } });
    try {
      const client = new ConnectParticipantClient({ region: REGION, endpoint: t.baseUrl, credentials: DUMMY, maxAttempts: 3 });
      const c = await startCustomer(t);
      await client.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken }));
      const e = await rejection(client.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken })));
      expect(e).toBeInstanceOf(ThrottlingException);
      expect(e.$metadata.httpStatusCode).toBe(429);
      expect(e.$metadata.attempts).toBe(3);
    } finally {
      await t.close();
    }
  });
});
