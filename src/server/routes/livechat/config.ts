import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { buildConfig } from '../../livechat/config.ts';
import { parseConfigQuery } from '../../validation/schemas.ts';

export function registerConfigRoutes(api: Api, { store }: StandinContext): void {
  api.get('livechat/config', {}, ({ query: rawQuery }) => {
    const query = parseConfigQuery(rawQuery);
    return { config: buildConfig(store, query.token ?? undefined, query.department ?? undefined) };
  });
}
