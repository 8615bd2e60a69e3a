/**
 * The Participant Service operations (contract §1.1 table). Each gets the caller already located by its
 * bearer token and the parsed body, and returns the JSON answer or throws an AwsError.
 */
import { EVENT_TYPE } from '../../../shared/amazon-connect/wire.ts';
import { AwsError, conflict, validation } from '../errors/aws-error.ts';
import { isoNow, newId } from '../store/ids.ts';
import { queryTranscript } from '../store/transcript-query.ts';
import { connectionInput, disconnectInput, eventInput, messageInput, transcriptInput } from '../validation/participant-input.ts';
import { str } from '../validation/fields.ts';
import { completeAttachmentUpload, getAttachment, startAttachmentUpload } from './attachment-ops.ts';
import { TRANSPORT_PATH, once, type Operation } from './operation.ts';

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
