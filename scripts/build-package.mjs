#!/usr/bin/env node
/**
 * The npm package's types: src/widget/package/api-types.ts holds declarations only, so it is the
 * package's index.d.ts as it is (its `.ts` import specifiers none: it imports nothing).
 */
import { copyFileSync, readFileSync } from 'node:fs';

const source = 'src/widget/package/api-types.ts';
if (/^\s*import\s/m.test(readFileSync(source, 'utf8'))) throw new Error(`${source} must stay self-contained: it ships as index.d.ts`);
copyFileSync(source, 'dist/package/index.d.ts');
