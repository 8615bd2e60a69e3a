/**
 * `multipart/form-data` for `livechat/upload/:rid`, read the way Rocket.Chat 7.x's `getUploadFormData`
 * reads it (busboy, one file in the named field, `fileSize` limit) and failing with the same errors:
 * `[invalid-field]`, `[error-file-too-large]`, `[No file uploaded]`, busboy's own messages for a body
 * that is not multipart or is cut short. Memory is bounded: the file by the size limit (bytes past it
 * are discarded, not kept), the fields by count and size. Every path settles the promise exactly once.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { BareFailure, MeteorError, PlainError } from '../errors.ts';

export interface UploadedFile {
  fieldname: string;
  filename: string;
  /** As the client declared it; see `mime.ts` for what Rocket.Chat makes of it. */
  mimetype: string;
  data: Buffer;
}

export interface MultipartResult {
  file: UploadedFile | undefined;
  fields: Record<string, string>;
}

export interface MultipartOptions {
  /** The only file field accepted (`file`). */
  field: string;
  /** Bytes; -1 means no limit (then `hardLimitBytes` still applies). */
  sizeLimit: number;
  /** The stand-in keeps uploads in memory: never hold more than this, whatever the setting says. */
  hardLimitBytes?: number;
}

// Rocket.Chat leaves busboy's field limits at their defaults (1 MB a field, no count limit); the
// stand-in keeps them small so a flood of fields cannot exhaust memory. Livechat sends two or three.
const FIELD_LIMITS = { fields: 20, fieldSize: 64 * 1024, parts: 30 } as const;
const DEFAULT_HARD_LIMIT = 256 * 1024 * 1024;

export function readMultipart(req: IncomingMessage, options: MultipartOptions): Promise<MultipartResult> {
  const hard = options.hardLimitBytes ?? DEFAULT_HARD_LIMIT;
  const fileSize = options.sizeLimit > -1 ? Math.min(options.sizeLimit, hard) : hard;

  return new Promise<MultipartResult>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      // Stop parsing but keep reading, so the answer can be written and the socket reused.
      req.unpipe();
      req.resume();
      reject(e);
    };

    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { ...FIELD_LIMITS, files: 1, fileSize } });
    } catch (e) {
      // "Missing Content-Type", "Unsupported content type: …", "Multipart: Boundary not found".
      req.resume();
      reject(new PlainError(e instanceof Error ? e.message : String(e)));
      return;
    }

    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    let file: UploadedFile | undefined;
    let pendingFile = false;
    let finished = false;
    const done = () => {
      if (settled || pendingFile || !finished) return;
      if (!file) return fail(new MeteorError('No file uploaded'));
      settled = true;
      resolve({ file, fields });
    };

    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (fieldname, stream, info) => {
      if (fieldname !== options.field) {
        stream.resume();
        return fail(new MeteorError('invalid-field'));
      }
      pendingFile = true;
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('limit', () => {
        truncated = true;
        chunks.length = 0;
      });
      stream.on('data', (chunk: Buffer) => {
        if (!truncated) chunks.push(chunk);
      });
      stream.on('error', (e: Error) => fail(new PlainError(e.message)));
      stream.on('end', () => {
        pendingFile = false;
        if (truncated) return fail(new MeteorError('error-file-too-large'));
        file = { fieldname, filename: info.filename ?? '', mimetype: info.mimeType, data: Buffer.concat(chunks) };
        done();
      });
    });
    bb.on('filesLimit', () => fail(new BareFailure()));
    bb.on('fieldsLimit', () => fail(new BareFailure()));
    bb.on('partsLimit', () => fail(new BareFailure()));
    // "Unexpected end of form", "Malformed part header", …
    bb.on('error', (e: unknown) => fail(new PlainError(e instanceof Error ? e.message : String(e))));
    bb.on('close', () => {
      finished = true;
      done();
    });
    req.on('error', (e) => fail(new PlainError(e.message)));
    req.on('aborted', () => fail(new PlainError('Request aborted')));
    req.pipe(bb);
  });
}
