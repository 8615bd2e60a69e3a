/** `POST livechat/page.visited` (contract §6.2): token and room are not checked, as in Rocket.Chat. */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { ROCKET_CAT } from '../../livechat/rooms.ts';
import { parsePageVisitedBody } from '../../validation/schemas.ts';

export function registerPageVisitedRoutes(api: Api, { store }: StandinContext): void {
  api.post('livechat/page.visited', {}, ({ body: rawBody }) => {
    const body = parsePageVisitedBody(rawBody);
    const { token, rid, pageInfo } = body;
    if (pageInfo.change !== store.settings.Livechat_history_monitor_type) return {};
    const page = {
      msg: `${pageInfo.title} - ${pageInfo.location.href}`,
      navigation: { page: pageInfo, token },
    };
    const room = rid ? store.rooms.get(rid) : undefined;
    if (room) {
      store.insertMessage({
        rid: room._id,
        t: 'livechat_navigation_history',
        u: { ...ROCKET_CAT },
        ...page,
        ...(store.settings.Livechat_Visitor_navigation_as_a_message ? {} : { _hidden: true }),
        groupable: false,
      });
    }
    return { page };
  });
}
