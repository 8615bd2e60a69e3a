/**
 * Size budgets, enforced by `npm test`: the script-tag loader alone, and everything an open chat
 * downloads (loader + panel + the chunks the panel imports statically; locale chunks load only when
 * chosen and are reported apart). Prints a table, exits 1 when a budget is exceeded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = { loader: 4 * 1024, openChat: 35 * 1024 };
const dist = 'dist';

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The file plus every chunk it imports statically (`import … from "./x.js"`), transitively. */
export function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']([^"']+)["']/g)) {
      const target = join(dirname(file), m[1]!);
      if (existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

export function measure() {
  const loader = gz(join(dist, 'widget.js'));
  const panelFiles = staticClosure(join(dist, 'widget-panel.js'));
  const panel = panelFiles.reduce((n, f) => n + gz(f), 0);
  return { loader, panel, openChat: loader + panel, panelFiles };
}

if (process.argv[1]?.endsWith('check-size.ts')) {
  const m = measure();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows = [
    ['loader (widget.js), launcher shown', m.loader, BUDGETS.loader],
    ['open chat (loader + panel)', m.openChat, BUDGETS.openChat],
  ] as const;
  console.log('| what | gzip | budget | |\n|---|---:|---:|---|');
  let over = false;
  for (const [name, size, budget] of rows) {
    const ok = size <= budget;
    over ||= !ok;
    console.log(`| ${name} | ${kb(size)} | ${kb(budget)} | ${ok ? 'ok' : 'OVER BUDGET'} |`);
  }
  console.log(`panel files: ${m.panelFiles.join(', ')}`);
  process.exit(over ? 1 : 0);
}
