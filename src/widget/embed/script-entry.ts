/**
 * Entry of the built `widget.js`. `document.currentScript` is only readable while this classic script
 * runs, so it is captured here; the panels and the loader's own lazy parts (content-hashed names, set at
 * build time) are looked up beside the script's own URL.
 */
import { boot } from './loader.ts';

/** Rocket.Chat's panel, Amazon Connect's, the launcher's other languages (launcher-strings.ts), the page API (page-api.ts): boot's URLs, beside this file. */
declare const __WIDGET_FILES__: { panelUrl: string; connectUrl: string; stringsUrl: string; apiUrl: string };
/** The integrity module's name and integrity (integrity-entry.ts), null in dev. */
declare const __INTEGRITY_FILE__: [string, string] | null;

const script = document.currentScript as HTMLScriptElement | null;
const beside = (file: string) => new URL(file, script?.src || location.href).href;
// A page that pinned this file with `integrity` gets every later module checked too: the integrity
// module (itself checked, through a modulepreload with its hash) holds the list and loads the panel.
const pinned = script?.integrity && __INTEGRITY_FILE__;
let list: Promise<{ load: (url: string) => Promise<unknown> }> | undefined;
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
boot(script, { ...__WIDGET_FILES__, ...(pinned ? { verified } : {}) });
