/**
 * Entry of the built `widget.js`. `document.currentScript` is only readable while this classic script
 * runs, so it is captured here; the panel is looked up beside the script's own URL.
 */
import { boot } from './loader.ts';

const script = document.currentScript as HTMLScriptElement | null;
boot(script, { panelUrl: new URL('widget-panel.js', script?.src || location.href).href });
