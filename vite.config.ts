import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { standinPlugin } from './src/server/vite-plugin.ts';
import { integrityPlugin } from './scripts/integrity-plugin.ts';

/**
 * One config, four builds (see package.json "build"):
 * - default: the demo pages (customer site, agent console, mailbox) into dist/;
 * - `--mode loader`: the script-tag loader, one classic IIFE file dist/widget.js (launcher only);
 * - `--mode panel`: the chat panel for Rocket.Chat, an ES module dist/widget-panel.js (with its
 *   adapter) the loader imports on demand, and its lazy chunks in dist/widget-chunks/;
 * - `--mode panel-connect`: the same panel for Amazon Connect, dist/widget-panel-connect.js, whose
 *   adapter is its own chunk, in dist/widget-connect/. Two builds, not one with two entries: shared
 *   code would go to a common chunk, one more file (and gzip context) for every chat.
 * - `--mode loader-parts`: the loader's own lazy parts (the launcher's other languages, the page API), dist/widget-strings-<hash>.js
 *   and dist/widget-page-api-<hash>.js.
 * - `--mode integrity`: dist/widget-integrity-<hash>.js, the list of every panel file's integrity
 *   (scripts/sri.mjs --list wrote it after the panels) with the code that checks them; the loader uses it
 *   when the page pinned widget.js with `integrity` (src/widget/embed/integrity.ts).
 * - `--mode package`: the npm package's ES module entry (`mount` / `unmount`) into dist/package/, with the
 *   panels as its own lazy chunks for the app's bundler; scripts/build-package.mjs adds its types.
 */
function panelBuild(connect: boolean) {
  const chunks = connect ? 'widget-connect' : 'widget-chunks';
  return {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: resolve(`src/widget/panel/${connect ? 'entry-connect' : 'entry-rocketchat'}.tsx`),
      formats: ['es' as const],
      fileName: () => (connect ? 'widget-panel-connect.js' : 'widget-panel.js'),
    },
    rolldownOptions: {
      // Content-hashed like every chunk (cached for a year); only widget.js keeps a stable URL.
      // Let lazy chunks import shared code from the panel itself instead of splitting it into
      // extra chunks the panel must also fetch.
      preserveEntrySignatures: 'allow-extension' as const,
      output: {
        entryFileNames: connect ? 'widget-panel-connect-[hash:6].js' : 'widget-panel-[hash:6].js',
        // The Connect adapter's chunk by name, so the size check (and a reader of dist/) finds it.
        chunkFileNames: (chunk: { facadeModuleId: string | null }) =>
          /panel[\\/]connect-embed\.ts$/.test(chunk.facadeModuleId ?? '') ? `${chunks}/amazon-connect-[hash:6].js` : `${chunks}/[name]-[hash:6].js`,
        // Library builds skip whitespace minification for ES output by default; this file ships to browsers.
        minify: true,
        // Pure-call annotations only help a later bundler; these files go to browsers as they are.
        comments: false,
      },
    },
  };
}

/**
 * The hashed files the loader imports (built before it), dist-relative: Rocket.Chat's panel, Amazon
 * Connect's, the launcher's other languages, the page API's implementation (boot's options, by name).
 */
function widgetFiles() {
  const files = existsSync('dist') ? readdirSync('dist') : [];
  const find = (re: RegExp) => files.find((f) => re.test(f)) ?? 'widget-panel.js';
  const part = (name: string) => {
    const found = files.filter((f) => new RegExp(`^widget-${name}-[\\w-]+\\.js$`).test(f));
    // With none the loader would name a file that is not there, with two it could name the stale one.
    if (found.length !== 1) throw new Error(`the loader build needs exactly one dist/widget-${name}-*.js (found ${found.length}): run npm run build`);
    return found[0]!;
  };
  return {
    panelUrl: find(/^widget-panel-(?!connect-)[\w-]+\.js$/),
    connectUrl: find(/^widget-panel-connect-[\w-]+\.js$/),
    stringsUrl: part('strings'),
    apiUrl: part('page-api'),
  };
}

/** The integrity module's name and its own integrity (built just before the loader, exactly one). */
function integrityFile(): [string, string] {
  const files = existsSync('dist') ? readdirSync('dist').filter((f) => /^widget-integrity-[\w-]+\.js$/.test(f)) : [];
  // Without it a pinned page would go unchecked, and with two the loader could pin the stale one.
  if (files.length !== 1) throw new Error(`the loader build needs exactly one dist/widget-integrity-*.js (found ${files.length}): run npm run build`);
  const file = files[0]!;
  // sha256: the loader carries this one, and every byte of it counts against its budget.
  return [file, `sha256-${createHash('sha256').update(readFileSync(`dist/${file}`)).digest('base64')}`];
}

const integrityBuild = () => ({
  outDir: 'dist',
  emptyOutDir: false,
  target: 'es2022',
  lib: { entry: resolve('src/widget/embed/integrity-entry.ts'), formats: ['es' as const], fileName: () => 'widget-integrity.js' },
  rolldownOptions: { output: { entryFileNames: 'widget-integrity-[hash:6].js', minify: true, comments: false } },
});

/**
 * The loader's own lazy parts, ES modules beside it, dist/widget-strings-<hash>.js (the launcher's words
 * in the other languages) and dist/widget-page-api-<hash>.js (the page API's implementation), both
 * covered by the integrity list (scripts/integrity-plugin.ts records them). Built after the panels, before the integrity list and the loader that names them.
 */
const loaderPartsBuild = () => ({
  outDir: 'dist',
  emptyOutDir: false,
  target: 'es2022',
  lib: { entry: { strings: resolve('src/widget/embed/launcher-strings.ts'), 'page-api': resolve('src/widget/embed/page-api.ts') }, formats: ['es' as const] },
  rolldownOptions: { output: { entryFileNames: 'widget-[name]-[hash:6].js', minify: true, comments: false } },
});

const packageBuild = {
  outDir: 'dist/package',
  emptyOutDir: true,
  target: 'es2022',
  lib: { entry: resolve('src/widget/package/index.ts'), formats: ['es' as const], fileName: () => 'index.js' },
  rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true, comments: false } },
};

export default defineConfig(({ mode }) => ({
  plugins: [
    preact(),
    ...(mode === 'test' || mode === 'package' ? [] : [standinPlugin()]),
    ...(mode === 'panel' || mode === 'panel-connect' || mode === 'loader-parts' ? [integrityPlugin(mode)] : []),
  ],
  // Only the npm package unmounts; the script tag's loader carries none of that code (tests exercise it).
  define: {
    __WIDGET_PACKAGE__: JSON.stringify(mode === 'package' || mode === 'test'),
    ...(mode === 'loader' ? { __WIDGET_FILES__: JSON.stringify(widgetFiles()), __INTEGRITY_FILE__: JSON.stringify(integrityFile()) } : {}),
    ...(mode === 'integrity' ? { __INTEGRITY_LIST__: readFileSync('dist/.integrity.json', 'utf8') } : {}),
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  // Where pre-bundled dependencies live; the first-click e2e points this at an empty folder.
  ...(process.env.VITE_CACHE_DIR ? { cacheDir: process.env.VITE_CACHE_DIR } : {}),
  optimizeDeps: {
    // The demo page loads the widget through /widget.js (a classic script the stand-in plugin serves),
    // so Vite's scan of index.html finds none of the widget's imports. Without these entries the panel's
    // dependencies (ky) are discovered on the first launcher click, Vite answers "504 Outdated Optimize
    // Dep", reloads the page, and the click is lost. Scan every source file a browser loads instead.
    entries: ['index.html', 'connect.html', 'demo/*.html', 'src/widget/**/*.{ts,tsx}', 'src/demo/**/*.{ts,tsx}'],
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build:
    mode === 'loader'
      ? {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          lib: {
            entry: resolve('src/widget/embed/script-entry.ts'),
            formats: ['iife'],
            name: 'RocketChatWidgetLoader',
            fileName: () => 'widget.js',
          },
        }
      : mode === 'panel' || mode === 'panel-connect'
        ? panelBuild(mode === 'panel-connect')
        : mode === 'integrity'
          ? integrityBuild()
          : mode === 'loader-parts'
          ? loaderPartsBuild()
          : mode === 'package'
          ? packageBuild
          : {
            outDir: 'dist',
            rolldownOptions: {
              input: {
                site: resolve('index.html'),
                connect: resolve('connect.html'),
                agent: resolve('demo/agent.html'),
                mailbox: resolve('demo/mailbox.html'),
                settings: resolve('demo/settings.html'),
              },
            },
          },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
}));
