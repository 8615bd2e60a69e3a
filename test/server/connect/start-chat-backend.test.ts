// @vitest-environment node
/**
 * The reference start-chat backend (src/start-chat): input validation, CORS, the Lambda event in and out,
 * the samples' answers, and "Email me the transcript" arriving complete and in order through a real SMTP
 * server (the stand-in's catcher) for a chat the visitor ended and for one the agent ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanions } from '../../../src/server/companions.ts';
import type { CaughtMail } from '../../../src/server/mail/smtp-catcher.ts';
import { ChatSocket } from '../../../src/shared/amazon-connect/chat-socket.ts';
import { ParticipantClient } from '../../../src/shared/amazon-connect/participant-client.ts';
import { DEFAULT_CONTENT_TYPES, type StartChatConfig } from '../../../src/start-chat/config.ts';
import { createStartChatBackend, type StartChatBackend } from '../../../src/start-chat/handler.ts';
import { handleEvent } from '../../../src/start-chat/lambda.ts';
import { raw, startConnect, WsCtor, type Running } from './harness.ts';

let r: Running;
let stopCompanions: () => Promise<void>;
let pc: ParticipantClient;

beforeAll(async () => {
  r = await startConnect({ settings: { From_Email: 'support@acme.example', Site_Name: 'Acme' }, connect: { greeting: 'Thanks for contacting Acme.' } });
  stopCompanions = await startCompanions(r.standin, { smtpCatcherPort: 0 });
  pc = new ParticipantClient({ endpoint: r.baseUrl });
});
afterAll(async () => {
  await stopCompanions?.();
  await r?.close();
});

const backendPost = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(r.baseUrl, `/connect-backend${path}`, { headers: { 'content-type': 'application/json', origin: 'https://shop.example', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function mailbox(): Promise<CaughtMail[]> {
  return ((await raw(r.baseUrl, '/_standin/mailbox', { method: 'GET' })).body as { mails: CaughtMail[] }).mails;
}

interface Started {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
}

async function startVisitor(name: string): Promise<{ started: Started; token: string; socket: ChatSocket }> {
  const reply = await backendPost('/start-chat', { ParticipantDetails: { DisplayName: name }, SupportedMessagingContentTypes: ['text/plain', 'text/markdown'] });
  expect(reply.status).toBe(200);
  const started = (reply.body as { data: { startChatResult: Started } }).data.startChatResult;
  const conn = await pc.createConnection(started.ParticipantToken);
  const socket = await ChatSocket.open(conn.Websocket!.Url!, WsCtor);
  return { started, token: conn.ConnectionCredentials!.ConnectionToken!, socket };
}

describe('POST /start-chat', () => {
  it('starts a chat and answers as the samples do, with CORS for the page', async () => {
    const reply = await backendPost('/start-chat', { ParticipantDetails: { DisplayName: 'Jane' }, SupportedMessagingContentTypes: ['text/plain', 'text/markdown'], Attributes: { plan: 'pro' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    const data = (reply.body as { data: Record<string, unknown> }).data;
    expect(Object.keys(data)).toEqual(['startChatResult', 'featurePermissions', 'transcriptEmail']);
    expect(Object.keys(data.startChatResult as object)).toEqual(['ContactId', 'ParticipantId', 'ParticipantToken']);
    expect(data.featurePermissions).toEqual({ MESSAGING_MARKDOWN: true, ATTACHMENTS: true });
    expect(data.transcriptEmail).toBe(true);
    const contact = (await r.agents.contacts()).find((c) => c.ContactId === (data.startChatResult as Started).ContactId)!;
    expect(contact).toMatchObject({ customer: { DisplayName: 'Jane' }, attributes: { plan: 'pro' }, ContactFlowId: r.flowId, InstanceId: r.instanceId });
  });

  it('takes instance and flow from its own configuration, never from the page', async () => {
    const reply = await backendPost('/start-chat', { ParticipantDetails: { DisplayName: 'Jane' }, InstanceId: 'evil', ContactFlowId: 'evil' });
    expect(reply.status).toBe(200);
  });

  it.each([
    ['ParticipantDetails.DisplayName', {}],
    ['ParticipantDetails.DisplayName', { ParticipantDetails: { DisplayName: '   ' } }],
    ['ParticipantDetails.DisplayName', { ParticipantDetails: { DisplayName: 'x'.repeat(65) } }],
    ['ParticipantDetails.DisplayName', { ParticipantDetails: { DisplayName: 'Ja\u0000ne' } }],
    ['Attributes', { ParticipantDetails: { DisplayName: 'J' }, Attributes: ['a'] }],
    ['Attributes.a b', { ParticipantDetails: { DisplayName: 'J' }, Attributes: { 'a b': 'x' } }],
    ['Attributes.n', { ParticipantDetails: { DisplayName: 'J' }, Attributes: { n: 5 } }],
    ['Attributes.v', { ParticipantDetails: { DisplayName: 'J' }, Attributes: { v: 'x'.repeat(1025) } }],
    ['Attributes', { ParticipantDetails: { DisplayName: 'J' }, Attributes: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }],
    ['SupportedMessagingContentTypes', { ParticipantDetails: { DisplayName: 'J' }, SupportedMessagingContentTypes: ['text/html'] }],
    ['SupportedMessagingContentTypes', { ParticipantDetails: { DisplayName: 'J' }, SupportedMessagingContentTypes: 'text/plain' }],
    ['InitialMessage', { ParticipantDetails: { DisplayName: 'J' }, InitialMessage: { ContentType: 'text/plain', Content: '' } }],
    ['ChatDurationInMinutes', { ParticipantDetails: { DisplayName: 'J' }, ChatDurationInMinutes: 5 }],
  ])('400 naming %s for %j', async (field, body) => {
    const reply = await backendPost('/start-chat', body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ data: { Error: { code: 'InvalidInput', field } } });
    expect(typeof (reply.body as { data: { Error: { message: string } } }).data.Error.message).toBe('string');
  });

  it('refuses what is not a JSON object with clear codes', async () => {
    expect((await backendPost('/start-chat', '{bad')).body).toMatchObject({ data: { Error: { code: 'InvalidJson' } } });
    expect((await backendPost('/start-chat', 'x=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await backendPost('/start-chat', { big: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await raw(r.baseUrl, '/connect-backend/start-chat', { method: 'GET' })).status).toBe(405);
  });
});

describe('a backend configured for one site', () => {
  let backend: StartChatBackend;
  const config = (): StartChatConfig => ({
    region: 'us-east-1',
    instanceId: r.instanceId,
    contactFlowId: r.flowId,
    connectEndpoint: r.baseUrl,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    allowedOrigins: ['https://shop.example'],
    allowedContentTypes: DEFAULT_CONTENT_TYPES,
    attachments: false,
    maxDisplayNameLength: 64,
    maxAttributes: 20,
    maxAttributeValueLength: 1024,
    transcript: { enabled: false, from: { name: 'x', address: 'x@example.com' }, subject: 's', keepMinutes: 1, perContactPerHour: 1, perAddressPerHour: 1 },
  });
  beforeAll(() => {
    backend = createStartChatBackend(config());
  });
  afterAll(() => backend?.close());

  const call = (method: string, headers: Record<string, string>, body = '') => backend.handle({ method, path: '/start-chat', headers, body });

  it('answers the preflight of an allowed origin only', async () => {
    const ok = await call('OPTIONS', { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-custom' });
    expect(ok.status).toBe(204);
    expect(ok.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://shop.example', Vary: 'Origin', 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type, x-custom' });
    const no = await call('OPTIONS', { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(no.status).toBe(403);
    expect(no.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('refuses a page of another origin, and serves one without Origin (server to server)', async () => {
    const evil = await call('POST', { origin: 'https://evil.example', 'content-type': 'application/json' }, JSON.stringify({ ParticipantDetails: { DisplayName: 'J' } }));
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ data: { Error: { code: 'OriginNotAllowed' } } });
    const server = await call('POST', { 'content-type': 'application/json' }, JSON.stringify({ ParticipantDetails: { DisplayName: 'J' } }));
    expect(server.status).toBe(200);
    expect(JSON.parse(server.body).data.featurePermissions).toEqual({ MESSAGING_MARKDOWN: false, ATTACHMENTS: false });
  });

  it('runs as a Lambda handler: API Gateway REST (v1) and HTTP API (2.0) events in, proxy results out', async () => {
    const body = JSON.stringify({ ParticipantDetails: { DisplayName: 'Lambda Lee' } });
    const v1 = await handleEvent(backend, { httpMethod: 'POST', path: '/Prod', headers: { Origin: 'https://shop.example', 'Content-Type': 'application/json' }, body, isBase64Encoded: false });
    expect(v1.statusCode).toBe(200);
    expect(v1.headers['Access-Control-Allow-Origin']).toBe('https://shop.example');
    expect(JSON.parse(v1.body).data.startChatResult.ContactId).toMatch(/^[0-9a-f-]{36}$/);
    const v2 = await handleEvent(backend, { rawPath: '/start-chat', requestContext: { http: { method: 'POST' } }, headers: { 'content-type': 'application/json' }, body: Buffer.from(body).toString('base64'), isBase64Encoded: true });
    expect(v2.statusCode).toBe(200);
    const email = await handleEvent(backend, { rawPath: '/transcript-email', requestContext: { http: { method: 'POST' } }, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(email.statusCode).toBe(501);
    expect(JSON.parse(email.body)).toMatchObject({ data: { Error: { code: 'TranscriptEmailUnavailable' } } });
  });

  it('a Connect failure is 500 {data:{Error}} naming the Connect error', async () => {
    const broken = createStartChatBackend({ ...config(), contactFlowId: '99999999-9999-4999-8999-999999999999' });
    const res = await broken.handle({ method: 'POST', path: '/start-chat', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ParticipantDetails: { DisplayName: 'J' } }) });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toMatchObject({ data: { Error: { code: 'ResourceNotFoundException', statusCode: 404 } } });
    broken.close();
  });
});

describe('POST /transcript-email', () => {
  it('a chat the visitor ended: every message, in order, to the one address asked for', async () => {
    const { started, token, socket } = await startVisitor('Jane "QA" Doe, <ceo@evil.example>');
    await pc.sendMessage(token, { ContentType: 'text/plain', Content: 'Hi, my order #1 is late' });
    const agent = await r.agents.accept(started.ContactId, 'Ana Agent');
    await agent.send('Sorry about that. Checking now.');
    await pc.sendMessage(token, { ContentType: 'text/markdown', Content: '<script>alert(1)</script> & **thanks**' });
    await agent.nextCustomerMessage('<script>alert(1)</script> & **thanks**');
    await agent.send('Found it: it ships today.');
    await pc.disconnect(token);
    socket.close();
    agent.close();
    // The page may send anything else; only the kept transcript is mailed.
    const reply = await backendPost('/transcript-email', { ContactId: started.ContactId, ParticipantToken: started.ParticipantToken, Email: 'jane@example.com', text: 'BUY NOW', Transcript: ['spam'] });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: { status: 'sent', messageCount: 5, chatEnded: true } });
    const mail = (await mailbox()).find((m) => m.text.includes(started.ContactId))!;
    // One mailbox: the whole display name stays inside the quoted name (string joining would make two).
    expect(mail.to).toBe('"Jane "QA" Doe, <ceo@evil.example>" <jane@example.com>');
    expect(mail.from).toBe('"Acme" <support@acme.example>');
    const order = ['Thanks for contacting', 'Hi, my order #1 is late', 'Sorry about that. Checking now.', '<script>alert(1)</script> & **thanks**', 'Found it: it ships today.'];
    const at = order.map((t) => mail.text.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(mail.text).not.toContain('BUY NOW');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
  });

  it('a chat the agent ended is mailed complete as well', async () => {
    const { started, token, socket } = await startVisitor('Bob');
    const agent = await r.agents.accept(started.ContactId);
    for (let i = 1; i <= 12; i++) {
      if (i % 2) await pc.sendMessage(token, { ContentType: 'text/plain', Content: `visitor line ${i}` });
      else await agent.send(`agent line ${i}`);
    }
    await agent.disconnect();
    agent.close();
    socket.close();
    const reply = await backendPost('/transcript-email', { ContactId: started.ContactId, ParticipantToken: started.ParticipantToken, Email: 'bob@example.com' });
    expect(reply.body).toMatchObject({ data: { status: 'sent', messageCount: 13, chatEnded: true } });
    const mail = (await mailbox()).find((m) => m.text.includes(started.ContactId))!;
    const at = Array.from({ length: 12 }, (_, k) => mail.text.indexOf(`line ${k + 1}\n`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('refuses a wrong token, an unknown chat and a bad address, and limits mails per chat', async () => {
    const { started, token, socket } = await startVisitor('Carol');
    await pc.sendMessage(token, { ContentType: 'text/plain', Content: 'hello' });
    const wrong = await backendPost('/transcript-email', { ContactId: started.ContactId, ParticipantToken: 'guess', Email: 'carol@example.com' });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toMatchObject({ data: { Error: { code: 'ChatNotFound' } } });
    const unknown = await backendPost('/transcript-email', { ContactId: 'nope', ParticipantToken: started.ParticipantToken, Email: 'carol@example.com' });
    expect(unknown.status).toBe(404);
    for (const bad of ['carol', 'a@b', 'carol@example.com, boss@example.com', 'carol@example.com\r\nBcc: x@y.z', '<carol@example.com>']) {
      const reply = await backendPost('/transcript-email', { ContactId: started.ContactId, ParticipantToken: started.ParticipantToken, Email: bad });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ data: { Error: { code: 'InvalidInput', field: 'Email' } } });
    }
    for (let i = 0; i < 3; i++) {
      // A live chat is mailed as it stands so far.
      const ok = await backendPost('/transcript-email', { ContactId: started.ContactId, ParticipantToken: started.ParticipantToken, Email: `carol${i}@example.com` });
      expect(ok.body).toMatchObject({ data: { status: 'sent', chatEnded: false } });
    }
    const limited = await backendPost('/transcript-email', { ContactId: started.ContactId, ParticipantToken: started.ParticipantToken, Email: 'carol@example.com' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ data: { Error: { code: 'RateLimited' } } });
    socket.close();
  });

  it('limits mails per address across chats', async () => {
    for (let i = 0; i < 6; i++) {
      const { started, socket } = await startVisitor(`Dan ${i}`);
      const reply = await backendPost('/transcript-email', { ContactId: started.ContactId, ParticipantToken: started.ParticipantToken, Email: 'DAN@example.com' });
      expect(reply.status).toBe(i < 5 ? 200 : 429);
      socket.close();
    }
  });
});
