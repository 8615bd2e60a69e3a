/**
 * The presigned S3 URLs of attachments, served by the stand-in: a PUT that must carry exactly the
 * HeadersToInclude of StartAttachmentUpload, and the GET that GetAttachment's URL points to. Refusals are
 * S3's XML errors. Both allow any origin, as the chat attachments bucket must for browser uploads.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectStore } from '../store/connect-store.ts';
import type { Attachment } from '../store/types.ts';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/amazon-connect/attachment-rules.ts';
import { ATTACHMENT_PATH, type OpContext } from './operation.ts';

export async function handleAttachmentHttp(
  store: ConnectStore,
  downloads: OpContext['downloads'],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const id = decodeURIComponent(url.pathname.slice(ATTACHMENT_PATH.length));
  const signature = url.searchParams.get('X-Amz-Signature') ?? '';
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(200, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, PUT, HEAD',
      'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '*'),
      'Access-Control-Max-Age': '3000',
      'Content-Length': '0',
    });
    res.end();
    return;
  }
  const contactId = id.slice(0, 36);
  const attachment = store.contacts.get(contactId)?.attachments.get(id);
  if (method === 'PUT') {
    if (!attachment || attachment.uploadToken !== signature) return s3Error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    if (attachment.uploadExpiresAt < Date.now()) return s3Error(res, 403, 'AccessDenied', 'Request has expired');
    if (!headersMatch(req, attachment)) return s3Error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    const data = await readLimited(req, MAX_ATTACHMENT_BYTES);
    if (!data) return s3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    if (!attachment.completed) attachment.data = data;
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag', ETag: `"${data.length.toString(16)}"`, 'Content-Length': '0' });
    res.end();
    return;
  }
  if (method === 'GET' || method === 'HEAD') {
    const grant = downloads.get(signature);
    if (!grant || grant.attachmentId !== id || !attachment?.data) return s3Error(res, 403, 'AccessDenied', 'Access Denied');
    if (grant.expiresAt < Date.now()) return s3Error(res, 403, 'AccessDenied', 'Request has expired');
    res.writeHead(200, {
      'Access-Control-Allow-Origin': '*',
      'Content-Type': attachment.contentType,
      'Content-Length': String(attachment.data.length),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
    });
    res.end(method === 'HEAD' ? undefined : attachment.data);
    return;
  }
  s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
}

function headersMatch(req: IncomingMessage, attachment: Attachment): boolean {
  return String(req.headers['content-type'] ?? '') === attachment.contentType;
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Access-Control-Allow-Origin': '*', 'Content-Length': String(Buffer.byteLength(xml)) });
  res.end(xml);
}
