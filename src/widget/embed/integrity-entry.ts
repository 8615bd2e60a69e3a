/**
 * Entry of dist/widget-integrity-<hash>.js (see integrity.ts): the list is written into it at build time,
 * after every other file has its final bytes. The loader imports it (itself through a checked
 * modulepreload) and loads the panel with `load`; the panel's chunks find it as the import hook that
 * scripts/integrity-plugin.ts routes their dynamic imports through.
 */
import { verifiedImport, type IntegrityList } from './integrity.ts';

declare const __INTEGRITY_LIST__: IntegrityList;

export const load = verifiedImport(__INTEGRITY_LIST__, new URL('./', import.meta.url).href, document, (url) => import(/* @vite-ignore */ url));
(self as { __rcwImport?: typeof load }).__rcwImport = load;
