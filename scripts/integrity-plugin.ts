/**
 * Build step for the script tag's panels (vite.config.ts, panel builds only): makes every module the
 * widget loads after widget.js checkable by Subresource Integrity.
 *
 * A browser checks `integrity` on a tag, and a dynamic `import()` takes none. What it does check is a
 * `<link rel="modulepreload" integrity>` for the same URL: the import then uses that fetch, and fails
 * when the bytes differ. So each chunk's `import("./x.js")` goes through one hook that the integrity
 * module (src/widget/embed/integrity.ts) installs when the page pinned widget.js with `integrity`:
 * it adds those links for the chunk and its static imports, then imports it. Without the hook (no
 * `integrity` on the tag) the chunk imports as before.
 *
 * It also records each chunk's static imports (dist/.integrity-graph-<build>.json), which
 * scripts/sri.mjs turns into the integrity module's list once every file has its final bytes.
 */
import type { Plugin } from 'vite';

/** The hook's global name; src/widget/embed/integrity.ts sets it. */
export const IMPORT_HOOK = '__rcwImport';
/** The per-chunk helper the rewritten imports call (absent from minified code: checked). */
const HELPER = '__rcwI';

const DYNAMIC_IMPORT = /\bimport\(\s*([`'"])(\.\.?\/[^`'"]+?\.js)\1\s*\)/g;

/** Rewrites one chunk's relative dynamic imports; returns the code unchanged when it has none. */
export function routeDynamicImports(code: string): string {
  const routed = code.replace(DYNAMIC_IMPORT, (_, q: string, path: string) => `${HELPER}(${q}${path}${q})`);
  // An import this cannot route (a computed URL, import attributes) would load unchecked on a pinned page.
  if (/\bimport\s*\(/.test(routed)) throw new Error(`a chunk has an import() the integrity step cannot route: ${/\bimport\s*\([^)]{0,60}/.exec(routed)![0]}`);
  if (routed === code) return code;
  if (new RegExp(`\\b${HELPER}\\b`).test(code)) throw new Error(`${HELPER} already occurs in a chunk: pick another helper name`);
  return `const ${HELPER}=u=>(self.${IMPORT_HOOK}||(v=>import(v)))(new URL(u,import.meta.url).href);` + routed;
}

export function integrityPlugin(build: string): Plugin {
  return {
    name: 'widget-integrity',
    apply: 'build',
    // Before the content hashes are taken, so a file's name still changes whenever its bytes do.
    renderChunk(code) {
      const routed = routeDynamicImports(code);
      return routed === code ? null : { code: routed, map: null };
    },
    generateBundle(_options, bundle) {
      const graph: Record<string, string[]> = {};
      for (const file of Object.values(bundle)) if (file.type === 'chunk') graph[file.fileName] = [...file.imports];
      this.emitFile({ type: 'asset', fileName: `.integrity-graph-${build}.json`, source: JSON.stringify(graph) });
    },
  };
}
