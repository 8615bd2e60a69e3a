/**
 * Request schemas of the routes Rocket.Chat 7.x validates with AJV (rest-typings `omnichannel.ts`),
 * restated with the same properties, required order and `additionalProperties`, so the first error —
 * the one Rocket.Chat reports — is the same.
 */
import type { LivechatEndpoints } from '../../shared/rocketchat/endpoints.ts';
import { bool, compile, maybeNum, maybeStr, object, str } from './ajv.ts';

type Body<K extends keyof LivechatEndpoints> = LivechatEndpoints[K] extends { body: infer B } ? B : never;
type Query<K extends keyof LivechatEndpoints> = LivechatEndpoints[K] extends { query: infer Q } ? Q : never;

export const parseConfigQuery = compile<Query<'GET livechat/config'>>(
  object({ token: maybeStr, department: maybeStr, businessUnit: maybeStr }),
);

export const parseRoomCloseBody = compile<Body<'POST livechat/room.close'>>(object({ token: str, rid: str }, ['token', 'rid']));

export const parseMessageBody = compile<Body<'POST livechat/message'>>(
  object(
    {
      token: str,
      rid: str,
      msg: str,
      _id: maybeStr,
      // Not nullable in rest-typings: `agent: null` is "must be object".
      agent: object({ agentId: str, username: str }, ['agentId', 'username']),
    },
    ['token', 'rid', 'msg'],
  ),
);

/** PUT: all three required; DELETE reads token and rid from the JSON body (rest-typings). */
export const parseMessageUpdateBody = compile<{ token: string; rid: string; msg: string }>(
  object({ token: str, rid: str, msg: str }, ['token', 'rid', 'msg']),
);

export const parseMessageDeleteBody = compile<{ token: string; rid: string }>(
  object({ token: str, rid: str, count: maybeNum, offset: maybeNum, sort: maybeStr }, ['token', 'rid']),
);

export const parseAgentNextQuery = compile<{ department?: string }>(object({ department: maybeStr }));

export const parseRoomSurveyBody = compile<{ token: string; rid: string; data: { name: string; value: string }[] }>(
  object(
    {
      token: str,
      rid: str,
      data: { type: 'array', items: object({ name: str, value: str }, ['name', 'value']), minItems: 1 },
    },
    ['token', 'rid', 'data'],
  ),
);

export const parseMessageIdQuery = compile<Query<'GET livechat/message/:_id'>>(object({ token: str, rid: str }, ['token', 'rid']));

export const parseHistoryQuery = compile<Query<'GET livechat/messages.history/:rid'>>(
  object(
    {
      searchText: maybeStr,
      token: str,
      count: maybeNum,
      offset: maybeNum,
      sort: maybeStr,
      ls: maybeStr,
      end: maybeStr,
      limit: maybeNum,
    },
    ['token'],
  ),
);

export const parseTranscriptBody = compile<Body<'POST livechat/transcript'>>(
  object({ rid: str, token: str, email: str, subject: maybeStr }, ['rid', 'token', 'email']),
);

export const parseVisitorStatusBody = compile<Body<'POST livechat/visitor.status'>>(
  object({ token: str, status: str }, ['token', 'status']),
);

export const parseOfflineMessageBody = compile<Body<'POST livechat/offline.message'>>(
  object({ name: str, email: str, message: str, department: maybeStr, host: maybeStr }, ['name', 'email', 'message']),
);

export const parsePageVisitedBody = compile<Body<'POST livechat/page.visited'>>(
  object(
    {
      token: str,
      rid: maybeStr,
      // rest-typings lists title, change, location: an empty pageInfo is "must have required property 'title'".
      pageInfo: object(
        {
          title: str,
          change: str,
          location: object({ href: str }, ['href']),
        },
        ['title', 'change', 'location'],
      ),
    },
    ['token', 'pageInfo'],
  ),
);

export const parseCustomFieldBody = compile<Body<'POST livechat/custom.field'>>(
  object({ token: str, key: str, value: str, overwrite: bool }, ['token', 'key', 'value', 'overwrite']),
);

export const parseCustomFieldsBody = compile<Body<'POST livechat/custom.fields'>>(
  object(
    {
      token: str,
      customFields: {
        type: 'array',
        items: object({ key: str, value: str, overwrite: bool }, ['key', 'value', 'overwrite']),
      },
    },
    ['token', 'customFields'],
  ),
);

/** rest-typings `SettingsPublicWithPaginationSchema` (validated with coercion, as queries are). */
export const parseSettingsPublicQuery = compile<{ count?: number; offset?: number; sort?: string; _id?: string; query?: string }>(
  object({ count: maybeNum, offset: maybeNum, sort: maybeStr, _id: str, query: str }),
);
