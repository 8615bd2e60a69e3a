/**
 * The one console warning for settings the widget ignored (unknown, or a value it refuses), naming each
 * and what is accepted. Its own module, loaded only when a setting is wrong: the loader stays small.
 */
import { SETTINGS } from './embed-config.ts';

const ACCEPTS: Record<string, string> = {
  backend: 'rocketchat, amazon-connect',
  position: 'left, right',
  color: 'a CSS colour: #hex, rgb(), hsl() or a name',
  theme: 'light, dark, auto',
  zIndex: 'an integer',
};

/** `mount`: named as the npm package's options (`zIndex`), else as the script tag's attributes (`data-z-index`). */
export function warnConfig(ignored: readonly string[], given: Record<string, string | undefined>, mount?: boolean): void {
  if (!ignored.length) return;
  const name = (key: string) => (mount ? key : `data-${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`);
  const said = ignored.map((k) => (SETTINGS.includes(k) ? `${name(k)}="${given[k]}" (accepted: ${ACCEPTS[k] ?? 'text'})` : `${name(k)} (unknown)`));
  const all = SETTINGS.map((k) => (ACCEPTS[k] ? `${name(k)} (${ACCEPTS[k]})` : name(k))).join(', ');
  console.warn(`[chat widget] ignored ${said.join(', ')}. The settings are: ${all}. The widget starts without the ignored ones.`);
}
