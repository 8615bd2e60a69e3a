// @vitest-environment node
/**
 * The control plane through the official @aws-sdk/client-connect: StartChatContact signed with any
 * credentials, InstanceId and ContactFlowId checked, Connect's error types; the chat starting as Connect
 * starts it (customer joined, the flow's greeting, the initial message), StopContact ending it.
 */
import {
  ContactNotFoundException,
  InvalidParameterException,
  ResourceNotFoundException,
  StartChatContactCommand,
  StopContactCommand,
} from '@aws-sdk/client-connect';
import { GetTranscriptCommand } from '@aws-sdk/client-connectparticipant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, RawSocket, startConnect, startCustomer, type Running } from './harness.ts';

let r: Running;
beforeAll(async () => {
  r = await startConnect({ connect: { greeting: 'Thanks for contacting us.' } });
});
afterAll(async () => r?.close());

async function rejection(p: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected a failure');
}

const start = (over: Record<string, unknown> = {}) =>
  r.connect.send(new StartChatContactCommand({ InstanceId: r.instanceId, ContactFlowId: r.flowId, ParticipantDetails: { DisplayName: 'Jane' }, ...over }));

describe('StartChatContact', () => {
  it('answers ContactId, ParticipantId and a ParticipantToken', async () => {
    const s = await start();
    expect(s.ContactId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.ParticipantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.ParticipantToken!.length).toBeGreaterThan(100);
    expect(s.ParticipantToken!.length).toBeLessThanOrEqual(1000);
  });

  it('the chat begins with the customer joined, the flow’s greeting, then the initial message', async () => {
    const c = await startCustomer(r, 'Jane', { InitialMessage: { ContentType: 'text/plain', Content: 'My order is late' } });
    const t = await r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken, SortOrder: 'ASCENDING', MaxResults: 100 }));
    expect(t.Transcript!.map((i) => [i.Type, i.ContentType, i.ParticipantRole, i.Content])).toEqual([
      ['EVENT', 'application/vnd.amazonaws.connect.event.participant.joined', 'CUSTOMER', undefined],
      ['MESSAGE', 'text/plain', 'CUSTOMER', 'My order is late'],
      ['MESSAGE', 'text/plain', 'SYSTEM', 'Thanks for contacting us.'],
    ]);
    expect(t.Transcript![2]!.DisplayName).toBe('SYSTEM_MESSAGE');
  });

  it('the same ClientToken starts no second chat', async () => {
    const a = await start({ ClientToken: 'start-1' });
    const b = await start({ ClientToken: 'start-1' });
    expect(b.ContactId).toBe(a.ContactId);
    expect((await r.agents.contacts()).filter((c) => c.ContactId === a.ContactId)).toHaveLength(1);
  });

  it('an unknown instance or flow is ResourceNotFoundException', async () => {
    const i = await rejection(start({ InstanceId: '99999999-9999-4999-8999-999999999999' }));
    expect(i).toBeInstanceOf(ResourceNotFoundException);
    expect(i.$metadata.httpStatusCode).toBe(404);
    const f = await rejection(start({ ContactFlowId: '99999999-9999-4999-8999-999999999999' }));
    expect(f).toBeInstanceOf(ResourceNotFoundException);
  });

  it.each([
    ['a blank DisplayName', { ParticipantDetails: { DisplayName: ' ' } }],
    ['a DisplayName over 256', { ParticipantDetails: { DisplayName: 'x'.repeat(257) } }],
    ['content types without text/plain', { SupportedMessagingContentTypes: ['text/markdown'] }],
    ['an unknown content type', { SupportedMessagingContentTypes: ['text/plain', 'text/html'] }],
    ['a chat of 59 minutes', { ChatDurationInMinutes: 59 }],
    ['a chat over 7 days', { ChatDurationInMinutes: 10081 }],
    ['an attribute key with a space', { Attributes: { 'bad key': 'v' } }],
    ['attributes over 32 KB', { Attributes: { big: 'x'.repeat(33_000) } }],
  ])('%s is InvalidParameterException', async (_why, over) => {
    const e = await rejection(start(over));
    expect(e).toBeInstanceOf(InvalidParameterException);
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it('an unsigned request is refused as AWS refuses it', async () => {
    const reply = await raw(r.baseUrl, '/contact/chat', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(reply.body).toEqual({ message: 'Missing Authentication Token' });
  });

  it('a body Connect cannot parse is InvalidRequestException with a Message', async () => {
    const reply = await raw(r.baseUrl, '/contact/chat', { method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=x' }, body: '{oops' });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect(reply.body).toEqual({ Message: 'The request is not valid.' });
  });
});

describe('StopContact', () => {
  it('ends the chat the customer is in: chat.ended on the socket, then Access denied', async () => {
    const c = await startCustomer(r);
    const ws = await RawSocket.subscribed(c.WebsocketUrl);
    await r.connect.send(new StopContactCommand({ InstanceId: r.instanceId, ContactId: c.ContactId }));
    await ws.item((i) => i.ContentType === 'application/vnd.amazonaws.connect.event.chat.ended');
    await expect(r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const again = await rejection(r.connect.send(new StopContactCommand({ InstanceId: r.instanceId, ContactId: c.ContactId })));
    expect(again).toBeInstanceOf(ContactNotFoundException);
    expect(again.$metadata.httpStatusCode).toBe(410);
    ws.close();
  });
});

describe('the stand-in controls an agent console uses', () => {
  it('lists contacts by state with the customer’s name and last message; accept makes an AGENT participant', async () => {
    const c = await startCustomer(r, 'Zoë');
    const waiting = await r.agents.contacts('waiting');
    const mine = waiting.find((x) => x.ContactId === c.ContactId)!;
    expect(mine).toMatchObject({ state: 'waiting', customer: { DisplayName: 'Zoë' }, agent: null, lastMessage: { Content: 'Thanks for contacting us.', ParticipantRole: 'SYSTEM' } });
    const agent = await r.agents.accept(c.ContactId, 'Sam');
    const now = (await r.agents.contacts('connected')).find((x) => x.ContactId === c.ContactId)!;
    expect(now.agent).toMatchObject({ DisplayName: 'Sam', ParticipantId: agent.participantId });
    await expect(r.agents.accept(c.ContactId)).rejects.toThrow('409');
    await agent.disconnect();
    expect((await r.agents.contacts('ended')).some((x) => x.ContactId === c.ContactId)).toBe(true);
    agent.close();
  });
});
