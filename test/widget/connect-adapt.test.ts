/** Connect's items, errors and receipts in the widget's terms: pure functions, table-style. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TranscriptItem } from '../../src/shared/amazon-connect/wire.ts';
import { adaptItem } from '../../src/widget/backend/amazon-connect/adapt.ts';
import { errorName, fromAws } from '../../src/widget/backend/amazon-connect/errors.ts';
import { receiptSender } from '../../src/widget/backend/amazon-connect/receipts.ts';

const me = { participantId: 'me' };
const at = '2026-11-21T10:00:00.000Z';
const item = (x: Partial<TranscriptItem>): TranscriptItem => ({ Id: 'i1', AbsoluteTime: at, ...x });
const EV = 'application/vnd.amazonaws.connect.event.';

describe('adaptItem', () => {
  it('tells our messages from the agent’s, and keeps plain text plain', () => {
    expect(adaptItem(item({ Type: 'MESSAGE', ContentType: 'text/plain', Content: 'hi', ParticipantId: 'me', ParticipantRole: 'CUSTOMER' }), me).message).toMatchObject({ from: 'visitor', text: 'hi', format: 'plain', at: Date.parse(at) });
    const agent = adaptItem(item({ Type: 'MESSAGE', ContentType: 'text/markdown', Content: '**hi**', ParticipantId: 'a', ParticipantRole: 'AGENT', DisplayName: 'Ana' }), me).message!;
    expect(agent).toMatchObject({ from: 'agent', text: '**hi**', author: { username: 'a', name: 'Ana' } });
    expect(agent.format).toBeUndefined();
  });

  it('shows what the contact flow says as a line of the conversation', () => {
    expect(adaptItem(item({ Type: 'MESSAGE', ContentType: 'text/plain', Content: 'Please wait', ParticipantRole: 'SYSTEM' }), me).message).toMatchObject({ from: 'system', system: 'other', text: 'Please wait' });
  });

  it('reads quick replies and list pickers as choices, skipping links and paging actions', () => {
    const quick = { templateType: 'QuickReply', version: '1.0', data: { content: { title: 'How can we help?', elements: [{ title: 'Billing' }, { title: 'Orders' }] } } };
    expect(adaptItem(item({ Type: 'MESSAGE', ContentType: 'application/vnd.amazonaws.connect.message.interactive', Content: JSON.stringify(quick), ParticipantRole: 'CUSTOM_BOT' }), me).message).toMatchObject({
      from: 'agent',
      text: 'How can we help?',
      choices: [{ title: 'Billing' }, { title: 'Orders' }],
      format: 'plain',
    });
    const list = {
      templateType: 'ListPicker',
      version: '1.0',
      data: { content: { title: 'Pick one', subtitle: 'Our stores', elements: [{ title: 'Lisbon', subtitle: 'Open today' }, { title: 'Site', type: 'hyperlink', url: 'https://x' }, { title: 'More', actionDetail: 'ShowMore' }] } },
    };
    expect(adaptItem(item({ Type: 'MESSAGE', ContentType: 'application/vnd.amazonaws.connect.message.interactive', Content: JSON.stringify(list) }), me).message).toMatchObject({
      text: 'Pick one\nOur stores',
      choices: [{ title: 'Lisbon', subtitle: 'Open today' }],
    });
    // A template the widget cannot answer (or broken JSON) still shows its words.
    expect(adaptItem(item({ Type: 'MESSAGE', ContentType: 'application/vnd.amazonaws.connect.message.interactive', Content: '{"templateType":"TimePicker","data":{"content":{"title":"When?"}}}' }), me).message).toMatchObject({ text: 'When?' });
    expect(adaptItem(item({ Type: 'MESSAGE', ContentType: 'application/vnd.amazonaws.connect.message.interactive', Content: '{not json' }), me).message?.choices).toBeUndefined();
  });

  it('offers attachments, approved or not', () => {
    const m = adaptItem(item({ Type: 'ATTACHMENT', Attachments: [{ AttachmentId: 'f1', AttachmentName: 'a.pdf', ContentType: 'application/pdf', Status: 'APPROVED' }, { AttachmentId: 'f2', AttachmentName: 'b.exe', Status: 'REJECTED' }] }), me).message;
    expect(m?.attachments).toEqual([{ id: 'f1', name: 'a.pdf', type: 'application/pdf' }, { id: 'f2', name: 'b.exe', status: 'rejected' }]);
  });

  it('turns joins, leaves and the end into lines, and says who the agent is', () => {
    const joined = adaptItem(item({ Type: 'EVENT', ContentType: `${EV}participant.joined`, ParticipantRole: 'AGENT', ParticipantId: 'a', DisplayName: 'Ana' }), me);
    expect(joined.message).toMatchObject({ from: 'system', system: 'agent-joined', author: { name: 'Ana' } });
    expect(joined.agent).toEqual({ username: 'a', name: 'Ana' });
    expect(adaptItem(item({ Type: 'EVENT', ContentType: `${EV}participant.left`, ParticipantRole: 'AGENT' }), me)).toMatchObject({ message: { system: 'agent-left' }, agent: null });
    // Our own join is not news to us.
    expect(adaptItem(item({ Type: 'EVENT', ContentType: `${EV}participant.joined`, ParticipantRole: 'CUSTOMER', ParticipantId: 'me' }), me).message?.hidden).toBe(true);
    expect(adaptItem(item({ Type: 'EVENT', ContentType: `${EV}chat.ended` }), me)).toMatchObject({ ended: true, message: { system: 'chat-closed', closedBy: 'agent' } });
    expect(adaptItem(item({ Type: 'EVENT', ContentType: `${EV}chat.ended` }), { ...me, leaving: true }).message?.closedBy).toBe('visitor');
  });

  it('reads typing from others only, and receipts from MESSAGEMETADATA', () => {
    expect(adaptItem(item({ Type: 'EVENT', ContentType: `${EV}typing`, ParticipantId: 'a', DisplayName: 'Ana' }), me).typing).toBe('Ana');
    expect(adaptItem(item({ Type: 'EVENT', ContentType: `${EV}typing`, ParticipantId: 'me' }), me).typing).toBeUndefined();
    const meta = (r: object) => item({ Type: 'MESSAGEMETADATA', MessageMetadata: { MessageId: 'm9', Receipts: [{ RecipientParticipantId: 'a', ...r }] } });
    expect(adaptItem(meta({ DeliveredTimestamp: at }), me).receipt).toEqual({ id: 'm9', receipt: 'delivered' });
    expect(adaptItem(meta({ DeliveredTimestamp: at, ReadTimestamp: at }), me).receipt).toEqual({ id: 'm9', receipt: 'read' });
    // Our own receipt for someone else's message is no tick of ours.
    expect(adaptItem(item({ Type: 'MESSAGEMETADATA', MessageMetadata: { MessageId: 'm9', Receipts: [{ RecipientParticipantId: 'me', ReadTimestamp: at }] } }), me).receipt).toBeUndefined();
  });
});

describe('Connect errors in the widget’s kinds', () => {
  it.each([
    [403, 'AccessDeniedException', {}, 'unauthorized'],
    [400, 'ValidationException:http://internal.amazon.com/coral/com.amazonaws.connectparticipant/', {}, 'invalid-params'],
    [429, 'ThrottlingException', {}, 'rate-limited'],
    [402, 'ServiceQuotaExceededException', {}, 'quota'],
    [409, 'ConflictException', {}, 'rejected'],
    [500, 'InternalServerException', {}, 'server'],
    [404, null, { __type: 'com.amazonaws.connectparticipant#ResourceNotFoundException', Message: 'gone' }, 'not-found'],
    [500, null, { data: { Error: { name: 'LimitExceededException' } } }, 'quota'],
    // The samples' backend answers 500 whatever Connect said: the name tells.
    [500, null, { data: { Error: { code: 'ServiceQuotaExceededException' } } }, 'quota'],
    [500, null, { data: { Error: { code: 'ThrottlingException' } } }, 'rate-limited'],
    [403, 'OriginNotAllowed', {}, 'cors'],
    [400, null, { data: { Error: { code: 'InvalidInput', field: 'Email', message: 'bad address' } } }, 'invalid-email'],
    [429, null, { data: { Error: { code: 'RateLimited', retryAfterSeconds: 30 } } }, 'rate-limited'],
    [501, null, { data: { Error: { code: 'TranscriptEmailUnavailable' } } }, 'disabled'],
    [503, null, undefined, 'server'],
  ])('%i %s → %s', (status, header, body, kind) => {
    expect(fromAws(status, header, body).kind).toBe(kind);
  });

  it('reads the name from the header first, then the body, and the wait a rate limit asks', () => {
    expect(errorName('AccessDeniedException:http://x', { __type: 'Other' })).toBe('AccessDeniedException');
    expect(fromAws(403, null, { message: 'Access denied' }).message).toBe('Access denied');
    expect(fromAws(429, null, { data: { Error: { code: 'RateLimited', retryAfterSeconds: 30 } } }).details.retryAfterMs).toBe(30_000);
    expect(fromAws(429, 'ThrottlingException', {}, 2_000).details.retryAfterMs).toBe(2_000);
  });
});

describe('our receipts, as chatjs sends them', () => {
  afterEach(() => vi.useRealTimers());

  it('sends one read per window, for the newest, never delivered once read, never twice', async () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const r = receiptSender((kind, id) => sent.push(`${kind}:${id}`), { throttleMs: 5_000, deliveredDelayMs: 300 });
    r.delivered('a');
    r.read('a');
    r.delivered('b');
    await vi.advanceTimersByTimeAsync(300);
    r.read('c');
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toEqual(['delivered:b', 'read:c']);
    r.read('c');
    r.delivered('c');
    r.known('d', 'read');
    r.read('d');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual(['delivered:b', 'read:c']);
    // Read after its delivered was queued, in the same window: the read stands for both.
    r.delivered('e');
    await vi.advanceTimersByTimeAsync(300);
    r.read('e');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toEqual(['delivered:b', 'read:c', 'read:e']);
  });
});
