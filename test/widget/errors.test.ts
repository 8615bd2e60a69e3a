import { describe, expect, it } from 'vitest';
import { errorCode, fromHttp, retryAfterMs } from '../../src/widget/backend/rocketchat/errors.ts';

describe('fromHttp maps Rocket.Chat 7.x and 8.x failure bodies to one kind', () => {
  it.each([
    ['7.x AJV', 400, { success: false, error: "must have required property 'rid' [invalid-params]", errorType: 'invalid-params' }, 'invalid-params', 'invalid-params'],
    ['8.x typed route', 400, { success: false, errorType: 'error-invalid-params', error: "must have required property 'rid'" }, 'invalid-params', 'error-invalid-params'],
    ['7.x plain invalid-token', 400, { success: false, error: 'invalid-token' }, 'unauthorized', 'invalid-token'],
    ['7.x Meteor invalid-token', 400, { success: false, error: '[invalid-token]', errorType: 'invalid-token' }, 'unauthorized', 'invalid-token'],
    ['8.x invalid-token', 400, { success: false, error: 'Invalid token [invalid-token]', errorType: 'invalid-token' }, 'unauthorized', 'invalid-token'],
    ['8.x invalid visitor', 400, { success: false, error: 'error-invalid-visitor' }, 'unauthorized', 'error-invalid-visitor'],
    ['room closed', 400, { success: false, error: 'room-closed' }, 'room-closed', 'room-closed'],
    ['8.x already closed', 400, { success: false, error: 'This_conversation_is_already_closed' }, 'room-closed', 'This_conversation_is_already_closed'],
    ['invalid room', 400, { success: false, error: 'invalid-room' }, 'not-found', 'invalid-room'],
    ['no agent', 400, { success: false, error: 'Sorry, no online agents [no-agent-online]', errorType: 'no-agent-online' }, 'no-agent', 'no-agent-online'],
    ['bad email', 400, { success: false, error: '[invalid email]', errorType: 'invalid email' }, 'invalid-email', 'invalid email'],
    ['visitor email', 400, { success: false, error: 'Invalid email x [error-invalid-email]', errorType: 'error-invalid-email' }, 'invalid-email', 'error-invalid-email'],
    ['too long', 400, { success: false, error: 'message-length-exceeds-character-limit' }, 'too-long', 'message-length-exceeds-character-limit'],
    ['disabled', 400, { success: false, error: '[error-omnichannel-is-disabled]', errorType: 'error-omnichannel-is-disabled' }, 'disabled', 'error-omnichannel-is-disabled'],
    ['rate limited', 429, { success: false, error: 'Error, too many requests. Please slow down. You must wait 12 seconds before trying this endpoint again. [error-too-many-requests]' }, 'rate-limited', 'error-too-many-requests'],
    ['duplicate message id', 400, { success: false }, 'rejected', undefined],
    ['7.x not logged in', 401, { success: false, error: 'You must be logged in to do this.', status: 'error' }, 'unauthorized', 'You must be logged in to do this.'],
    ['forbidden', 403, { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' }, 'unauthorized', 'error-unauthorized'],
    ['body too large', 413, undefined, 'too-long', undefined],
    ['bad gateway', 502, undefined, 'server', undefined],
    ['internal error', 500, { success: false, error: 'Internal server error' }, 'server', 'Internal server error'],
  ])('%s', (_name, status, body, kind, code) => {
    const e = fromHttp(status, body);
    expect(e.kind).toBe(kind);
    expect(e.details.code).toBe(code);
    expect(e.details.status).toBe(status);
  });

  it('reads the code from errorType, then from a bracketed suffix, then from the error itself', () => {
    expect(errorCode({ errorType: 'a', error: 'x [b]' })).toBe('a');
    expect(errorCode({ error: 'Reason [b]' })).toBe('b');
    expect(errorCode({ error: 'c' })).toBe('c');
    expect(errorCode('nope')).toBeUndefined();
  });

  it('treats network, timeout, server and rate limits as transient, the rest as needing the visitor', () => {
    expect(fromHttp(503, undefined).transient).toBe(true);
    expect(fromHttp(429, undefined).transient).toBe(true);
    expect(fromHttp(400, { success: false, error: 'room-closed' }).transient).toBe(false);
  });
});

describe('retryAfterMs', () => {
  const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] ?? null });
  const now = 1_700_000_000_000;

  it('reads Retry-After in seconds', () => expect(retryAfterMs(headers({ 'retry-after': '7' }), undefined, now)).toBe(7000));
  it('reads Retry-After as a date', () =>
    expect(retryAfterMs(headers({ 'retry-after': new Date(now + 3000).toUTCString() }), undefined, now)).toBeCloseTo(3000, -3));
  it('reads X-RateLimit-Reset in epoch ms', () => expect(retryAfterMs(headers({ 'x-ratelimit-reset': String(now + 4500) }), undefined, now)).toBe(4500));
  it('falls back to the wait Rocket.Chat states in its body (the only part readable cross-origin)', () =>
    expect(retryAfterMs(headers({}), { error: 'You must wait 12 seconds before trying this endpoint again.' }, now)).toBe(12000));
  it('is undefined when nothing says', () => expect(retryAfterMs(headers({}), { error: 'nope' }, now)).toBeUndefined());
});
