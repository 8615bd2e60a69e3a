/**
 * Livechat triggers, managed as an admin manages them on Rocket.Chat 7.x (`livechat/triggers`, permission
 * `view-livechat-manager`): list (paginated, by name), upsert (`_id` updates, none inserts; answers only
 * `success`), read one (`{ trigger: … | null }`), delete (8.x; 7.x used the `livechat:removeTrigger` method).
 * Enabled triggers reach visitors in `livechat/config` as `{ _id, actions, conditions, runOnce }`.
 */
import { randomId } from '../../../shared/rocketchat/random-id.ts';
import type { LivechatTrigger } from '../../../shared/rocketchat/wire.ts';
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { bool, compile, maybeNum, maybeStr, object, str } from '../../validation/ajv.ts';

/** rest-typings `POSTLivechatTriggersParamsSchema`, property for property. */
const parseTriggerBody = compile<{
  _id?: string;
  name: string;
  description: string;
  enabled: boolean;
  runOnce: boolean;
  conditions: LivechatTrigger['conditions'];
  actions: LivechatTrigger['actions'];
}>(
  object(
    {
      name: str,
      description: str,
      enabled: bool,
      runOnce: bool,
      conditions: {
        type: 'array',
        items: object(
          {
            name: { type: 'string', enum: ['time-on-site', 'page-url', 'chat-opened-by-visitor', 'after-guest-registration'] },
            value: maybeStr,
          },
          ['name', 'value'],
        ),
        minItems: 1,
      },
      actions: {
        type: 'array',
        items: {
          oneOf: [
            object(
              {
                name: { type: 'string', enum: ['send-message'] },
                params: {
                  ...object({ sender: { type: 'string', enum: ['queue', 'custom'] }, msg: str, name: maybeStr }, ['sender', 'msg']),
                  nullable: true,
                },
              },
              ['name'],
            ),
            object(
              {
                name: { type: 'string', enum: ['use-external-service'] },
                params: {
                  ...object(
                    {
                      sender: { type: 'string', enum: ['queue', 'custom'] },
                      name: maybeStr,
                      serviceUrl: str,
                      serviceTimeout: { type: 'number' },
                      serviceFallbackMessage: str,
                    },
                    ['serviceUrl', 'serviceTimeout', 'serviceFallbackMessage'],
                  ),
                  nullable: true,
                },
              },
              ['name'],
            ),
          ],
        },
        minItems: 1,
      },
      _id: maybeStr,
    },
    ['name', 'description', 'enabled', 'runOnce', 'conditions', 'actions'],
  ),
);

const parseListQuery = compile<{ count?: number; offset?: number; sort?: string }>(
  object({ count: maybeNum, offset: maybeNum, sort: maybeStr, query: maybeStr }),
);

export function registerTriggerRoutes(api: Api, { store }: StandinContext): void {
  const manager = { authRequired: true, role: 'livechat-manager' } as const;

  api.get('livechat/triggers', manager, ({ query }) => {
    const q = parseListQuery(query);
    const offset = Math.max(0, Math.trunc(q.offset ?? 0));
    const count = Math.max(0, Math.trunc(q.count ?? 50));
    const all = [...store.triggers.values()].sort((a, b) => a.name.localeCompare(b.name));
    const triggers = count === 0 ? all.slice(offset) : all.slice(offset, offset + count);
    return { triggers, count: triggers.length, offset, total: all.length };
  });

  api.post('livechat/triggers', manager, ({ body }) => {
    const { _id, name, description, enabled, runOnce, conditions, actions } = parseTriggerBody(body);
    const fields = { name, description, enabled, runOnce, conditions, actions, _updatedAt: store.now() };
    if (_id) {
      // updateById: an unknown id changes nothing and still answers success.
      const existing = store.triggers.get(_id);
      if (existing) store.triggers.set(_id, { ...existing, ...fields });
    } else {
      const id = randomId();
      store.triggers.set(id, { _id: id, ...fields });
    }
    return {};
  });

  api.get('livechat/triggers/:_id', manager, ({ params }) => ({ trigger: store.triggers.get(params._id!) ?? null }));

  api.delete('livechat/triggers/:_id', manager, ({ params }) => {
    store.triggers.delete(params._id!);
    return {};
  });
}
