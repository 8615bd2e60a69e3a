// @vitest-environment node
/**
 * GetTranscript exactly (contract §1.1): defaults (10 items, BACKWARD, DESCENDING), MaxResults 0–100,
 * SortOrder, StartPosition by Id / AbsoluteTime / MostRecent, FORWARD paging, and NextToken paging
 * backward into older history until no token comes back. Checked with the official SDK.
 */
import { GetTranscriptCommand, SendMessageCommand, ValidationException, type GetTranscriptCommandInput } from '@aws-sdk/client-connectparticipant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnect, startCustomer, type Customer, type Running } from './harness.ts';

let r: Running;
let c: Customer;
/** The texts sent, oldest first; the transcript also starts with participant.joined and the greeting. */
const texts = Array.from({ length: 25 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  r = await startConnect({ connect: { greeting: 'Welcome' } });
  c = await startCustomer(r);
  for (const t of texts) await r.participant.send(new SendMessageCommand({ ConnectionToken: c.ConnectionToken, ContentType: 'text/plain', Content: t }));
});
afterAll(async () => r?.close());

const get = (input: Omit<GetTranscriptCommandInput, 'ConnectionToken'> = {}) => r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken, ...input }));
const contents = (t: { Transcript?: { Content?: string; ContentType?: string }[] }) => t.Transcript!.map((i) => i.Content ?? i.ContentType!.split('.').pop());

describe('defaults', () => {
  it('no arguments: the 10 newest items, newest first', async () => {
    const t = await get();
    expect(contents(t)).toEqual(texts.slice(-10).reverse());
    expect(t.NextToken).toBeTruthy();
  });

  it('MaxResults 0 means the default', async () => {
    expect((await get({ MaxResults: 0 })).Transcript).toHaveLength(10);
  });

  it('ASCENDING sorts the same page oldest first', async () => {
    expect(contents(await get({ SortOrder: 'ASCENDING' }))).toEqual(texts.slice(-10));
  });
});

describe('paging backward', () => {
  it('NextToken walks back to the start of the chat, then no token', async () => {
    const seen: (string | undefined)[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const t = await get({ MaxResults: 7, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', ...(token ? { NextToken: token } : {}) });
      seen.unshift(...contents(t));
      token = t.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(4);
    expect(seen).toEqual(['joined', 'Welcome', ...texts]);
  });

  it('MaxResults 100 takes the whole chat in one page without a token', async () => {
    const t = await get({ MaxResults: 100, SortOrder: 'ASCENDING' });
    expect(contents(t)).toEqual(['joined', 'Welcome', ...texts]);
    expect(t.NextToken).toBeUndefined();
  });

  it('a NextToken is tied to its direction', async () => {
    const t = await get({ MaxResults: 5 });
    await expect(get({ NextToken: t.NextToken!, ScanDirection: 'FORWARD' })).rejects.toBeInstanceOf(ValidationException);
  });
});

describe('start positions', () => {
  it('MostRecent counts back from the newest item (0 = the newest)', async () => {
    expect(contents(await get({ StartPosition: { MostRecent: 0 }, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', MaxResults: 3 }))).toEqual(texts.slice(-3));
    expect(contents(await get({ StartPosition: { MostRecent: 2 }, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', MaxResults: 3 }))).toEqual(texts.slice(-5, -2));
  });

  it('an Id with no ScanDirection goes FORWARD from that item (inclusive), and pages on forward', async () => {
    const all = (await get({ MaxResults: 100, SortOrder: 'ASCENDING' })).Transcript!;
    const start = all.find((i) => i.Content === 'm20')!;
    const first = await get({ StartPosition: { Id: start.Id! }, SortOrder: 'ASCENDING', MaxResults: 4 });
    expect(contents(first)).toEqual(['m20', 'm21', 'm22', 'm23']);
    const second = await get({ NextToken: first.NextToken!, ScanDirection: 'FORWARD', SortOrder: 'ASCENDING', MaxResults: 4 });
    expect(contents(second)).toEqual(['m24', 'm25']);
    expect(second.NextToken).toBeUndefined();
  });

  it('AbsoluteTime: BACKWARD from it includes the items at that time', async () => {
    const all = (await get({ MaxResults: 100, SortOrder: 'ASCENDING' })).Transcript!;
    const at = all.find((i) => i.Content === 'm05')!.AbsoluteTime!;
    const t = await get({ StartPosition: { AbsoluteTime: at }, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', MaxResults: 100 });
    const got = contents(t);
    expect(got).toContain('m05');
    expect(got.every((x) => !x || !/^m\d\d$/.test(x) || all.find((i) => i.Content === x)!.AbsoluteTime! <= at)).toBe(true);
  });

  it('FORWARD without a StartPosition is refused, as on the real service (chatjs#19)', async () => {
    await expect(get({ ScanDirection: 'FORWARD', SortOrder: 'ASCENDING', StartPosition: {} })).rejects.toBeInstanceOf(ValidationException);
  });

  it('another contact’s id gives an empty transcript, not an error', async () => {
    const t = await get({ ContactId: '00000000-1111-4222-8333-444444444444' });
    expect(t.Transcript).toEqual([]);
    expect(t.InitialContactId).toBe(c.ContactId);
  });
});
