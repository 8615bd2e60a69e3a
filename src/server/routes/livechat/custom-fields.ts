/** `POST livechat/custom.field(s)` (contract §6.3–6.4), including the capital `Key` quirk of the plural. */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { PlainError } from '../../errors.ts';
import { applyCustomFields } from '../../livechat/visitors.ts';
import { parseCustomFieldBody, parseCustomFieldsBody } from '../../validation/schemas.ts';

export function registerCustomFieldRoutes(api: Api, { store }: StandinContext): void {
  api.post('livechat/custom.field', {}, ({ body: rawBody }) => {
    const body = parseCustomFieldBody(rawBody);
    const visitor = store.visitorByTokenOf(body.token);
    if (!visitor) throw new PlainError('invalid-token');
    const { key, value, overwrite } = body;
    if (!store.customFields.has(key)) throw new PlainError('invalid-custom-field');
    applyCustomFields(store, visitor, [{ key, value, overwrite }], true);
    return { field: { key, value, overwrite } };
  });

  api.post('livechat/custom.fields', {}, ({ body: rawBody }) => {
    const body = parseCustomFieldsBody(rawBody);
    const visitor = store.visitorByTokenOf(body.token);
    if (!visitor) throw new PlainError('invalid-token');
    const unknown = body.customFields.find((f) => !store.customFields.has(f.key));
    if (unknown) throw new PlainError('invalid-custom-field');
    applyCustomFields(store, visitor, body.customFields, true);
    return { fields: body.customFields.map((f) => ({ Key: f.key, value: f.value, overwrite: f.overwrite })) };
  });
}
