/**
 * GetTranscript's semantics over a contact's items (contract §1.1): MaxResults 0–100 (default 10),
 * ScanDirection BACKWARD without a StartPosition and FORWARD with one, FORWARD without a StartPosition is
 * a ValidationException (chatjs#19), SortOrder DESCENDING by default, and NextToken paging on in the same
 * direction (backward into older history). An empty `StartPosition: {}` counts as none, as chatjs sends it.
 */
import type { GetTranscriptResponse, TranscriptItem } from '../../../shared/amazon-connect/wire.ts';
import { validation } from '../errors/aws-error.ts';
import type { Contact } from './types.ts';

export interface TranscriptQuery {
  ContactId?: string;
  MaxResults?: number;
  NextToken?: string;
  ScanDirection?: 'FORWARD' | 'BACKWARD';
  SortOrder?: 'ASCENDING' | 'DESCENDING';
  StartPosition?: { Id?: string; AbsoluteTime?: string; MostRecent?: number };
}

interface PageToken {
  c: string;
  i: number;
  d: 'F' | 'B';
}

export function queryTranscript(contact: Contact, q: TranscriptQuery): GetTranscriptResponse {
  // Another contact's transcript is not an error: it comes back empty (chatjs#28).
  if (q.ContactId !== undefined && q.ContactId !== contact.id) return { InitialContactId: contact.id, Transcript: [] };
  const items = contact.items;
  const start = q.StartPosition ?? {};
  const given = (['Id', 'AbsoluteTime', 'MostRecent'] as const).filter((k) => start[k] !== undefined);
  if (given.length > 1) throw validation();
  const direction = q.ScanDirection ?? (given.length ? 'FORWARD' : 'BACKWARD');
  const max = q.MaxResults || 10;

  let from: number;
  if (q.NextToken !== undefined) {
    const token = decodeToken(q.NextToken);
    if (!token || token.c !== contact.id || token.d !== direction[0] || token.i < 0 || token.i > items.length) throw validation();
    from = token.i;
  } else if (start.Id !== undefined) {
    from = items.findIndex((i) => i.Id === start.Id);
    if (from < 0) throw validation();
  } else if (start.AbsoluteTime !== undefined) {
    const t = Date.parse(start.AbsoluteTime);
    if (Number.isNaN(t)) throw validation();
    from =
      direction === 'FORWARD'
        ? indexOrEnd(items.findIndex((i) => Date.parse(i.AbsoluteTime ?? '') >= t), items.length)
        : findLastIndex(items, (i) => Date.parse(i.AbsoluteTime ?? '') <= t);
  } else if (start.MostRecent !== undefined) {
    from = items.length - 1 - start.MostRecent;
    if (direction === 'FORWARD') from = Math.max(0, from);
  } else {
    if (direction === 'FORWARD') throw validation();
    from = items.length - 1;
  }

  let page: TranscriptItem[];
  let next: number | undefined;
  if (direction === 'BACKWARD') {
    const lo = Math.max(0, from - max + 1);
    page = from < 0 ? [] : items.slice(lo, from + 1);
    next = lo > 0 && from >= 0 ? lo - 1 : undefined;
  } else {
    page = items.slice(from, from + max);
    next = from + max < items.length ? from + max : undefined;
  }
  const sorted = (q.SortOrder ?? 'DESCENDING') === 'ASCENDING' ? page : [...page].reverse();
  return {
    InitialContactId: contact.id,
    Transcript: sorted.map((i) => restItem(contact, i)),
    ...(next !== undefined ? { NextToken: encodeToken({ c: contact.id, i: next, d: direction === 'FORWARD' ? 'F' : 'B' }) } : {}),
  };
}

/** Over REST a message carries its receipts in MessageMetadata (chat-interface reads them there). */
export function restItem(contact: Contact, item: TranscriptItem): TranscriptItem {
  if (item.Type !== 'MESSAGE' || !item.Id) return item;
  const receipts = [...(contact.receipts.get(item.Id)?.values() ?? [])].map((r) => ({ ...r }));
  return { ...item, MessageMetadata: { MessageId: item.Id, Receipts: receipts } };
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(s: string): PageToken | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!v || typeof v !== 'object') return undefined;
    const t = v as Record<string, unknown>;
    if (typeof t.c !== 'string' || typeof t.i !== 'number' || !Number.isInteger(t.i) || (t.d !== 'F' && t.d !== 'B')) return undefined;
    return { c: t.c, i: t.i, d: t.d };
  } catch {
    return undefined;
  }
}

function indexOrEnd(i: number, end: number): number {
  return i < 0 ? end : i;
}

function findLastIndex<T>(list: T[], pred: (t: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i]!)) return i;
  return -1;
}
