// @vitest-environment node
/**
 * Every bad request the widget (and the agent harness) can make, with Rocket.Chat 7.x's exact status and
 * body: AJV `[invalid-params]` errors in schema order, Meteor `check()` Match errors, plain errors and
 * Meteor errors (contract §0.3, research notes §0–§25).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import {
  agent,
  authHeaders,
  client,
  multipart,
  openRoom,
  PNG_1X1,
  registerVisitor,
  sendMessage,
  startStandin,
  type Client,
  type Req,
  type Running,
} from './harness.ts';

interface Fixtures {
  ana: AgentClient;
  bob: AgentClient;
  /** Open room of `tok-a`, served by ana. */
  ridA: string;
  /** Open room of `tok-b`. */
  ridB: string;
  /** Closed room of `tok-c` (closed by the visitor). */
  ridC: string;
  /** Open room of `tok-noagent` that nobody serves. */
  ridNoAgent: string;
  /** A message of visitor A in ridA. */
  msgA: string;
  /** The agent's message in ridA. */
  agentMsgA: string;
}

interface Row {
  name: string;
  req: (fx: Fixtures) => Req;
  status: number;
  body: unknown;
}

const invalidParams = (message: string) => ({ success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' });
const plain = (error: string) => ({ success: false, error });
const matchError = (detail: string) => ({ success: false, error: `Match error: ${detail}` });
const meteor = (code: string, reason?: string, details?: unknown) => ({
  success: false,
  error: reason ? `${reason} [${code}]` : `[${code}]`,
  errorType: code,
  ...(details !== undefined ? { details } : {}),
});
const UNAUTHORIZED = {
  success: false,
  error: 'You must be logged in to do this.',
  status: 'error',
  message: 'You must be logged in to do this.',
};
const LOGIN_FAILED = { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' };
const FORBIDDEN = { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' };
const NOT_FOUND = { status: 'error', message: 'API endpoint does not exist' };

const get = (route: string, query?: Req['query']): Req => ({ method: 'GET', route, ...(query ? { query } : {}) });
const post = (route: string, body: unknown, headers?: Record<string, string>): Req => ({
  method: 'POST',
  route,
  body,
  ...(headers ? { headers } : {}),
});
/** `POST livechat/upload/:rid` with a hand-built multipart body (or `raw` bytes) and the visitor header. */
const uploadReq = (rid: string, token: string | undefined, parts: Parameters<typeof multipart>[0], raw?: { body: string; type?: string }): Req => {
  const built = multipart(parts);
  const contentType = raw ? raw.type : built.contentType;
  return {
    method: 'POST',
    route: `livechat/upload/${rid}`,
    rawBody: raw ? raw.body : built.body,
    headers: { ...(contentType !== undefined ? { 'content-type': contentType } : {}), ...(token !== undefined ? { 'x-visitor-token': token } : {}) },
  };
};
const pngPart = { name: 'file', value: PNG_1X1, filename: 'a.png', type: 'image/png' };
const typedParams = (error: string) => ({ success: false, errorType: 'error-invalid-params', error });
const UPLOAD_FORBIDDEN = { success: false, error: 'unauthorized' };
const validTrigger = {
  name: 'T',
  description: '',
  enabled: true,
  runOnce: false,
  conditions: [{ name: 'page-url', value: '/x' }],
  actions: [{ name: 'send-message', params: { sender: 'queue', msg: 'Hi' } }],
};
const pageInfo = { title: 'Pricing', change: 'url', location: { href: 'https://shop.example/pricing' } };
const BODY_LIMIT = 16 * 1024;

function jsonParseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the text parsed');
}

const rows: Row[] = [
  // ---- GET livechat/config ------------------------------------------------------------------------
  {
    name: 'GET livechat/config rejects an unknown query parameter',
    req: () => get('livechat/config', { foo: 'bar' }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'GET livechat/config rejects a repeated token',
    req: () => get('livechat/config', { token: ['a', 'b'] }),
    status: 400,
    body: invalidParams('must be string'),
  },

  // ---- POST livechat/visitor ----------------------------------------------------------------------
  {
    name: 'POST livechat/visitor without visitor is a Match error',
    req: () => post('livechat/visitor', {}),
    status: 400,
    body: matchError("Missing key 'visitor'"),
  },
  {
    name: 'POST livechat/visitor without a token names the field',
    req: () => post('livechat/visitor', { visitor: { name: 'Jane' } }),
    status: 400,
    body: matchError("Missing key 'token' in field visitor"),
  },
  {
    name: 'POST livechat/visitor with a numeric token reports the type and path',
    req: () => post('livechat/visitor', { visitor: { token: 5 } }),
    status: 400,
    body: matchError('Expected string, got number in field visitor.token'),
  },
  {
    name: 'POST livechat/visitor rejects an unknown top-level key',
    req: () => post('livechat/visitor', { visitor: { token: 'tok-new' }, extra: true }),
    status: 400,
    body: matchError('Unknown key in field extra'),
  },
  {
    name: 'POST livechat/visitor rejects a visitor that is not an object',
    req: () => post('livechat/visitor', { visitor: 'tok-new' }),
    status: 400,
    body: matchError('Expected object, got string in field visitor'),
  },
  {
    name: 'POST livechat/visitor swallows the inner reason of a Maybe field',
    req: () => post('livechat/visitor', { visitor: { token: 'tok-new', name: 5 } }),
    status: 400,
    body: matchError('Failed Match.OneOf, Match.Maybe or Match.Optional validation in field visitor.name'),
  },
  {
    name: 'POST livechat/visitor with a blank token is error-invalid-token',
    req: () => post('livechat/visitor', { visitor: { token: '   ' } }),
    status: 400,
    body: meteor('error-invalid-token', 'Token cannot be empty', { method: 'livechat/visitor' }),
  },
  {
    name: 'POST livechat/visitor with an invalid email names the trimmed lower-cased address',
    req: () => post('livechat/visitor', { visitor: { token: 'tok-new', email: ' Not-An-Email ' } }),
    status: 400,
    body: meteor('error-invalid-email', 'Invalid email not-an-email', { function: 'Livechat.validateEmail', email: 'not-an-email' }),
  },
  {
    name: 'POST livechat/visitor with an unknown department is error-invalid-department',
    req: () => post('livechat/visitor', { visitor: { token: 'tok-new', department: 'Nowhere' } }),
    status: 400,
    body: meteor('error-invalid-department', 'The provided department is invalid'),
  },
  {
    name: 'POST livechat/visitor checks the email before the department',
    req: () => post('livechat/visitor', { visitor: { token: 'tok-new', email: 'nope', department: 'Nowhere' } }),
    status: 400,
    body: meteor('error-invalid-email', 'Invalid email nope', { function: 'Livechat.validateEmail', email: 'nope' }),
  },

  // ---- GET/DELETE livechat/visitor/:token, POST livechat/visitor.status ---------------------------
  {
    name: 'GET livechat/visitor/:token with an unknown token is [invalid-token]',
    req: () => get('livechat/visitor/no-such-token'),
    status: 400,
    body: meteor('invalid-token'),
  },
  {
    name: 'DELETE livechat/visitor/:token with an unknown token is [invalid-token]',
    req: () => ({ method: 'DELETE', route: 'livechat/visitor/no-such-token' }),
    status: 400,
    body: meteor('invalid-token'),
  },
  {
    name: 'DELETE livechat/visitor/:token refuses a visitor with an open room',
    req: () => ({ method: 'DELETE', route: 'livechat/visitor/tok-a' }),
    status: 400,
    body: meteor('visitor-has-open-rooms', 'Cannot remove visitors with opened rooms'),
  },
  {
    name: 'POST livechat/visitor.status without a token is a Match error',
    req: () => post('livechat/visitor.status', {}),
    status: 400,
    body: matchError("Missing key 'token'"),
  },
  {
    name: 'POST livechat/visitor.status without a status is a Match error',
    req: () => post('livechat/visitor.status', { token: 'tok-a' }),
    status: 400,
    body: matchError("Missing key 'status'"),
  },
  {
    name: 'POST livechat/visitor.status rejects an unknown key',
    req: () => post('livechat/visitor.status', { token: 'tok-a', status: 'away', since: 1 }),
    status: 400,
    body: matchError('Unknown key in field since'),
  },
  {
    name: 'POST livechat/visitor.status with an unknown token is [invalid-token]',
    req: () => post('livechat/visitor.status', { token: 'no-such-token', status: 'away' }),
    status: 400,
    body: meteor('invalid-token'),
  },

  // ---- GET livechat/room --------------------------------------------------------------------------
  {
    name: 'GET livechat/room without a token is a Match error',
    req: () => get('livechat/room'),
    status: 400,
    body: matchError("Missing key 'token'"),
  },
  {
    name: 'GET livechat/room reports an unknown key before the missing token',
    req: () => get('livechat/room', { foo: '1' }),
    status: 400,
    body: matchError('Unknown key in field foo'),
  },
  {
    name: 'GET livechat/room rejects an unknown key next to a valid token',
    req: () => get('livechat/room', { token: 'tok-a', foo: '1' }),
    status: 400,
    body: matchError('Unknown key in field foo'),
  },
  {
    name: 'GET livechat/room quotes an unknown key that is not an identifier, as Meteor does',
    req: () => get('livechat/room', { token: 'tok-a', 'utm-source': 'mail' }),
    status: 400,
    body: matchError('Unknown key in field ["utm-source"]'),
  },
  {
    name: 'POST livechat/visitor puts an array index in brackets in the field path',
    req: () => post('livechat/visitor', { visitor: { token: 'tok-new' }, 0: 'x' }),
    status: 400,
    body: matchError('Unknown key in field [0]'),
  },
  {
    name: 'GET livechat/room with a repeated token reports an object',
    req: () => get('livechat/room', { token: ['tok-a', 'tok-b'] }),
    status: 400,
    body: matchError('Expected string, got object in field token'),
  },
  {
    name: 'GET livechat/room with an unknown token is invalid-token',
    req: () => get('livechat/room', { token: 'no-such-token' }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "GET livechat/room with another visitor's rid is invalid-room",
    req: (fx) => get('livechat/room', { token: 'tok-a', rid: fx.ridB }),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: 'GET livechat/room with a closed rid is invalid-room and opens nothing',
    req: (fx) => get('livechat/room', { token: 'tok-c', rid: fx.ridC }),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: "GET livechat/room when the visitor's department has no online agent is no-agent-online",
    req: () => get('livechat/room', { token: 'tok-empty' }),
    status: 400,
    body: meteor('no-agent-online', 'Sorry, no online agents'),
  },

  // ---- POST livechat/message ----------------------------------------------------------------------
  {
    name: 'POST livechat/message with an empty body asks for the token first',
    req: () => post('livechat/message', {}),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/message asks for rid second',
    req: () => post('livechat/message', { token: 'tok-a', msg: 'hi' }),
    status: 400,
    body: invalidParams("must have required property 'rid'"),
  },
  {
    name: 'POST livechat/message asks for msg third',
    req: (fx) => post('livechat/message', { token: 'tok-a', rid: fx.ridA }),
    status: 400,
    body: invalidParams("must have required property 'msg'"),
  },
  {
    name: 'POST livechat/message rejects an extra key',
    req: (fx) => post('livechat/message', { token: 'tok-a', rid: fx.ridA, msg: 'hi', color: 'red' }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'POST livechat/message rejects a msg that is an object',
    req: (fx) => post('livechat/message', { token: 'tok-a', rid: fx.ridA, msg: { text: 'hi' } }),
    status: 400,
    body: invalidParams('must be string'),
  },
  {
    name: 'POST livechat/message rejects an agent without a username',
    req: (fx) => post('livechat/message', { token: 'tok-a', rid: fx.ridA, msg: 'hi', agent: { agentId: 'x' } }),
    status: 400,
    body: invalidParams("must have required property 'username'"),
  },
  {
    name: 'POST livechat/message rejects a null agent',
    req: (fx) => post('livechat/message', { token: 'tok-a', rid: fx.ridA, msg: 'hi', agent: null }),
    status: 400,
    body: invalidParams('must be object'),
  },
  {
    name: 'POST livechat/message with an unknown token is invalid-token',
    req: (fx) => post('livechat/message', { token: 'no-such-token', rid: fx.ridA, msg: 'hi' }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "POST livechat/message into another visitor's room is invalid-room",
    req: (fx) => post('livechat/message', { token: 'tok-a', rid: fx.ridB, msg: 'hi' }),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: 'POST livechat/message into a closed room is room-closed',
    req: (fx) => post('livechat/message', { token: 'tok-c', rid: fx.ridC, msg: 'hi' }),
    status: 400,
    body: plain('room-closed'),
  },
  {
    name: 'POST livechat/message with an _id that exists is a bare failure',
    req: (fx) => post('livechat/message', { token: 'tok-a', rid: fx.ridA, msg: 'again', _id: fx.msgA }),
    status: 400,
    body: { success: false },
  },

  // ---- GET livechat/message/:_id ------------------------------------------------------------------
  {
    name: 'GET livechat/message/:_id without a token asks for it',
    req: (fx) => get(`livechat/message/${fx.msgA}`),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'GET livechat/message/:_id without a rid asks for it',
    req: (fx) => get(`livechat/message/${fx.msgA}`, { token: 'tok-a' }),
    status: 400,
    body: invalidParams("must have required property 'rid'"),
  },
  {
    name: 'GET livechat/message/:_id with an unknown token is invalid-token',
    req: (fx) => get(`livechat/message/${fx.msgA}`, { token: 'no-such-token', rid: fx.ridA }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "GET livechat/message/:_id in another visitor's room is invalid-room",
    req: (fx) => get(`livechat/message/${fx.msgA}`, { token: 'tok-b', rid: fx.ridA }),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: 'GET livechat/message/:_id of a message from another room is invalid-message',
    req: (fx) => get(`livechat/message/${fx.msgA}`, { token: 'tok-b', rid: fx.ridB }),
    status: 400,
    body: plain('invalid-message'),
  },

  // ---- PUT / DELETE livechat/message/:_id ---------------------------------------------------------
  {
    name: 'PUT livechat/message/:_id with an empty body asks for the token',
    req: (fx) => ({ method: 'PUT', route: `livechat/message/${fx.msgA}`, body: {} }),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'PUT livechat/message/:_id asks for msg after token and rid',
    req: (fx) => ({ method: 'PUT', route: `livechat/message/${fx.msgA}`, body: { token: 'tok-a', rid: fx.ridA } }),
    status: 400,
    body: invalidParams("must have required property 'msg'"),
  },
  {
    name: 'PUT livechat/message/:_id with an unknown token is invalid-token',
    req: (fx) => ({ method: 'PUT', route: `livechat/message/${fx.msgA}`, body: { token: 'no-such-token', rid: fx.ridA, msg: 'x' } }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "PUT livechat/message/:_id in another visitor's room is invalid-room",
    req: (fx) => ({ method: 'PUT', route: `livechat/message/${fx.msgA}`, body: { token: 'tok-b', rid: fx.ridA, msg: 'x' } }),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: 'PUT livechat/message/:_id of an unknown message is invalid-message',
    req: (fx) => ({ method: 'PUT', route: 'livechat/message/no-such-message', body: { token: 'tok-a', rid: fx.ridA, msg: 'x' } }),
    status: 400,
    body: plain('invalid-message'),
  },
  {
    name: "PUT livechat/message/:_id of the agent's message is error-action-not-allowed",
    req: (fx) => ({ method: 'PUT', route: `livechat/message/${fx.agentMsgA}`, body: { token: 'tok-a', rid: fx.ridA, msg: 'x' } }),
    status: 400,
    body: meteor('error-action-not-allowed', 'Message editing not allowed', { method: 'livechatUpdateMessage' }),
  },
  {
    name: "PUT livechat/message/:_id of another visitor's message through one's own room is error-action-not-allowed",
    req: (fx) => ({ method: 'PUT', route: `livechat/message/${fx.msgA}`, body: { token: 'tok-b', rid: fx.ridB, msg: 'x' } }),
    status: 400,
    body: meteor('error-action-not-allowed', 'Message editing not allowed', { method: 'livechatUpdateMessage' }),
  },
  {
    name: 'DELETE livechat/message/:_id without a body asks for the token',
    req: (fx) => ({ method: 'DELETE', route: `livechat/message/${fx.msgA}` }),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'DELETE livechat/message/:_id of an unknown message is invalid-message',
    req: (fx) => ({ method: 'DELETE', route: 'livechat/message/no-such-message', body: { token: 'tok-a', rid: fx.ridA } }),
    status: 400,
    body: plain('invalid-message'),
  },
  {
    name: "DELETE livechat/message/:_id of the agent's message is error-action-not-allowed",
    req: (fx) => ({ method: 'DELETE', route: `livechat/message/${fx.agentMsgA}`, body: { token: 'tok-a', rid: fx.ridA } }),
    status: 400,
    body: meteor('error-action-not-allowed', 'Message deleting not allowed', { method: 'livechatDeleteMessage' }),
  },

  // ---- POST livechat/room.survey, GET livechat/agent.next/:token ----------------------------------
  {
    name: 'POST livechat/room.survey with an empty body asks for the token',
    req: () => post('livechat/room.survey', {}),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/room.survey needs at least one answer',
    req: (fx) => post('livechat/room.survey', { token: 'tok-a', rid: fx.ridA, data: [] }),
    status: 400,
    body: invalidParams('must NOT have fewer than 1 items'),
  },
  {
    name: 'POST livechat/room.survey with an unknown token is invalid-token',
    req: (fx) => post('livechat/room.survey', { token: 'no-such-token', rid: fx.ridA, data: [{ name: 'satisfaction', value: '5' }] }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "POST livechat/room.survey of another visitor's room is invalid-room",
    req: (fx) => post('livechat/room.survey', { token: 'tok-a', rid: fx.ridB, data: [{ name: 'satisfaction', value: '5' }] }),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: 'POST livechat/room.survey with no usable answer is invalid-data',
    req: (fx) => post('livechat/room.survey', { token: 'tok-a', rid: fx.ridA, data: [{ name: 'satisfaction', value: '10' }] }),
    status: 400,
    body: plain('invalid-data'),
  },
  {
    name: 'GET livechat/agent.next/:token rejects an unknown query parameter',
    req: () => get('livechat/agent.next/tok-new', { dept: 'Sales' }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'GET livechat/agent.next/:token for a department without agents is agent-not-found',
    req: () => get('livechat/agent.next/tok-new', { department: 'dep-empty' }),
    status: 400,
    body: plain('agent-not-found'),
  },

  // ---- GET livechat/messages.history/:rid ---------------------------------------------------------
  {
    name: 'GET livechat/messages.history/:rid without a token asks for it',
    req: (fx) => get(`livechat/messages.history/${fx.ridA}`),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'GET livechat/messages.history/:rid rejects a limit that is not a number',
    req: (fx) => get(`livechat/messages.history/${fx.ridA}`, { token: 'tok-a', limit: 'abc' }),
    status: 400,
    body: invalidParams('must be number'),
  },
  {
    name: 'GET livechat/messages.history/:rid rejects an unknown parameter',
    req: (fx) => get(`livechat/messages.history/${fx.ridA}`, { token: 'tok-a', page: '2' }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'GET livechat/messages.history/:rid with an unknown token is invalid-token',
    req: (fx) => get(`livechat/messages.history/${fx.ridA}`, { token: 'no-such-token' }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "GET livechat/messages.history/:rid of another visitor's room is invalid-room",
    req: (fx) => get(`livechat/messages.history/${fx.ridB}`, { token: 'tok-a' }),
    status: 400,
    body: plain('invalid-room'),
  },

  // ---- POST livechat/room.close -------------------------------------------------------------------
  {
    name: 'POST livechat/room.close with an empty body asks for the token',
    req: () => post('livechat/room.close', {}),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/room.close without a rid asks for it',
    req: () => post('livechat/room.close', { token: 'tok-a' }),
    status: 400,
    body: invalidParams("must have required property 'rid'"),
  },
  {
    name: 'POST livechat/room.close rejects an extra key',
    req: (fx) => post('livechat/room.close', { token: 'tok-a', rid: fx.ridA, comment: 'bye' }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'POST livechat/room.close with an unknown token is invalid-token',
    req: (fx) => post('livechat/room.close', { token: 'no-such-token', rid: fx.ridA }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "POST livechat/room.close of another visitor's room is invalid-room",
    req: (fx) => post('livechat/room.close', { token: 'tok-a', rid: fx.ridB }),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: 'POST livechat/room.close of a closed room is room-closed',
    req: (fx) => post('livechat/room.close', { token: 'tok-c', rid: fx.ridC }),
    status: 400,
    body: plain('room-closed'),
  },

  // ---- POST livechat/transcript -------------------------------------------------------------------
  {
    name: 'POST livechat/transcript with an empty body asks for rid first',
    req: () => post('livechat/transcript', {}),
    status: 400,
    body: invalidParams("must have required property 'rid'"),
  },
  {
    name: 'POST livechat/transcript asks for rid even when token and email are there',
    req: () => post('livechat/transcript', { token: 'tok-a', email: 'jane@example.com' }),
    status: 400,
    body: invalidParams("must have required property 'rid'"),
  },
  {
    name: 'POST livechat/transcript asks for the token second',
    req: (fx) => post('livechat/transcript', { rid: fx.ridA }),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/transcript asks for the email third',
    req: (fx) => post('livechat/transcript', { rid: fx.ridA, token: 'tok-a' }),
    status: 400,
    body: invalidParams("must have required property 'email'"),
  },
  {
    name: 'POST livechat/transcript rejects an extra key',
    req: (fx) => post('livechat/transcript', { rid: fx.ridA, token: 'tok-a', email: 'jane@example.com', format: 'pdf' }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'POST livechat/transcript with an unknown token is error-invalid-token',
    req: (fx) => post('livechat/transcript', { rid: fx.ridA, token: 'no-such-token', email: 'jane@example.com' }),
    status: 400,
    body: plain('error-invalid-token'),
  },
  {
    name: "POST livechat/transcript of another visitor's room is error-invalid-room",
    req: (fx) => post('livechat/transcript', { rid: fx.ridB, token: 'tok-a', email: 'jane@example.com' }),
    status: 400,
    body: plain('error-invalid-room'),
  },
  {
    name: 'POST livechat/transcript of an unknown room is error-invalid-room',
    req: () => post('livechat/transcript', { rid: 'no-such-room', token: 'tok-a', email: 'jane@example.com' }),
    status: 400,
    body: plain('error-invalid-room'),
  },
  {
    name: 'POST livechat/transcript to an invalid email is [invalid email]',
    req: (fx) => post('livechat/transcript', { rid: fx.ridA, token: 'tok-a', email: 'jane at example' }),
    status: 400,
    body: meteor('invalid email'),
  },

  // ---- GET livechat/agent.info/:rid/:token --------------------------------------------------------
  {
    name: 'GET livechat/agent.info with an unknown token is invalid-token',
    req: (fx) => get(`livechat/agent.info/${fx.ridA}/no-such-token`),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "GET livechat/agent.info of another visitor's room is invalid-room",
    req: (fx) => get(`livechat/agent.info/${fx.ridB}/tok-a`),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: 'GET livechat/agent.info of a room nobody serves is invalid-agent',
    req: (fx) => get(`livechat/agent.info/${fx.ridNoAgent}/tok-noagent`),
    status: 400,
    body: plain('invalid-agent'),
  },

  // ---- POST livechat/offline.message --------------------------------------------------------------
  {
    name: 'POST livechat/offline.message with an empty body asks for the name',
    req: () => post('livechat/offline.message', {}),
    status: 400,
    body: invalidParams("must have required property 'name'"),
  },
  {
    name: 'POST livechat/offline.message asks for the email second',
    req: () => post('livechat/offline.message', { name: 'Jane', message: 'Call me' }),
    status: 400,
    body: invalidParams("must have required property 'email'"),
  },
  {
    name: 'POST livechat/offline.message asks for the message third',
    req: () => post('livechat/offline.message', { name: 'Jane', email: 'jane@example.com' }),
    status: 400,
    body: invalidParams("must have required property 'message'"),
  },
  {
    name: 'POST livechat/offline.message rejects an extra key',
    req: () => post('livechat/offline.message', { name: 'Jane', email: 'jane@example.com', message: 'Hi', phone: '1' }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'POST livechat/offline.message rejects a name that is an object',
    req: () => post('livechat/offline.message', { name: {}, email: 'jane@example.com', message: 'Hi' }),
    status: 400,
    body: invalidParams('must be string'),
  },
  {
    name: 'POST livechat/offline.message with an invalid email fails with the 7.x message body',
    req: () => post('livechat/offline.message', { name: 'Jane', email: 'not-an-email', message: 'Hi' }),
    status: 400,
    body: { message: 'Error sending Omnichannel offline message', success: false },
  },

  // ---- POST livechat/page.visited -----------------------------------------------------------------
  {
    name: 'POST livechat/page.visited with an empty body asks for the token',
    req: () => post('livechat/page.visited', {}),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/page.visited asks for pageInfo',
    req: () => post('livechat/page.visited', { token: 'tok-a' }),
    status: 400,
    body: invalidParams("must have required property 'pageInfo'"),
  },
  {
    name: 'POST livechat/page.visited asks for pageInfo.title before change and location',
    req: () => post('livechat/page.visited', { token: 'tok-a', pageInfo: {} }),
    status: 400,
    body: invalidParams("must have required property 'title'"),
  },
  {
    name: 'POST livechat/page.visited asks for pageInfo.change after the title',
    req: () => post('livechat/page.visited', { token: 'tok-a', pageInfo: { title: 'Home', location: { href: '/' } } }),
    status: 400,
    body: invalidParams("must have required property 'change'"),
  },
  {
    name: 'POST livechat/page.visited asks for pageInfo.location',
    req: () => post('livechat/page.visited', { token: 'tok-a', pageInfo: { title: 'Home', change: 'url' } }),
    status: 400,
    body: invalidParams("must have required property 'location'"),
  },
  {
    name: 'POST livechat/page.visited asks for location.href without a path',
    req: () => post('livechat/page.visited', { token: 'tok-a', pageInfo: { title: 'Home', change: 'url', location: {} } }),
    status: 400,
    body: invalidParams("must have required property 'href'"),
  },
  {
    name: 'POST livechat/page.visited rejects an extra key inside pageInfo',
    req: () => post('livechat/page.visited', { token: 'tok-a', pageInfo: { ...pageInfo, referrer: 'x' } }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'POST livechat/page.visited rejects a pageInfo that is a string',
    req: () => post('livechat/page.visited', { token: 'tok-a', pageInfo: 'home' }),
    status: 400,
    body: invalidParams('must be object'),
  },

  // ---- POST livechat/custom.field(s) --------------------------------------------------------------
  {
    name: 'POST livechat/custom.field with an empty body asks for the token',
    req: () => post('livechat/custom.field', {}),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/custom.field asks for key, then value, then overwrite',
    req: () => post('livechat/custom.field', { token: 'tok-a', key: 'address', value: 'Main St' }),
    status: 400,
    body: invalidParams("must have required property 'overwrite'"),
  },
  {
    name: 'POST livechat/custom.field asks for the value before overwrite',
    req: () => post('livechat/custom.field', { token: 'tok-a', key: 'address' }),
    status: 400,
    body: invalidParams("must have required property 'value'"),
  },
  {
    name: 'POST livechat/custom.field rejects an overwrite that is not a boolean',
    req: () => post('livechat/custom.field', { token: 'tok-a', key: 'address', value: 'x', overwrite: 'maybe' }),
    status: 400,
    body: invalidParams('must be boolean'),
  },
  {
    name: 'POST livechat/custom.field with an unknown token is invalid-token',
    req: () => post('livechat/custom.field', { token: 'no-such-token', key: 'address', value: 'x', overwrite: true }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: 'POST livechat/custom.field with an undefined field is invalid-custom-field',
    req: () => post('livechat/custom.field', { token: 'tok-a', key: 'shoe-size', value: '42', overwrite: true }),
    status: 400,
    body: plain('invalid-custom-field'),
  },
  {
    name: 'POST livechat/custom.fields with an empty body asks for the token',
    req: () => post('livechat/custom.fields', {}),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/custom.fields asks for customFields',
    req: () => post('livechat/custom.fields', { token: 'tok-a' }),
    status: 400,
    body: invalidParams("must have required property 'customFields'"),
  },
  {
    name: 'POST livechat/custom.fields rejects customFields that is not an array',
    req: () => post('livechat/custom.fields', { token: 'tok-a', customFields: { key: 'address' } }),
    status: 400,
    body: invalidParams('must be array'),
  },
  {
    name: 'POST livechat/custom.fields rejects an item without a key',
    req: () => post('livechat/custom.fields', { token: 'tok-a', customFields: [{ value: 'x', overwrite: true }] }),
    status: 400,
    body: invalidParams("must have required property 'key'"),
  },
  {
    name: 'POST livechat/custom.fields with an unknown token is invalid-token',
    req: () => post('livechat/custom.fields', { token: 'no-such-token', customFields: [{ key: 'address', value: 'x', overwrite: true }] }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: 'POST livechat/custom.fields with an undefined field is invalid-custom-field',
    req: () => post('livechat/custom.fields', { token: 'tok-a', customFields: [{ key: 'shoe-size', value: '42', overwrite: true }] }),
    status: 400,
    body: plain('invalid-custom-field'),
  },

  // ---- agent routes: authentication ---------------------------------------------------------------
  {
    name: 'GET me without credentials is 401',
    req: () => get('me'),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'GET livechat/rooms without credentials is 401',
    req: () => get('livechat/rooms'),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'POST chat.sendMessage without credentials is 401',
    req: (fx) => post('chat.sendMessage', { message: { rid: fx.ridA, msg: 'hi' } }),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'POST livechat/room.closeByUser without credentials is 401',
    req: (fx) => post('livechat/room.closeByUser', { rid: fx.ridA, comment: 'done' }),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'POST settings/:_id without credentials is 401',
    req: () => post('settings/Livechat_enable_transcript', { value: true }),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'an agent route with a wrong auth token is 401',
    req: (fx) => ({ method: 'GET', route: 'me', headers: { 'X-User-Id': fx.ana.userId, 'X-Auth-Token': 'wrong' } }),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'an agent route with credentials but a malformed body still answers 401 first',
    req: () => ({ method: 'POST', route: 'chat.sendMessage', rawBody: '{"message":' }),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'POST login with a wrong password is 401 Unauthorized',
    req: () => post('login', { user: 'ana', password: 'guess' }),
    status: 401,
    body: LOGIN_FAILED,
  },
  {
    name: 'POST login with an unknown user is 401 Unauthorized',
    req: () => post('login', { username: 'mallory', password: 'guess' }),
    status: 401,
    body: LOGIN_FAILED,
  },
  {
    name: 'POST login with an unknown resume token is 401 Unauthorized',
    req: () => post('login', { resume: 'not-a-token' }),
    status: 401,
    body: LOGIN_FAILED,
  },

  // ---- agent routes: validation and rules ---------------------------------------------------------
  {
    name: 'POST livechat/room.closeByUser without a rid asks for it',
    req: (fx) => post('livechat/room.closeByUser', { comment: 'done' }, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams("must have required property 'rid'"),
  },
  {
    name: 'POST livechat/room.closeByUser rejects an extra key',
    req: (fx) => post('livechat/room.closeByUser', { rid: fx.ridA, comment: 'done', reason: 'x' }, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'POST livechat/room.closeByUser of an unknown room is error-invalid-room',
    req: (fx) => post('livechat/room.closeByUser', { rid: 'no-such-room', comment: 'done' }, authHeaders(fx.ana)),
    status: 400,
    body: plain('error-invalid-room'),
  },
  {
    name: 'POST livechat/room.closeByUser by an agent who does not serve the room is error-not-authorized',
    req: (fx) => post('livechat/room.closeByUser', { rid: fx.ridA, comment: 'done' }, authHeaders(fx.bob)),
    status: 400,
    body: plain('error-not-authorized'),
  },
  {
    name: 'POST livechat/room.closeByUser of a closed room is error-room-already-closed',
    req: (fx) => post('livechat/room.closeByUser', { rid: fx.ridC, comment: 'done' }, authHeaders(fx.ana)),
    status: 400,
    body: plain('error-room-already-closed'),
  },
  {
    name: 'POST livechat/room.closeByUser without a comment is error-comment-is-required',
    req: (fx) => post('livechat/room.closeByUser', { rid: fx.ridA }, authHeaders(fx.ana)),
    status: 400,
    body: plain('error-comment-is-required'),
  },
  {
    name: 'POST livechat/room.closeByUser with a blank comment is error-comment-is-required',
    req: (fx) => post('livechat/room.closeByUser', { rid: fx.ridA, comment: '   ' }, authHeaders(fx.ana)),
    status: 400,
    body: plain('error-comment-is-required'),
  },
  {
    name: 'POST chat.sendMessage without a message asks for it',
    req: (fx) => post('chat.sendMessage', {}, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams("must have required property 'message'"),
  },
  {
    name: 'POST chat.sendMessage without a rid names the missing property',
    req: (fx) => post('chat.sendMessage', { message: { msg: 'hi' } }, authHeaders(fx.ana)),
    status: 400,
    body: plain("The 'rid' property on the message object is missing."),
  },
  {
    name: 'POST chat.sendMessage into an unknown room is error-invalid-room',
    req: (fx) => post('chat.sendMessage', { message: { rid: 'no-such-room', msg: 'hi' } }, authHeaders(fx.ana)),
    status: 400,
    body: plain('error-invalid-room'),
  },
  {
    name: 'POST chat.sendMessage by an agent who does not serve the room is error-not-allowed',
    req: (fx) => post('chat.sendMessage', { message: { rid: fx.ridA, msg: 'hi' } }, authHeaders(fx.bob)),
    status: 400,
    body: plain('error-not-allowed'),
  },
  {
    name: 'POST users.setStatus with an unknown status is error-invalid-status',
    req: (fx) => post('users.setStatus', { status: 'napping', message: '' }, authHeaders(fx.ana)),
    status: 400,
    body: meteor('error-invalid-status', 'Valid status types include online, away, offline, and busy.', { method: 'users.setStatus' }),
  },
  {
    name: 'POST users.setStatus with neither status nor message fails Match.OneOf',
    req: (fx) => post('users.setStatus', {}, authHeaders(fx.ana)),
    status: 400,
    body: matchError('Failed Match.OneOf, Match.Maybe or Match.Optional validation'),
  },
  {
    name: 'POST livechat/agent.status with an unknown status is invalid-params',
    req: (fx) => post('livechat/agent.status', { status: 'lunch' }, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams('must be equal to one of the allowed values'),
  },
  {
    name: 'GET livechat/inquiries.getOne without a roomId asks for it',
    req: (fx) => ({ method: 'GET', route: 'livechat/inquiries.getOne', headers: authHeaders(fx.ana) }),
    status: 400,
    body: invalidParams("must have required property 'roomId'"),
  },
  {
    name: 'POST livechat/inquiries.take without an inquiryId asks for it',
    req: (fx) => post('livechat/inquiries.take', {}, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams("must have required property 'inquiryId'"),
  },
  {
    name: 'POST livechat/inquiries.take for an unknown user is "The user is invalid"',
    req: (fx) => post('livechat/inquiries.take', { inquiryId: 'x', userId: 'no-such-user' }, authHeaders(fx.ana)),
    status: 400,
    body: plain('The user is invalid'),
  },
  {
    name: 'POST livechat/inquiries.take of an unknown inquiry is error-not-found',
    req: (fx) => post('livechat/inquiries.take', { inquiryId: 'no-such-inquiry' }, authHeaders(fx.ana)),
    status: 400,
    body: meteor('error-not-found', 'Inquiry not found', { method: 'livechat:takeInquiry' }),
  },
  {
    name: 'POST settings/:_id by an agent who is not an admin is 403',
    req: (fx) => post('settings/Livechat_enable_transcript', { value: true }, authHeaders(fx.bob)),
    status: 403,
    body: FORBIDDEN,
  },
  {
    name: 'POST settings/:_id of an unknown setting is a bare failure',
    req: (fx) => post('settings/No_Such_Setting', { value: true }, authHeaders(fx.ana)),
    status: 400,
    body: { success: false },
  },
  {
    name: 'POST settings/:_id with a value of the wrong type is a bare failure',
    req: (fx) => post('settings/Livechat_enable_transcript', { value: 'yes' }, authHeaders(fx.ana)),
    status: 400,
    body: { success: false },
  },

  // ---- POST livechat/upload/:rid --------------------------------------------------------------------
  {
    name: 'POST livechat/upload/:rid without x-visitor-token is 403',
    req: (fx) => uploadReq(fx.ridA, undefined, [pngPart]),
    status: 403,
    body: UPLOAD_FORBIDDEN,
  },
  {
    name: 'POST livechat/upload/:rid with an unknown visitor token is 403',
    req: (fx) => uploadReq(fx.ridA, 'no-such-token', [pngPart]),
    status: 403,
    body: UPLOAD_FORBIDDEN,
  },
  {
    name: "POST livechat/upload/:rid into another visitor's room is 403",
    req: (fx) => uploadReq(fx.ridB, 'tok-a', [pngPart]),
    status: 403,
    body: UPLOAD_FORBIDDEN,
  },
  {
    name: 'POST livechat/upload/:rid into a closed room is 403',
    req: (fx) => uploadReq(fx.ridC, 'tok-c', [pngPart]),
    status: 403,
    body: UPLOAD_FORBIDDEN,
  },
  {
    name: 'POST livechat/upload/:rid with a JSON body names the content type busboy refuses',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [], { body: '{"file":"x"}', type: 'application/json' }),
    status: 400,
    body: plain('Unsupported content type: application/json'),
  },
  {
    name: 'POST livechat/upload/:rid with an empty Content-Type is refused by busboy',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [], { body: 'x', type: '' }),
    status: 400,
    body: plain('Malformed content type'),
  },
  {
    name: 'POST livechat/upload/:rid with a multipart type but no boundary',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [], { body: 'x', type: 'multipart/form-data' }),
    status: 400,
    body: plain('Multipart: Boundary not found'),
  },
  {
    name: 'POST livechat/upload/:rid with the file in another field is [invalid-field]',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [{ ...pngPart, name: 'upload' }]),
    status: 400,
    body: meteor('invalid-field'),
  },
  {
    name: 'POST livechat/upload/:rid with fields but no file is [No file uploaded]',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [{ name: 'description', value: 'no file' }]),
    status: 400,
    body: meteor('No file uploaded'),
  },
  {
    name: 'POST livechat/upload/:rid with an empty multipart body is [No file uploaded]',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', []),
    status: 400,
    body: meteor('No file uploaded'),
  },
  {
    name: 'POST livechat/upload/:rid with a multipart body cut short is Unexpected end of form',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [], { body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc', type: 'multipart/form-data; boundary=b' }),
    status: 400,
    body: plain('Unexpected end of form'),
  },
  {
    name: 'POST livechat/upload/:rid with two files is a bare failure (Just 1 file is allowed)',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [pngPart, pngPart]),
    status: 400,
    body: { success: false },
  },
  {
    name: 'POST livechat/upload/:rid with a form field sendFileLivechatMessage does not know is a Match error',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [pngPart, { name: 'color', value: 'red' }]),
    status: 400,
    body: matchError('Unknown key in field color'),
  },
  {
    name: 'POST livechat/upload/:rid with groupable as text fails its Match.Optional(Boolean)',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [pngPart, { name: 'groupable', value: 'true' }]),
    status: 400,
    body: matchError('Failed Match.OneOf, Match.Maybe or Match.Optional validation in field groupable'),
  },
  {
    name: 'POST livechat/upload/:rid with an SVG is refused by the default black list',
    req: (fx) => uploadReq(fx.ridA, 'tok-a', [{ name: 'file', value: '<svg/>', filename: 'a.svg', type: 'image/svg+xml' }]),
    status: 400,
    body: { reason: 'error-type-not-allowed', success: false },
  },

  // ---- department transfers -----------------------------------------------------------------------
  {
    name: 'POST livechat/room.transfer with an empty body asks for the token',
    req: () => post('livechat/room.transfer', {}),
    status: 400,
    body: invalidParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/room.transfer asks for the department after token and rid',
    req: (fx) => post('livechat/room.transfer', { token: 'tok-a', rid: fx.ridA }),
    status: 400,
    body: invalidParams("must have required property 'department'"),
  },
  {
    name: 'POST livechat/room.transfer rejects an extra key',
    req: (fx) => post('livechat/room.transfer', { token: 'tok-a', rid: fx.ridA, department: 'dep-sales', comment: 'x' }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },
  {
    name: 'POST livechat/room.transfer with an unknown token is invalid-token',
    req: (fx) => post('livechat/room.transfer', { token: 'no-such-token', rid: fx.ridA, department: 'dep-sales' }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: "POST livechat/room.transfer of another visitor's room is invalid-room",
    req: (fx) => post('livechat/room.transfer', { token: 'tok-a', rid: fx.ridB, department: 'dep-sales' }),
    status: 400,
    body: plain('invalid-room'),
  },
  {
    name: 'POST livechat/room.transfer to an unknown department is error-invalid-department',
    req: (fx) => post('livechat/room.transfer', { token: 'tok-a', rid: fx.ridA, department: 'dep-nowhere' }),
    status: 400,
    body: plain('error-invalid-department'),
  },
  {
    name: 'POST livechat/visitor/department.transfer with an empty body is a typed-route error (not 405)',
    req: () => post('livechat/visitor/department.transfer', {}),
    status: 400,
    body: typedParams("must have required property 'token'"),
  },
  {
    name: 'POST livechat/visitor/department.transfer asks for rid second',
    req: () => post('livechat/visitor/department.transfer', { token: 'tok-a', department: 'dep-sales' }),
    status: 400,
    body: typedParams("must have required property 'rid'"),
  },
  {
    name: 'POST livechat/visitor/department.transfer rejects a department that is not a string',
    req: (fx) => post('livechat/visitor/department.transfer', { token: 'tok-a', rid: fx.ridA, department: {} }),
    status: 400,
    body: typedParams('must be string'),
  },
  {
    name: 'POST livechat/visitor/department.transfer with an unknown token is invalid-token',
    req: (fx) => post('livechat/visitor/department.transfer', { token: 'no-such-token', rid: fx.ridA, department: 'dep-sales' }),
    status: 400,
    body: plain('invalid-token'),
  },
  {
    name: 'POST livechat/visitor/department.transfer of an unknown room is error-invalid-room',
    req: () => post('livechat/visitor/department.transfer', { token: 'tok-a', rid: 'no-such-room', department: 'dep-sales' }),
    status: 400,
    body: plain('error-invalid-room'),
  },
  {
    name: 'POST livechat/visitor/department.transfer of a closed room is This_conversation_is_already_closed',
    req: (fx) => post('livechat/visitor/department.transfer', { token: 'tok-c', rid: fx.ridC, department: 'dep-sales' }),
    status: 400,
    body: plain('This_conversation_is_already_closed'),
  },
  {
    name: 'POST livechat/visitor/department.transfer to an unknown department is error-invalid-department',
    req: (fx) => post('livechat/visitor/department.transfer', { token: 'tok-a', rid: fx.ridA, department: 'dep-nowhere' }),
    status: 400,
    body: plain('error-invalid-department'),
  },
  {
    name: 'GET livechat/transfer.history/:rid without credentials is 401',
    req: (fx) => get(`livechat/transfer.history/${fx.ridA}`),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'GET livechat/transfer.history/:rid of an unknown room is Invalid room',
    req: (fx) => ({ method: 'GET', route: 'livechat/transfer.history/no-such-room', headers: authHeaders(fx.ana) }),
    status: 400,
    body: meteor('error-invalid-room', 'Invalid room'),
  },
  {
    name: 'GET livechat/transfer.history/:rid with a negative count is a typed-route error',
    req: (fx) => ({ method: 'GET', route: `livechat/transfer.history/${fx.ridA}`, query: { count: '-1' }, headers: authHeaders(fx.ana) }),
    status: 400,
    body: typedParams('must be >= 0'),
  },
  {
    name: 'GET livechat/transfer.history/:rid by an agent without view-livechat-rooms is 403',
    req: (fx) => ({ method: 'GET', route: `livechat/transfer.history/${fx.ridA}`, headers: authHeaders(fx.bob) }),
    status: 403,
    body: FORBIDDEN,
  },

  // ---- livechat/triggers ----------------------------------------------------------------------------
  {
    name: 'GET livechat/triggers without credentials is 401',
    req: () => get('livechat/triggers'),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'POST livechat/triggers by an agent who is not a manager is 403',
    req: (fx) => post('livechat/triggers', validTrigger, authHeaders(fx.bob)),
    status: 403,
    body: FORBIDDEN,
  },
  {
    name: 'POST livechat/triggers with an empty body asks for the name',
    req: (fx) => post('livechat/triggers', {}, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams("must have required property 'name'"),
  },
  {
    name: 'POST livechat/triggers refuses a condition Rocket.Chat does not know',
    req: (fx) => post('livechat/triggers', { ...validTrigger, conditions: [{ name: 'mouse-wiggle', value: '1' }] }, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams('must be equal to one of the allowed values'),
  },
  {
    name: 'POST livechat/triggers needs at least one condition',
    req: (fx) => post('livechat/triggers', { ...validTrigger, conditions: [] }, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams('must NOT have fewer than 1 items'),
  },
  {
    name: 'POST livechat/triggers asks for the value of a condition',
    req: (fx) => post('livechat/triggers', { ...validTrigger, conditions: [{ name: 'page-url' }] }, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams("must have required property 'value'"),
  },
  {
    name: 'GET livechat/triggers rejects an unknown query parameter',
    req: (fx) => ({ method: 'GET', route: 'livechat/triggers', query: { page: '2' }, headers: authHeaders(fx.ana) }),
    status: 400,
    body: invalidParams('must NOT have additional properties'),
  },

  // ---- POST chat.delete -----------------------------------------------------------------------------
  {
    name: 'POST chat.delete without credentials is 401',
    req: (fx) => post('chat.delete', { msgId: fx.agentMsgA, roomId: fx.ridA }),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'POST chat.delete with an empty body asks for the msgId',
    req: (fx) => post('chat.delete', {}, authHeaders(fx.ana)),
    status: 400,
    body: invalidParams("must have required property 'msgId'"),
  },
  {
    name: 'POST chat.delete of an unknown message says so',
    req: (fx) => post('chat.delete', { msgId: 'nope', roomId: fx.ridA }, authHeaders(fx.ana)),
    status: 400,
    body: plain('No message found with the id of "nope".'),
  },
  {
    name: 'POST chat.delete with the wrong room says so',
    req: (fx) => post('chat.delete', { msgId: fx.agentMsgA, roomId: fx.ridB }, authHeaders(fx.ana)),
    status: 400,
    body: plain('The room id provided does not match where the message is from.'),
  },

  // ---- HTTP envelope --------------------------------------------------------------------------------
  {
    name: 'a malformed JSON body is a 400 JSON error with the parser message',
    req: () => ({ method: 'POST', route: 'livechat/visitor', rawBody: '{"visitor": {"token": "t"' }),
    status: 400,
    body: { success: false, error: jsonParseMessage('{"visitor": {"token": "t"') },
  },
  {
    name: 'a body over the limit with a Content-Length is 413',
    req: () => post('livechat/visitor', { visitor: { token: 'big', name: 'x'.repeat(BODY_LIMIT) } }),
    status: 413,
    body: { success: false, error: 'request entity too large' },
  },
  {
    name: 'a chunked body that grows over the limit is 413',
    req: () => ({
      method: 'POST',
      route: 'livechat/visitor',
      rawBody: JSON.stringify({ visitor: { token: 'big', name: 'x'.repeat(BODY_LIMIT) } }),
      chunked: true,
    }),
    status: 413,
    body: { success: false, error: 'request entity too large' },
  },
  {
    name: 'an unknown v1 route is a 404 JSON body',
    req: () => get('livechat/no-such-route'),
    status: 404,
    body: NOT_FOUND,
  },
  {
    name: 'an unknown API version is a 404 JSON body',
    req: () => get('/api/v2/livechat/config'),
    status: 404,
    body: NOT_FOUND,
  },
];

let running: Running;
let api: Client;
const fx = {} as Fixtures;

beforeAll(async () => {
  running = await startStandin({
    bodyLimitBytes: BODY_LIMIT,
    settings: { API_Enable_Rate_Limiter: false },
    departments: [
      { _id: 'dep-sales', name: 'Sales' },
      { _id: 'dep-empty', name: 'Empty' },
    ],
    agents: [
      { username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true, available: true, departments: ['Sales'] },
      { username: 'bob', name: 'Bob Backup', password: 'bob-pass', available: false },
    ],
    customFields: [{ _id: 'address', label: 'Address', type: 'input', scope: 'visitor' }],
  });
  api = client(running.baseUrl);
  fx.ana = await agent(running.baseUrl, 'ana', 'ana-pass');
  fx.bob = await agent(running.baseUrl, 'bob', 'bob-pass');

  for (const token of ['tok-a', 'tok-b', 'tok-c']) await registerVisitor(api, { token, name: token.toUpperCase() });
  await registerVisitor(api, { token: 'tok-empty', department: 'Empty' });
  await registerVisitor(api, { token: 'tok-noagent', department: 'dep-empty' });

  fx.ridA = (await openRoom(api, 'tok-a')).room._id;
  fx.ridB = (await openRoom(api, 'tok-b')).room._id;
  fx.ridC = (await openRoom(api, 'tok-c')).room._id;
  fx.msgA = (await sendMessage(api, 'tok-a', fx.ridA, 'hello from A'))._id;
  fx.agentMsgA = (await fx.ana.send(fx.ridA, 'hello from ana'))._id;
  expect((await api.post('livechat/room.close', { token: 'tok-c', rid: fx.ridC })).status).toBe(200);

  // A room nobody serves: let chats in without agents just long enough to open one.
  await fx.ana.setSetting('Livechat_accept_chats_with_no_agents', true);
  const unserved = await openRoom(api, 'tok-noagent');
  await fx.ana.setSetting('Livechat_accept_chats_with_no_agents', false);
  expect(unserved.room.servedBy).toBeUndefined();
  fx.ridNoAgent = unserved.room._id;
});

afterAll(async () => {
  await running?.close();
});

describe('bad input gets Rocket.Chat 7.x status and body', () => {
  for (const row of rows) {
    it(row.name, async () => {
      const reply = await api.request(row.req(fx));
      expect({ status: reply.status, body: reply.body }).toEqual({ status: row.status, body: row.body });
    });
  }

  it('leaves no trace of a rejected request: no visitor, no room, no message', async () => {
    expect((await api.get('livechat/visitor/tok-new')).status).toBe(400);
    expect((await api.get('livechat/visitor/big')).status).toBe(400);
    const messages = (await api.get<{ messages: { _id: string; msg: string }[] }>(`livechat/messages.history/${fx.ridA}`, { token: 'tok-a' })).body
      .messages;
    expect(messages.filter((m) => m._id === fx.msgA).map((m) => m.msg)).toEqual(['hello from A']);
    expect(messages.some((m) => m.msg === 'again' || m.msg === 'hi')).toBe(false);
    const rooms = await fx.ana.rooms(true);
    expect(rooms.some((r) => r.v.token === 'tok-c' || r.v.token === 'tok-empty')).toBe(false);
    // No refused upload was kept, and no refused transfer moved a room.
    expect(running.standin.store.uploads.size).toBe(0);
    expect(rooms.find((r) => r._id === fx.ridA)?.departmentId).toBeUndefined();
  });
});
