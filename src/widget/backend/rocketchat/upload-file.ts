/**
 * Sending a file to Rocket.Chat (`POST livechat/upload/:rid`), loaded the first time a visitor sends one:
 * it reads a refusal with the error table (./errors.ts), which a chat where all is well never needs.
 */
import type { ChatMessage } from '../chat-backend.ts';
import { ChatError } from '../errors.ts';
import { isObject } from '../shape.ts';
import { adaptMessage } from './adapt.ts';
import { fromHttp } from './errors.ts';
import { apiBase } from './rest-client.ts';
import type { ExtrasContext } from './visitor-extras.ts';

/**
 * The upload's answer: the file message itself (some versions wrap it as `{ message }`), or a refusal
 * with `reason` (type, switched off) or `errorType` (too large), by Rocket.Chat's wrapper.
 */
export function readUploadAnswer(status: number, responseText: string, serverUrl: string): ChatMessage | undefined {
  let body: unknown;
  try {
    body = JSON.parse(responseText);
  } catch {
    body = undefined;
  }
  if (status < 200 || status >= 300 || (isObject(body) && body.success === false)) throw fromHttp(Math.max(400, status), body);
  return adaptMessage(isObject(body) && isObject(body.message) ? body.message : body, serverUrl, 'livechat/upload');
}

/** `POST livechat/upload/:rid` with XMLHttpRequest: fetch cannot report upload progress. */
export function uploadFile(
  ctx: ExtrasContext,
  p: { conversation: string; file: File; onProgress?: (sent: number, total: number) => void; signal?: AbortSignal },
): Promise<ChatMessage | undefined> {
  return new Promise((resolve, reject) => {
    if (p.signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${apiBase(ctx.serverUrl)}/livechat/upload/${encodeURIComponent(p.conversation)}`);
    xhr.setRequestHeader('x-visitor-token', ctx.token());
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => p.onProgress?.(e.loaded, e.lengthComputable ? e.total : p.file.size);
    const onAbort = () => xhr.abort();
    p.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => p.signal?.removeEventListener('abort', onAbort);
    xhr.onabort = () => {
      done();
      reject(new DOMException('Aborted', 'AbortError'));
    };
    xhr.onerror = () => {
      done();
      reject(new ChatError('network', 'The upload could not reach the server'));
    };
    xhr.onload = () => {
      done();
      try {
        resolve(readUploadAnswer(xhr.status, xhr.responseText, ctx.serverUrl));
      } catch (e) {
        reject(e);
      }
    };
    const form = new FormData();
    form.append('file', p.file, p.file.name);
    xhr.send(form);
  });
}
