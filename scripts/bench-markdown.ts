/**
 * How fast the message formatter renders hostile and typical input (npm run bench:markdown).
 * Prints, for each input, the median time at size n and at 2n, and their ratio: about 2 means linear
 * work, about 4 quadratic. Timings live here, not in the unit tests, so a loaded machine fails nothing.
 */
import { markdown, type Builder } from '../src/shared/markdown/markdown.ts';

const nodes: Builder<unknown> = { text: (s) => s, el: (tag, kids) => ({ tag, kids }) };
const cases: [string, (n: number) => string][] = [
  ['stars', (n) => '*'.repeat(n)],
  ['underscore-a', (n) => '_a'.repeat(n / 2)],
  ['open brackets', (n) => '['.repeat(n)],
  ['link openers', (n) => '[a]('.repeat(n / 4)],
  ['unfinished link urls', (n) => '[a](x'.repeat(n / 5)],
  ['Rocket.Chat link openers', (n) => '<a|'.repeat(n / 3)],
  ['backticks', (n) => '`'.repeat(n)],
  ['openers without closers', (n) => '*a '.repeat(n / 3)],
  ['closers without openers', (n) => ' a*'.repeat(n / 3)],
  ['tildes', (n) => '~~'.repeat(n / 2)],
  ['mixed markers', (n) => '*_~'.repeat(n / 3)],
  ['url of parens', (n) => 'https://x.com/' + '('.repeat(n)],
  ['url prefixes', (n) => 'http://'.repeat(n / 7)],
  ['unclosed fences', (n) => '```a\n'.repeat(n / 5)],
  ['list items', (n) => '- item\n'.repeat(n / 7)],
  ['realistic', (n) => 'Hi *there*, see https://example.com/a_(b) and `code` _ok_ ~no~ [l](https://x.y)\n'.repeat(n / 80)],
];

const RUNS = 15;
function median(text: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    markdown(text, nodes);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1]!;
}

const N = 10_000;
console.log(`median of ${RUNS} runs, n = ${N} characters\n`);
console.log(`${'input'.padEnd(26)} ${'n (ms)'.padStart(8)} ${'2n (ms)'.padStart(8)} ${'2n/n'.padStart(6)}`);
for (const [name, make] of cases) {
  median(make(N)); // warm up
  const one = median(make(N));
  const two = median(make(2 * N));
  console.log(`${name.padEnd(26)} ${one.toFixed(2).padStart(8)} ${two.toFixed(2).padStart(8)} ${(two / one).toFixed(2).padStart(6)}`);
}
