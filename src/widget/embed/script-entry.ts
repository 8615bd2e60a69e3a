/**
 * Entry of the built `widget.js`. `document.currentScript` is only readable while this classic script
 * runs, so it is captured here; the panels (content-hashed names, set at build time) are looked up
 * beside the script's own URL.
 */
import type { PanelModule } from './host-contract.ts';
import { boot } from './loader.ts';

declare const __PANEL_FILES__: [string, string];
/** The integrity module's name and integrity (integrity-entry.ts), null in dev. */
declare const __INTEGRITY_FILE__: [string, string] | null;

const script = document.currentScript as HTMLScriptElement | null;
const beside = (file: string) => new URL(file, script?.src || location.href).href;
// A page that pinned this file with `integrity` gets every later module checked too: the integrity
// module (itself checked, through a modulepreload with its hash) holds the list and loads the panel.
const pinned = script?.integrity && __INTEGRITY_FILE__;
let list: Promise<{ load: (url: string) => Promise<PanelModule> }> | undefined;
// Fails closed: the list is imported only once its preload passed the check, never by a browser that
// would ignore the preload and import it unchecked.
const verified = (url: string) =>
  (list ??= new Promise((resolve, reject) => {
    const link = Object.assign(document.createElement('link'), {
      rel: 'modulepreload',
      crossOrigin: 'anonymous',
      integrity: pinned![1],
      href: beside(pinned![0]),
      onload: resolve,
      onerror: () => reject(Error(`${link.href}: integrity check failed`)),
    });
    if (link.relList.supports('modulepreload')) document.head.append(link);
    else reject(Error('no modulepreload: integrity cannot be checked'));
  }).then(() => import(/* @vite-ignore */ beside(pinned![0])))).then((m) => m.load(url));
boot(script, { panelUrl: beside(__PANEL_FILES__[0]), connectUrl: beside(__PANEL_FILES__[1]), ...(pinned ? { verified } : {}) });
