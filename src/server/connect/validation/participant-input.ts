/** Request shapes of the Participant Service operations, checked against the Smithy model. */
import { CONTENT_LIMITS, CONTENT_TYPE, EVENT_TYPE } from '../../../shared/amazon-connect/wire.ts';
import { validation } from '../errors/aws-error.ts';
import type { TranscriptQuery } from '../store/transcript-query.ts';
import { bool, clientToken, int, list, obj, oneOf, str } from './fields.ts';

type Body = Record<string, unknown>;

export const CONNECTION_TYPES = ['WEBSOCKET', 'CONNECTION_CREDENTIALS', 'WEBRTC_CONNECTION'] as const;

export function connectionInput(body: Body): { types: Set<string>; connectParticipant: boolean } {
  const types = list(body, 'Type', 1, 10) ?? [];
  for (const t of types) if (typeof t !== 'string' || !(CONNECTION_TYPES as readonly string[]).includes(t)) throw validation();
  // A chat contact has no WebRTC meeting to join.
  if (types.includes('WEBRTC_CONNECTION')) throw validation();
  return { types: new Set(types as string[]), connectParticipant: bool(body, 'ConnectParticipant') ?? false };
}

/** SendMessage accepts these, limited to what StartChatContact enabled on the contact. */
export const SENDABLE_CONTENT_TYPES: readonly string[] = [CONTENT_TYPE.plain, CONTENT_TYPE.markdown, CONTENT_TYPE.json, CONTENT_TYPE.interactiveResponse];

export function messageInput(body: Body, enabled: Set<string>): { contentType: string; content: string; clientToken?: string } {
  const contentType = str(body, 'ContentType', { min: 1, max: 100, required: true })!;
  const content = str(body, 'Content', { min: 1, max: 16384, required: true })!;
  const token = clientToken(body);
  if (!SENDABLE_CONTENT_TYPES.includes(contentType) || !enabled.has(contentType)) throw validation();
  if (content.length > (CONTENT_LIMITS[contentType] ?? 1024)) throw validation();
  return { contentType, content, ...(token !== undefined ? { clientToken: token } : {}) };
}

/** The connection.acknowledged event stopped being accepted on 2024-12-31 (SendEvent docs). */
export const SENDABLE_EVENT_TYPES: readonly string[] = [EVENT_TYPE.typing, EVENT_TYPE.delivered, EVENT_TYPE.read];

export interface EventInput {
  contentType: string;
  content?: string;
  clientToken?: string;
  /** For receipts: the message the receipt is about. */
  messageId?: string;
}

export function eventInput(body: Body): EventInput {
  const contentType = str(body, 'ContentType', { min: 1, max: 100, required: true })!;
  const content = str(body, 'Content', { min: 1, max: 16384 });
  const token = clientToken(body);
  if (!SENDABLE_EVENT_TYPES.includes(contentType)) throw validation();
  const out: EventInput = { contentType, ...(content !== undefined ? { content } : {}), ...(token !== undefined ? { clientToken: token } : {}) };
  if (contentType !== EVENT_TYPE.typing) {
    // A receipt's Content is the JSON string {"messageId":"…"} (SendEvent docs; chatjs#133: an object fails).
    let parsed: unknown;
    try {
      parsed = content === undefined ? undefined : JSON.parse(content);
    } catch {
      throw validation();
    }
    const messageId = parsed && typeof parsed === 'object' ? (parsed as Body).messageId : undefined;
    if (typeof messageId !== 'string' || messageId.length < 1 || messageId.length > 256) throw validation();
    out.messageId = messageId;
  }
  return out;
}

export function transcriptInput(body: Body): TranscriptQuery {
  const q: TranscriptQuery = {};
  const contactId = str(body, 'ContactId', { min: 1, max: 256 });
  const maxResults = int(body, 'MaxResults', 0, 100);
  const nextToken = str(body, 'NextToken', { min: 1, max: 1000 });
  const scan = oneOf(body, 'ScanDirection', ['FORWARD', 'BACKWARD'] as const);
  const sort = oneOf(body, 'SortOrder', ['ASCENDING', 'DESCENDING'] as const);
  const start = obj(body, 'StartPosition');
  if (contactId !== undefined) q.ContactId = contactId;
  if (maxResults !== undefined) q.MaxResults = maxResults;
  if (nextToken !== undefined) q.NextToken = nextToken;
  if (scan) q.ScanDirection = scan;
  if (sort) q.SortOrder = sort;
  if (start) {
    const id = str(start, 'Id', { min: 1, max: 256 });
    const time = str(start, 'AbsoluteTime', { min: 1, max: 100 });
    const mostRecent = int(start, 'MostRecent', 0, 100);
    q.StartPosition = {
      ...(id !== undefined ? { Id: id } : {}),
      ...(time !== undefined ? { AbsoluteTime: time } : {}),
      ...(mostRecent !== undefined ? { MostRecent: mostRecent } : {}),
    };
  }
  return q;
}

export function disconnectInput(body: Body): { clientToken?: string } {
  const token = clientToken(body);
  return token !== undefined ? { clientToken: token } : {};
}

export function startUploadInput(body: Body): { contentType: string; size: number; name: string; clientToken: string } {
  const contentType = str(body, 'ContentType', { min: 1, max: 255, required: true })!;
  const size = body.AttachmentSizeInBytes;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) throw validation();
  const name = str(body, 'AttachmentName', { min: 1, max: 256, required: true })!;
  return { contentType, size, name, clientToken: clientToken(body, true)! };
}

export function completeUploadInput(body: Body): { attachmentIds: string[]; clientToken: string } {
  const ids = list(body, 'AttachmentIds', 1, 1, true)!;
  for (const id of ids) if (typeof id !== 'string' || id.length < 1 || id.length > 256) throw validation();
  return { attachmentIds: ids as string[], clientToken: clientToken(body, true)! };
}

export function getAttachmentInput(body: Body): { attachmentId: string; expirySeconds: number } {
  const attachmentId = str(body, 'AttachmentId', { min: 1, max: 256, required: true })!;
  return { attachmentId, expirySeconds: int(body, 'UrlExpiryInSeconds', 5, 300) ?? 300 };
}
