// @vitest-environment node
/**
 * Raw HTTP, table-driven: bad input to every Participant route gets the real service's error shape —
 * status, `x-amzn-ErrorType`, `x-amzn-RequestId`, a `{"message"}` body, CORS headers — never a crash.
 * Also the front door: CORS preflight, unknown routes, missing/unknown/wrong-kind bearer tokens, sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startConnect, startCustomer, type Customer, type RawReply, type Running } from './harness.ts';

let r: Running;
let c: Customer;
beforeAll(async () => {
  r = await startConnect();
  c = await startCustomer(r);
});
afterAll(async () => r?.close());

const VALIDATION = { status: 400, type: 'ValidationException', message: 'Validation exception due to invalid parameter' };
const TYPING = 'application/vnd.amazonaws.connect.event.typing';
const READ = 'application/vnd.amazonaws.connect.event.message.read';
const long = (n: number) => 'x'.repeat(n);

function expectAwsError(reply: RawReply, status: number, type: string, message?: string): void {
  expect({ status: reply.status, type: reply.headers.get('x-amzn-errortype') }).toEqual({ status, type });
  expect(reply.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  expect(reply.headers.get('content-type')).toBe('application/json');
  expect(reply.headers.get('access-control-allow-origin')).toBe('*');
  expect(reply.headers.get('access-control-expose-headers')).toContain('x-amzn-ErrorType');
  if (message !== undefined) expect(reply.body).toEqual({ message });
}

const post = (path: string, body: unknown, bearer = c.ConnectionToken, headers: Record<string, string> = {}) =>
  raw(r.baseUrl, path, { headers: { 'content-type': 'application/json', 'x-amz-bearer': bearer, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const cases: [route: string, body: unknown, why: string][] = [
  ['/participant/connection', { Type: [] }, 'Type is an empty list'],
  ['/participant/connection', { Type: ['SMOKE_SIGNAL'] }, 'an unknown connection type'],
  ['/participant/connection', { Type: 'WEBSOCKET' }, 'Type is not a list'],
  ['/participant/connection', { Type: ['WEBRTC_CONNECTION'] }, 'WebRTC on a chat contact'],
  ['/participant/connection', { Type: ['WEBSOCKET'], ConnectParticipant: 'yes' }, 'ConnectParticipant is not a boolean'],
  ['/participant/message', {}, 'no ContentType or Content'],
  ['/participant/message', { ContentType: 'text/plain' }, 'no Content'],
  ['/participant/message', { ContentType: 'text/plain', Content: '' }, 'empty Content'],
  ['/participant/message', { ContentType: 'text/plain', Content: long(1025) }, 'text/plain over 1024 characters'],
  ['/participant/message', { ContentType: 'text/markdown', Content: 'x' }, 'markdown not enabled on the contact'],
  ['/participant/message', { ContentType: 'image/png', Content: 'x' }, 'a content type SendMessage never takes'],
  ['/participant/message', { ContentType: 'text/plain', Content: 42 }, 'Content is a number'],
  ['/participant/message', { ContentType: 'text/plain', Content: 'x', ClientToken: long(501) }, 'ClientToken over 500'],
  ['/participant/message', { ContentType: long(101), Content: 'x' }, 'ContentType over 100'],
  ['/participant/event', {}, 'no ContentType'],
  ['/participant/event', { ContentType: 'application/vnd.amazonaws.connect.event.connection.acknowledged' }, 'the retired connection.acknowledged'],
  ['/participant/event', { ContentType: 'application/vnd.amazonaws.connect.event.chat.ended' }, 'a client may not end the chat by event'],
  ['/participant/event', { ContentType: READ }, 'a receipt without Content'],
  ['/participant/event', { ContentType: READ, Content: 'not json' }, 'a receipt whose Content is not JSON'],
  ['/participant/event', { ContentType: READ, Content: '{"messageId":7}' }, 'messageId is not a string'],
  ['/participant/event', { ContentType: READ, Content: '{"messageId":"no-such-message"}' }, 'a receipt for an unknown message'],
  ['/participant/event', { ContentType: TYPING, Content: '' }, 'empty Content'],
  ['/participant/transcript', { MaxResults: 101 }, 'MaxResults over 100'],
  ['/participant/transcript', { MaxResults: -1 }, 'MaxResults below 0'],
  ['/participant/transcript', { MaxResults: 1.5 }, 'MaxResults not an integer'],
  ['/participant/transcript', { ScanDirection: 'FORWARD' }, 'FORWARD without a StartPosition (chatjs#19)'],
  ['/participant/transcript', { ScanDirection: 'FORWARD', StartPosition: {} }, 'FORWARD with an empty StartPosition'],
  ['/participant/transcript', { ScanDirection: 'SIDEWAYS' }, 'an unknown ScanDirection'],
  ['/participant/transcript', { SortOrder: 'RANDOM' }, 'an unknown SortOrder'],
  ['/participant/transcript', { StartPosition: { MostRecent: 101 } }, 'MostRecent over 100'],
  ['/participant/transcript', { StartPosition: { Id: 'x', MostRecent: 0 } }, 'two start positions'],
  ['/participant/transcript', { StartPosition: { Id: 'no-such-item' } }, 'a StartPosition Id that is not in the chat'],
  ['/participant/transcript', { StartPosition: { AbsoluteTime: 'yesterday' } }, 'an unparsable AbsoluteTime'],
  ['/participant/transcript', { NextToken: 'forged' }, 'a NextToken this service did not issue'],
  ['/participant/transcript', { NextToken: '' }, 'an empty NextToken'],
  ['/participant/transcript', { StartPosition: 'latest' }, 'StartPosition is not an object'],
  ['/participant/disconnect', { ClientToken: long(501) }, 'ClientToken over 500'],
  ['/participant/start-attachment-upload', { ContentType: 'text/plain', AttachmentName: 'a.txt', AttachmentSizeInBytes: 5 }, 'no ClientToken (the SDK always sends one)'],
  ['/participant/start-attachment-upload', { ContentType: 'text/plain', AttachmentName: 'a.txt', AttachmentSizeInBytes: 0, ClientToken: 't' }, 'a size of 0'],
  ['/participant/start-attachment-upload', { ContentType: 'text/plain', AttachmentName: 'a.txt', AttachmentSizeInBytes: 20 * 1024 * 1024 + 1, ClientToken: 't' }, 'over 20 MB'],
  ['/participant/start-attachment-upload', { ContentType: 'text/plain', AttachmentName: '', AttachmentSizeInBytes: 5, ClientToken: 't' }, 'an empty name'],
  ['/participant/complete-attachment-upload', { AttachmentIds: [], ClientToken: 't' }, 'no attachment ids'],
  ['/participant/complete-attachment-upload', { AttachmentIds: ['a', 'b'], ClientToken: 't' }, 'two ids (the model allows one)'],
  ['/participant/complete-attachment-upload', { AttachmentIds: ['not-started'], ClientToken: 't' }, 'an attachment never started'],
  ['/participant/attachment', {}, 'no AttachmentId'],
  ['/participant/attachment', { AttachmentId: 'x', UrlExpiryInSeconds: 4 }, 'UrlExpiryInSeconds under 5'],
  ['/participant/attachment', { AttachmentId: 'x', UrlExpiryInSeconds: 301 }, 'UrlExpiryInSeconds over 300'],
  ['/participant/attachment', { AttachmentId: 'unknown' }, 'an unknown attachment'],
  ['/participant/authentication-url', { SessionId: 'short', RedirectUri: 'https://x' }, 'a SessionId that is not 36 characters'],
  ['/participant/cancel-authentication', {}, 'no SessionId'],
];

describe('every Participant route refuses bad input with a ValidationException', () => {
  it.each(cases)('%s: %j (%s)', async (route, body) => {
    const bearer = route === '/participant/connection' ? c.ParticipantToken : c.ConnectionToken;
    const reply = await post(route, body, bearer);
    expectAwsError(reply, VALIDATION.status, VALIDATION.type, VALIDATION.message);
  });

  it.each([
    ['/participant/message', '{"ContentType":"text/plain",'],
    ['/participant/transcript', '[1,2,3]'],
    ['/participant/event', 'null'],
  ])('%s: a body that is not a JSON object (%s)', async (route, body) => {
    expectAwsError(await post(route, body), VALIDATION.status, VALIDATION.type, VALIDATION.message);
  });

  it('a non-JSON content type is 415', async () => {
    const reply = await post('/participant/message', 'ContentType=text/plain&Content=x', c.ConnectionToken, { 'content-type': 'application/x-www-form-urlencoded' });
    expectAwsError(reply, 415, 'UnsupportedMediaTypeException', 'Unsupported Media Type');
  });

  it('a body over the 10 MB payload limit is 413, refused from its Content-Length', async () => {
    const reply = await post('/participant/message', JSON.stringify({ ContentType: 'text/plain', Content: long(10 * 1024 * 1024) }));
    expectAwsError(reply, 413, 'RequestEntityTooLargeException', 'Request Too Long');
  });
});

describe('bearer tokens', () => {
  it('no X-Amz-Bearer at all is API Gateway’s 401', async () => {
    const reply = await raw(r.baseUrl, '/participant/transcript', { headers: { 'content-type': 'application/json' }, body: '{}' });
    expectAwsError(reply, 401, 'UnauthorizedException', 'Unauthorized');
  });

  it('a token the service never issued is the authorizer’s explicit deny', async () => {
    const reply = await post('/participant/transcript', {}, 'AAAAforged');
    expect(reply.status).toBe(403);
    expect(reply.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(reply.body).toEqual({ Message: 'User is not authorized to access this resource with an explicit deny' });
  });

  it('a ConnectionToken on CreateParticipantConnection, a ParticipantToken elsewhere: Access denied', async () => {
    expectAwsError(await post('/participant/connection', { Type: ['WEBSOCKET'] }, c.ConnectionToken), 403, 'AccessDeniedException', 'Access denied');
    expectAwsError(await post('/participant/transcript', {}, c.ParticipantToken), 403, 'AccessDeniedException', 'Access denied');
  });

  it('the token is read from the header only, never from the body', async () => {
    const reply = await raw(r.baseUrl, '/participant/transcript', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ConnectionToken: c.ConnectionToken }) });
    expect(reply.status).toBe(401);
  });
});

describe('the front door', () => {
  it('answers a browser preflight as the real endpoint does', async () => {
    const reply = await raw(r.baseUrl, '/participant/connection', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-bearer,x-amz-user-agent' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.headers.get('access-control-allow-methods')).toBe('POST');
    expect(reply.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['Content-Type', 'X-Amz-Bearer', 'X-Amz-User-Agent', 'X-Amz-Date', 'Authorization']),
    );
    // The real list leaves out the v3 SDK's retry headers: browsers must not send them.
    expect(reply.headers.get('access-control-allow-headers')).not.toMatch(/amz-sdk-invocation-id|amz-sdk-request/i);
    const view = await raw(r.baseUrl, '/participant/views/abc', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' } });
    expect(view.headers.get('access-control-allow-methods')).toBe('GET');
  });

  it.each([
    ['POST', '/participant/nothing-here'],
    ['GET', '/participant/message'],
    ['PUT', '/participant/transcript'],
    ['POST', '/participant/views/abc'],
  ])('%s %s is API Gateway’s Missing Authentication Token', async (method, path) => {
    const reply = await raw(r.baseUrl, path, { method, headers: { 'content-type': 'application/json', 'x-amz-bearer': c.ConnectionToken }, ...(method === 'GET' ? {} : { body: '{}' }) });
    expectAwsError(reply, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  });

  it('ignores SigV4 headers, whatever they say', async () => {
    const reply = await post('/participant/transcript', {}, c.ConnectionToken, { authorization: 'AWS4-HMAC-SHA256 Credential=garbage', 'x-amz-date': 'nonsense', 'x-amz-content-sha256': 'bad' });
    expect(reply.status).toBe(200);
  });
});
