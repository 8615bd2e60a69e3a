/** `POST livechat/custom.field(s)` (contract §6.3–6.4), including the capital `Key` quirk of the plural. */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { MeteorError } from '../../errors.ts';
import { applyCustomFields } from '../../livechat/visitors.ts';
import { parseCustomFieldBody, parseCustomFieldsBody } from '../../validation/schemas.ts';

export function registerCustomFieldRoutes(api: Api, { store }: StandinContext): void {
  api.post('livechat/custom.field', {}, ({ body: rawBody }) => {
    const body = parseCustomFieldBody(rawBody);
    const visitor = store.visitorByTokenOf(body.token);
    if (!visitor) throw new MeteorError('invalid-token');
    const { key, value, overwrite } = body;
    applyCustomFields(store, visitor, [{ key, value, overwrite }]);
    return { field: { key, value, overwrite } };
  });

  api.post('livechat/custom.fields', {}, ({ body: rawBody }) => {
    const body = parseCustomFieldsBody(rawBody);
    const visitor = store.visitorByTokenOf(body.token);
    if (!visitor) throw new MeteorError('invalid-token');
    applyCustomFields(store, visitor, body.customFields);
    return { fields: body.customFields.map((f) => ({ Key: f.key, value: f.value, overwrite: f.overwrite })) };
  });
}
