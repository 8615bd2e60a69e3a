/**
 * `POST settings/:_id` as an admin: how a test changes the server's behaviour on the stand-in and on
 * Rocket.Chat alike; and `GET settings.public`, the settings Rocket.Chat marks public, for anyone (its
 * web client reads the upload limits there; so does the widget).
 */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { BareFailure } from '../../errors.ts';
import { coerceSetting, isSettingId, type SettingId } from '../../settings.ts';
import { parseSettingsPublicQuery } from '../../validation/schemas.ts';

/** Settings the stand-in has that Rocket.Chat registers with `public: true`. */
const PUBLIC: readonly SettingId[] = [
  'FileUpload_Enabled',
  'FileUpload_MaxFileSize',
  'FileUpload_MediaTypeBlackList',
  'FileUpload_MediaTypeWhiteList',
  'Language',
  'Site_Name',
  'Site_Url',
];

export function registerSettingsRoutes(api: Api, { store }: StandinContext): void {
  api.post('settings/:_id', { authRequired: true, role: 'admin' }, ({ params, body }) => {
    const id = params._id!;
    const value = (body as { value?: unknown } | null)?.value;
    if (!isSettingId(id)) throw new BareFailure();
    const coerced = coerceSetting(id, value);
    if (!coerced.ok) throw new BareFailure();
    (store.settings as Record<string, unknown>)[id] = coerced.value;
    return {};
  });

  // Rocket.Chat 6.x+: `_id` is a comma list; answered sorted by id, `{ _id, value }` each.
  api.get('settings.public', {}, ({ query: rawQuery }) => {
    const query = parseSettingsPublicQuery(rawQuery);
    const wanted = query._id ? new Set(query._id.split(',').map((id) => id.trim())) : undefined;
    const all = [...PUBLIC].sort().filter((id) => !wanted || wanted.has(id));
    const offset = query.offset ?? 0;
    const settings = all.slice(offset, query.count ? offset + query.count : undefined).map((_id) => ({ _id, value: store.settings[_id] }));
    return { settings, count: settings.length, offset, total: all.length };
  });

  api.get('settings/:_id', { authRequired: true, role: 'admin' }, ({ params }) => {
    const id = params._id!;
    if (!isSettingId(id)) throw new BareFailure();
    return { _id: id, value: store.settings[id] };
  });
}
