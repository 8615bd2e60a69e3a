/**
 * Reads a JSON request body the way the Participant Service's front door does: bounded size (413 above
 * it), JSON content types only (415 otherwise), an empty body as `{}`. Parse errors and non-object bodies
 * are the service's generic ValidationException.
 */
import type { IncomingMessage } from 'node:http';
import { AwsError, validation } from '../errors/aws-error.ts';

/** API Gateway's request payload limit. */
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

export async function readAwsJson(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT, messageKey: 'message' | 'Message' = 'message'): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    req.resume();
    throw tooLarge(messageKey);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      req.resume();
      throw tooLarge(messageKey);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && type !== 'application/json' && !type.endsWith('+json') && type !== 'application/x-amz-json-1.1') {
    throw new AwsError(415, 'UnsupportedMediaTypeException', 'Unsupported Media Type', {}, messageKey);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw messageKey === 'message' ? validation() : new AwsError(400, 'InvalidRequestException', 'The request is not valid.', {}, 'Message');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw messageKey === 'message' ? validation() : new AwsError(400, 'InvalidRequestException', 'The request is not valid.', {}, 'Message');
  }
  return parsed as Record<string, unknown>;
}

function tooLarge(messageKey: 'message' | 'Message'): AwsError {
  return new AwsError(413, 'RequestEntityTooLargeException', 'Request Too Long', {}, messageKey);
}
