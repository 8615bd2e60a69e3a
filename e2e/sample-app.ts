/**
 * The sample app (examples/vite-app) built against the packed package, as a developer would: `npm pack`
 * of this repository (dist/ is already built by `npm test`), the tarball installed into a temp copy of
 * the app (no dependencies: nothing is fetched), its types checked, the app built with Vite, and the
 * result copied under dist/sample-app/ where the test server serves it. Cached by the tarball's hash.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export async function buildSampleApp(): Promise<void> {
  const packDir = mkdtempSync(join(tmpdir(), 'chat-widget-pack-'));
  // prepack would rebuild dist/: it is built already.
  execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  const hash = createHash('sha256').update(readFileSync(tarball)).update(readFileSync(join(repo, 'examples/vite-app/main.ts'))).update(readFileSync(join(repo, 'examples/vite-app/index.html'))).digest('hex').slice(0, 16);
  const app = join(tmpdir(), `chat-widget-sample-${hash}`);
  const out = join(app, 'dist');
  if (!existsSync(join(out, 'index.html'))) {
    rmSync(app, { recursive: true, force: true });
    cpSync(join(repo, 'examples/vite-app'), app, { recursive: true, filter: (f) => !/node_modules|dist/.test(f.slice(repo.length)) });
    execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'] });
    // The package's types, as the app's editor and CI would check them.
    execFileSync(join(repo, 'node_modules/.bin/tsc'), ['-p', join(app, 'tsconfig.json')], { cwd: app, stdio: ['ignore', 'inherit', 'inherit'] });
    const { build } = await import('vite');
    await build({ root: app, base: './', configFile: false, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  }
  rmSync(packDir, { recursive: true, force: true });
  const served = join(repo, 'dist/sample-app');
  rmSync(served, { recursive: true, force: true });
  mkdirSync(served, { recursive: true });
  cpSync(out, served, { recursive: true });
}
