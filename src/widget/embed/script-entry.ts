/**
 * Entry of the built `widget.js`. `document.currentScript` is only readable while this classic script
 * runs, so it is captured here; the panels (content-hashed names, set at build time) are looked up
 * beside the script's own URL.
 */
import { boot } from './loader.ts';

declare const __PANEL_FILES__: [string, string];

const script = document.currentScript as HTMLScriptElement | null;
const beside = (file: string) => new URL(file, script?.src || location.href).href;
boot(script, { panelUrl: beside(__PANEL_FILES__[0]), connectUrl: beside(__PANEL_FILES__[1]) });
