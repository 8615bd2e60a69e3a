/**
 * The two Connect control-plane operations the stand-in serves: StartChatContact (`PUT /contact/chat`) and
 * StopContact (`POST /contact/stop`). They need a SigV4 `Authorization` header, as every Connect API does,
 * but any credentials pass (nothing is verified). Errors are Connect's: `{"Message": …}` bodies with
 * InvalidParameterException / InvalidRequestException (400), ResourceNotFoundException (404),
 * ContactNotFoundException (410).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_TYPE } from '../../../shared/amazon-connect/wire.ts';
import { AwsError } from '../errors/aws-error.ts';
import { readAwsJson } from '../http/read-body.ts';
import { sendAws, sendAwsError } from '../http/respond.ts';
import type { ConnectStore } from '../store/connect-store.ts';

const invalidParameter = (m = 'One or more of the specified parameters are not valid.') => new AwsError(400, 'InvalidParameterException', m, {}, 'Message');
const invalidRequest = (m = 'The request is not valid.') => new AwsError(400, 'InvalidRequestException', m, {}, 'Message');
const notFound = (m: string) => new AwsError(404, 'ResourceNotFoundException', m, {}, 'Message');

/** StartChatContact's SupportedMessagingContentTypes values (text/plain must be among them). */
const CHAT_CONTENT_TYPES: readonly string[] = [CONTENT_TYPE.plain, CONTENT_TYPE.markdown, CONTENT_TYPE.json, CONTENT_TYPE.interactive, CONTENT_TYPE.interactiveResponse];
const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;

export async function handleControlPlane(store: ConnectStore, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const requestId = randomUUID();
  const method = req.method ?? 'GET';
  try {
    const route = `${method} ${path}`;
    if (route !== 'PUT /contact/chat' && route !== 'POST /contact/stop') {
      throw new AwsError(404, 'UnknownOperationException', 'Unknown operation', {}, 'message');
    }
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      throw new AwsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token', {}, 'message');
    }
    const body = await readAwsJson(req, 1024 * 1024, 'Message');
    const result = route === 'PUT /contact/chat' ? startChatContact(store, body) : stopContact(store, body);
    sendAws(res, 200, result, requestId);
  } catch (e) {
    if (!(e instanceof AwsError)) console.error('[connect-standin] control plane failed', e);
    req.resume();
    sendAwsError(res, e instanceof AwsError ? e : new AwsError(500, 'InternalServiceException', 'Request processing failed', {}, 'Message'), requestId);
  }
}

function text(body: Record<string, unknown>, key: string, min: number, max: number, required: boolean): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (required) throw invalidRequest(`${key} is required`);
    return undefined;
  }
  if (typeof v !== 'string' || v.length < min || v.length > max) throw invalidParameter(`Invalid ${key}`);
  return v;
}

function startChatContact(store: ConnectStore, body: Record<string, unknown>) {
  const instanceId = text(body, 'InstanceId', 1, 100, true)!;
  const flowId = text(body, 'ContactFlowId', 1, 500, true)!;
  const details = body.ParticipantDetails;
  if (!details || typeof details !== 'object' || Array.isArray(details)) throw invalidRequest('ParticipantDetails is required');
  const displayName = text(details as Record<string, unknown>, 'DisplayName', 1, 256, true)!;
  if (!displayName.trim()) throw invalidParameter('Invalid DisplayName');
  const attributes = attributeMap(body.Attributes);
  const types = body.SupportedMessagingContentTypes;
  let supported: string[] = [];
  if (types !== undefined) {
    if (!Array.isArray(types) || !types.every((t) => typeof t === 'string' && CHAT_CONTENT_TYPES.includes(t)) || !types.includes(CONTENT_TYPE.plain)) {
      throw invalidParameter('Invalid SupportedMessagingContentTypes');
    }
    supported = types as string[];
  }
  const duration = body.ChatDurationInMinutes ?? 1500;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 60 || duration > 10080) throw invalidParameter('Invalid ChatDurationInMinutes');
  let initialMessage: { ContentType: string; Content: string } | undefined;
  if (body.InitialMessage !== undefined) {
    const m = body.InitialMessage as Record<string, unknown>;
    if (!m || typeof m !== 'object') throw invalidParameter('Invalid InitialMessage');
    const contentType = text(m, 'ContentType', 1, 100, true)!;
    const content = text(m, 'Content', 1, 1024, true)!;
    if (contentType !== CONTENT_TYPE.plain && !supported.includes(contentType)) throw invalidParameter('Invalid InitialMessage');
    initialMessage = { ContentType: contentType, Content: content };
  }
  const clientToken = text(body, 'ClientToken', 0, 500, false);
  const instance = store.instances.get(instanceId);
  if (!instance) throw notFound('Resource not found');
  if (!instance.flows.some((f) => f.id === flowId)) throw notFound('Resource not found of Type: null');
  if (clientToken) {
    const earlier = store.startTokens.get(`${instanceId} ${clientToken}`);
    if (earlier) return earlier;
  }
  const { contact, participant } = store.startChat({
    instanceId,
    flowId,
    displayName,
    attributes,
    supportedContentTypes: supported,
    ...(initialMessage ? { initialMessage } : {}),
    chatDurationMinutes: duration,
  });
  const result = { ContactId: contact.id, ParticipantId: participant.id, ParticipantToken: participant.participantToken };
  if (clientToken) store.startTokens.set(`${instanceId} ${clientToken}`, result);
  return result;
}

function attributeMap(v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidParameter('Invalid Attributes');
  const out: Record<string, string> = {};
  let bytes = 0;
  for (const [k, value] of Object.entries(v)) {
    if (!ATTRIBUTE_KEY.test(k) || typeof value !== 'string') throw invalidParameter('Invalid Attributes');
    bytes += Buffer.byteLength(k) + Buffer.byteLength(value);
    out[k] = value;
  }
  // Up to 32,768 UTF-8 bytes across all key-value pairs per contact.
  if (bytes > 32_768) throw invalidParameter('Invalid Attributes');
  return out;
}

function stopContact(store: ConnectStore, body: Record<string, unknown>) {
  const contactId = text(body, 'ContactId', 1, 256, true)!;
  const instanceId = text(body, 'InstanceId', 1, 100, true)!;
  if (!store.instances.has(instanceId)) throw notFound('Resource not found');
  const contact = store.contacts.get(contactId);
  if (!contact || contact.instanceId !== instanceId || contact.state === 'ended') {
    throw new AwsError(410, 'ContactNotFoundException', 'Contact not found', {}, 'Message');
  }
  store.endContact(contact);
  return {};
}
