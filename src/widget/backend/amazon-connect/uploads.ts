/**
 * Sending a file on Amazon Connect (contract §1.1, Attachments): StartAttachmentUpload gives a
 * presigned URL, the browser PUTs the bytes there with exactly the headers it names, then
 * CompleteAttachmentUpload. The file's item arrives on the websocket like any other. Its own chunk:
 * loaded the first time a visitor sends a file.
 */
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../../shared/amazon-connect/attachment-rules.ts';
import type { StartAttachmentUploadResponse } from '../../../shared/amazon-connect/wire.ts';
import { randomId } from '../../../shared/random-id.ts';
import type { UploadRules } from '../chat-backend.ts';
import { ChatError } from '../errors.ts';

/** What Amazon Connect chat accepts (an instance can narrow it further; the service then refuses with a 400 we show). */
export const CONNECT_UPLOAD_RULES: UploadRules = { maxBytes: MAX_ATTACHMENT_BYTES, accept: [...ATTACHMENT_TYPES], refuse: [] };

export type Call = <T>(op: string, body: object) => Promise<T>;

/** The PUT to the presigned URL, with progress; `signal` aborts it. */
function put(url: string, headers: Record<string, string>, file: File, onProgress?: (sent: number, total: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (f: () => void) => {
      signal?.removeEventListener('abort', onAbort);
      f();
    };
    xhr.onabort = () => done(() => reject(new DOMException('The upload was cancelled', 'AbortError')));
    xhr.onerror = () => done(() => reject(new ChatError('network', 'the file could not be sent to storage')));
    xhr.onload = () =>
      done(() => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new ChatError(xhr.status === 403 ? 'unauthorized' : 'server', `storage answered ${xhr.status}`, { status: xhr.status }))));
    xhr.send(file);
  });
}

export async function uploadToConnect(call: Call, p: { file: File; onProgress?: (sent: number, total: number) => void; signal?: AbortSignal }): Promise<void> {
  const { file } = p;
  const start = await call<StartAttachmentUploadResponse>('start-attachment-upload', {
    ContentType: file.type || 'application/octet-stream',
    AttachmentSizeInBytes: file.size,
    AttachmentName: file.name,
    ClientToken: randomId(),
  });
  const url = start.UploadMetadata?.Url;
  if (!start.AttachmentId || !url) throw new ChatError('server', 'no upload address');
  await put(url, start.UploadMetadata?.HeadersToInclude ?? {}, file, p.onProgress, p.signal);
  await call('complete-attachment-upload', { AttachmentIds: [start.AttachmentId], ClientToken: randomId() });
}
