#!/usr/bin/env node
/**
 * `npm test`: typecheck, unit tests, build, size budgets, e2e — every stage runs even after a failure, so
 * one run reports everything. Ends with one plain line CI can read: `N passed, N failed`.
 * A stage that is not a test runner (typecheck, build, size) counts as one test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];

function run(name, command, env = {}) {
  if (only.length && !only.includes(name)) return { skipped: true };
  console.log(`\n=== ${name}: ${command}`);
  const r = spawnSync(command, { shell: true, stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: r.status === 0 };
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function stage(name, command) {
  const r = run(name, command);
  if (r.skipped) return true;
  if (r.ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return r.ok;
}

stage('typecheck', 'npx tsc --noEmit');

const unit = run('unit', 'npx vitest run', { VITEST_JSON: `${results}/vitest.json` });
if (!unit.skipped) {
  const v = readJson(`${results}/vitest.json`);
  if (v) {
    passed += v.numPassedTests ?? 0;
    failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites ?? 0);
    if (!unit.ok || v.numFailedTests || v.numFailedTestSuites) failures.push('unit');
  } else {
    failed++;
    failures.push('unit (no report)');
  }
}

const built = stage('build', 'npm run build --silent');
// Sizes: the static check (each backend's files, neither carrying the other's code), then what Chromium
// really downloads at each step of a visit, served compressed (e2e/transfer-size.spec.ts).
if (built) stage('size', 'npx tsx scripts/check-size.ts && bash scripts/ensure-chromium.sh && npx playwright test e2e/transfer-size.spec.ts');

if (built) {
  const e2e = run('e2e', 'bash scripts/ensure-chromium.sh && npx playwright test --grep-invert "what a visit downloads"', { PLAYWRIGHT_JSON: `${results}/playwright.json` });
  if (!e2e.skipped) {
    const p = readJson(`${results}/playwright.json`);
    if (p?.stats) {
      passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
      failed += p.stats.unexpected ?? 0;
      if (!e2e.ok || p.stats.unexpected) failures.push('e2e');
    } else {
      failed++;
      failures.push('e2e (no report)');
    }
  }
}

if (failures.length) console.log(`\nFailed stages: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
