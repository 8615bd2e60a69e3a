/**
 * The npm package's entry: `mount(options)` / `unmount()` for apps that bundle the widget instead of
 * pasting its script tag. The same loader as the tag's; the panels are this build's own lazy chunks,
 * so the app's bundler serves them, and a Rocket.Chat site still never fetches Amazon Connect code.
 */
import { warnConfig } from '../embed/config-warning.ts';
import { readEmbedConfig, type ConfigSource } from '../embed/embed-config.ts';
import { mount as mountWidget } from '../embed/loader.ts';
import type * as Api from './api-types.ts';

export type * from './api-types.ts';

let stops: (() => void)[] | undefined;

export const unmount: typeof Api.unmount = () => {
  if (!stops) return;
  stops.splice(0).forEach((stop) => stop());
  stops = undefined;
  window.__rocketchatWidget = false;
  // Rocket.Chat's snippet stub again: what the page queues now runs at the next mount.
  const stub = ((fn: unknown) => stub._!.push(fn)) as unknown as Api.RocketChatGlobal;
  stub._ = [];
  const url = window.RocketChat?.url;
  if (url) stub.url = url;
  window.RocketChat = stub;
};

export const mount: typeof Api.mount = (options) => {
  // A second mount (a router re-rendering, React's strict mode) replaces the first: one launcher, one set of listeners.
  unmount();
  if (window.__rocketchatWidget) return console.warn('[chat widget] already on this page by its script tag: mount() ignored');
  const dataset: ConfigSource['dataset'] = {};
  const given = options && typeof options === 'object' ? (options as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(given)) {
    if (key !== 'nonce' && value !== undefined && value !== null) dataset[key] = String(value);
  }
  const nonce = typeof given.nonce === 'string' ? given.nonce : undefined;
  const result = readEmbedConfig({ dataset, ...(nonce ? { nonce } : {}) }, window.RocketChat?.url, location.href);
  // Named as mount's options (the loader's words name the tag's attributes).
  if (!result.ok) return console.error(`[chat widget] mount(): ${result.error.replace(/data-([a-z-]+)/g, (_, n: string) => n.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()))}`);
  warnConfig(result.ignored, dataset, true);
  window.__rocketchatWidget = true;
  stops = [];
  mountWidget(
    result.config,
    (part) =>
      part === 'connect'
        ? import('../panel/entry-connect.tsx')
        : part === 'panel'
          ? import('../panel/entry-rocketchat.tsx')
          : part === 'api'
            ? import('../embed/page-api.ts')
            : import('../embed/launcher-strings.ts'),
    stops,
  );
};
