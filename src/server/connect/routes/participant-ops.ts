/**
 * The Participant Service operations (contract §1.1 table). Each gets the caller already located by its
 * bearer token and the parsed body, and returns the JSON answer or throws an AwsError.
 */
import { EVENT_TYPE } from '../../../shared/amazon-connect/wire.ts';
import { AwsError, accessDenied, conflict, quotaExceeded, validation } from '../errors/aws-error.ts';
import type { ConnectStore, Located } from '../store/connect-store.ts';
import { isoNow, newId, newToken } from '../store/ids.ts';
import { queryTranscript } from '../store/transcript-query.ts';
import {
  completeUploadInput,
  connectionInput,
  disconnectInput,
  eventInput,
  getAttachmentInput,
  messageInput,
  startUploadInput,
  transcriptInput,
} from '../validation/participant-input.ts';
import { str } from '../validation/fields.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_CHAT, UPLOAD_URL_TTL_MS } from './attachment-rules.ts';

export interface OpContext {
  store: ConnectStore;
  located: Located;
  body: Record<string, unknown>;
  /** Path parameter of DescribeView. */
  viewToken?: string;
  /** `http://host:port` the caller reached us on, for presigned attachment URLs. */
  httpOrigin: string;
  /** The `ws://127.0.0.1:port` base of websocket URLs (chatjs accepts only wss:// or ws://127.0.0.1:). */
  wsOrigin: string;
  downloads: Map<string, { attachmentId: string; contactId: string; expiresAt: number }>;
}

export type BearerKind = 'participant' | 'connection';

export interface Operation {
  name: string;
  method: 'POST' | 'GET';
  bearer: BearerKind;
  run(ctx: OpContext): object;
}

export const TRANSPORT_PATH = '/connect-transport';
export const ATTACHMENT_PATH = '/connect-attachments/';

/** The first answer to a ClientToken is the answer to every retry, and nothing is done twice. */
function once<T>(ctx: OpContext, op: string, token: string | undefined, fn: () => T): T {
  if (token === undefined || token === '') return fn();
  const key = `${ctx.located.participant.id} ${op} ${token}`;
  const cache = ctx.located.contact.idempotency;
  if (cache.has(key)) return cache.get(key) as T;
  const result = fn();
  cache.set(key, result);
  return result;
}

const createParticipantConnection: Operation = {
  name: 'CreateParticipantConnection',
  method: 'POST',
  bearer: 'participant',
  run(ctx) {
    const { types } = connectionInput(ctx.body);
    const made = ctx.store.createConnection(ctx.located, types);
    return {
      ...(made.websocket
        ? { Websocket: { Url: `${ctx.wsOrigin}${TRANSPORT_PATH}?X-Amz-Security-Token=${made.websocket.urlToken}`, ConnectionExpiry: isoNow(made.websocket.expiresAt) } }
        : {}),
      ...(made.credentials ? { ConnectionCredentials: { ConnectionToken: made.credentials.token, Expiry: isoNow(made.credentials.expiresAt) } } : {}),
    };
  },
};

const sendMessage: Operation = {
  name: 'SendMessage',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = messageInput(ctx.body, ctx.located.contact.supportedContentTypes);
    return once(ctx, 'SendMessage', input.clientToken, () => {
      const item = ctx.store.message(ctx.located.contact, ctx.located.participant, input.contentType, input.content);
      return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
    });
  },
};

const sendEvent: Operation = {
  name: 'SendEvent',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = eventInput(ctx.body);
    const { contact, participant } = ctx.located;
    return once(ctx, 'SendEvent', input.clientToken, () => {
      if (input.contentType === EVENT_TYPE.typing) {
        const item = ctx.store.event(contact, participant, input.contentType, input.content, true);
        return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
      }
      const message = contact.items.find((i) => i.Id === input.messageId && (i.Type === 'MESSAGE' || i.Type === 'ATTACHMENT'));
      if (!message) throw validation();
      // Receipts are refused while more than two participants are active (a supervisor barged in).
      if (contact.participants.filter((p) => !p.left).length > 2) throw conflict('Message receipts are not supported when there are more than two active participants');
      if (message.ParticipantId !== participant.id) ctx.store.receipt(contact, participant, input.messageId!, input.contentType === EVENT_TYPE.read ? 'read' : 'delivered');
      return { Id: newId(), AbsoluteTime: isoNow() };
    });
  },
};

const getTranscript: Operation = {
  name: 'GetTranscript',
  method: 'POST',
  bearer: 'connection',
  run: (ctx) => queryTranscript(ctx.located.contact, transcriptInput(ctx.body)),
};

const disconnectParticipant: Operation = {
  name: 'DisconnectParticipant',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = disconnectInput(ctx.body);
    return once(ctx, 'DisconnectParticipant', input.clientToken, () => {
      ctx.store.disconnect(ctx.located.contact, ctx.located.participant);
      return {};
    });
  },
};

const startAttachmentUpload: Operation = {
  name: 'StartAttachmentUpload',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = startUploadInput(ctx.body);
    const { contact, participant } = ctx.located;
    if (!ctx.store.instances.get(contact.instanceId)?.attachments) throw accessDenied();
    if (!ATTACHMENT_TYPES.includes(input.contentType.toLowerCase()) || input.size > MAX_ATTACHMENT_BYTES) throw validation();
    return once(ctx, 'StartAttachmentUpload', input.clientToken, () => {
      if (contact.attachments.size >= MAX_ATTACHMENTS_PER_CHAT) throw quotaExceeded('The number of attachments per contact exceeds the quota.');
      const id = `${contact.id}-${newId()}`;
      const uploadToken = newToken('');
      const expiresAt = Date.now() + UPLOAD_URL_TTL_MS;
      contact.attachments.set(id, {
        id,
        participantId: participant.id,
        name: input.name,
        contentType: input.contentType,
        declaredSize: input.size,
        uploadToken,
        uploadExpiresAt: expiresAt,
        completed: false,
      });
      return {
        AttachmentId: id,
        UploadMetadata: {
          Url: `${ctx.httpOrigin}${ATTACHMENT_PATH}${encodeURIComponent(id)}?X-Amz-Expires=${UPLOAD_URL_TTL_MS / 1000}&X-Amz-Signature=${uploadToken}`,
          UrlExpiry: isoNow(expiresAt),
          HeadersToInclude: { 'Content-Type': input.contentType },
        },
      };
    });
  },
};

const completeAttachmentUpload: Operation = {
  name: 'CompleteAttachmentUpload',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = completeUploadInput(ctx.body);
    const { contact, participant } = ctx.located;
    return once(ctx, 'CompleteAttachmentUpload', input.clientToken, () => {
      const attachment = contact.attachments.get(input.attachmentIds[0]!);
      if (!attachment || attachment.participantId !== participant.id || !attachment.data) throw validation();
      if (attachment.completed) throw conflict('An attachment with that identifier is already uploaded');
      if (attachment.data.length !== attachment.declaredSize) throw validation();
      attachment.completed = true;
      ctx.store.attachmentItem(contact, participant, { id: attachment.id, name: attachment.name, contentType: attachment.contentType });
      return {};
    });
  },
};

const getAttachment: Operation = {
  name: 'GetAttachment',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = getAttachmentInput(ctx.body);
    const attachment = ctx.located.contact.attachments.get(input.attachmentId);
    if (!attachment?.completed || !attachment.data) throw validation();
    const token = newToken('');
    const expiresAt = Date.now() + input.expirySeconds * 1000;
    ctx.downloads.set(token, { attachmentId: attachment.id, contactId: ctx.located.contact.id, expiresAt });
    return {
      Url: `${ctx.httpOrigin}${ATTACHMENT_PATH}${encodeURIComponent(attachment.id)}?X-Amz-Expires=${input.expirySeconds}&X-Amz-Signature=${token}`,
      UrlExpiry: isoNow(expiresAt),
      AttachmentSizeInBytes: attachment.data.length,
    };
  },
};

/** Step-by-step guides are not emulated: every view token is unknown. */
const describeView: Operation = {
  name: 'DescribeView',
  method: 'GET',
  bearer: 'connection',
  run(ctx) {
    const token = ctx.viewToken ?? '';
    if (token.length < 1 || token.length > 1000) throw validation();
    throw new AwsError(404, 'ResourceNotFoundException', 'View not found', { ResourceId: token });
  },
};

/** Customer authentication (Cognito) is not emulated: no session ever exists. */
const authOp = (name: string, path: string): [string, Operation] => [
  path,
  {
    name,
    method: 'POST',
    bearer: 'connection',
    run(ctx) {
      str(ctx.body, 'SessionId', { min: 36, max: 36, required: true });
      if (name === 'GetAuthenticationUrl') str(ctx.body, 'RedirectUri', { min: 1, max: 1024, required: true });
      throw validation();
    },
  },
];

export const OPERATIONS = new Map<string, Operation>([
  ['/participant/connection', createParticipantConnection],
  ['/participant/message', sendMessage],
  ['/participant/event', sendEvent],
  ['/participant/transcript', getTranscript],
  ['/participant/disconnect', disconnectParticipant],
  ['/participant/start-attachment-upload', startAttachmentUpload],
  ['/participant/complete-attachment-upload', completeAttachmentUpload],
  ['/participant/attachment', getAttachment],
  authOp('GetAuthenticationUrl', '/participant/authentication-url'),
  authOp('CancelParticipantAuthentication', '/participant/cancel-authentication'),
]);
export const DESCRIBE_VIEW = describeView;
export const VIEWS_PREFIX = '/participant/views/';

export function requireActive(located: Located): void {
  if (located.participant.left || located.contact.state === 'ended') throw accessDenied();
}
