/** `POST settings/:_id` as an admin: how a test changes the server's behaviour on the stand-in and on Rocket.Chat alike. */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { BareFailure } from '../../errors.ts';
import { coerceSetting, isSettingId } from '../../settings.ts';

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

  api.get('settings/:_id', { authRequired: true, role: 'admin' }, ({ params }) => {
    const id = params._id!;
    if (!isSettingId(id)) throw new BareFailure();
    return { _id: id, value: store.settings[id] };
  });
}
