/** The built panel for Rocket.Chat sites (`widget-panel.js`): the Rocket.Chat adapter in the same file. */
import { createRocketChatBackend } from '../backend/rocketchat/backend.ts';
import type { PanelHandle, PanelModule, WidgetHost } from '../embed/host-contract.ts';
import { mountWith } from './mount.tsx';

export function mountPanel(host: WidgetHost): Promise<PanelHandle> {
  return mountWith(host, (h, storage) => ({ backend: createRocketChatBackend(h.config.serverUrl, { storage, rest: { early: h.early } }) }));
}

/** Loaded only when a setting is wrong (the loader asks): the words stay out of every chat's download. */
export const warnConfig: PanelModule['warnConfig'] = (ignored, given) => import('../embed/config-warning.ts').then((m) => m.warnConfig(ignored, given));
