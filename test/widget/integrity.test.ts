import { describe, expect, it, vi } from 'vitest';
import { routeDynamicImports } from '../../scripts/integrity-plugin.ts';
import { verifiedImport, type IntegrityList } from '../../src/widget/embed/integrity.ts';

const BASE = 'https://cdn.example.com/chat/1.0/';
const list: IntegrityList = {
  'widget-panel-a.js': ['sha384-panel', []],
  'widget-chunks/sheets-b.js': ['sha384-sheets', ['widget-panel-a.js', 'widget-chunks/forms-i18n-c.js']],
  'widget-chunks/forms-i18n-c.js': ['sha384-i18n', []],
};
const preloads = () =>
  [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => [l.getAttribute('href'), l.integrity, l.crossOrigin]);

describe('modules checked against the build’s integrity list', () => {
  it('gives each module, and each module it imports statically, a modulepreload with its integrity before importing it', async () => {
    document.head.innerHTML = '';
    const load = vi.fn((url: string) => Promise.resolve({ url }));
    const imp = verifiedImport(list, BASE, document, load);
    await expect(imp(`${BASE}widget-panel-a.js`)).resolves.toEqual({ url: `${BASE}widget-panel-a.js` });
    expect(preloads()).toEqual([[`${BASE}widget-panel-a.js`, 'sha384-panel', 'anonymous']]);
    // The browser only uses a preload that exists when the import starts.
    load.mockImplementationOnce((url) => {
      expect(preloads().map((p) => p[0])).toContain(url);
      return Promise.resolve({ url });
    });
    await imp(`${BASE}widget-chunks/sheets-b.js`);
    expect(preloads()).toEqual([
      [`${BASE}widget-panel-a.js`, 'sha384-panel', 'anonymous'],
      [`${BASE}widget-chunks/sheets-b.js`, 'sha384-sheets', 'anonymous'],
      [`${BASE}widget-chunks/forms-i18n-c.js`, 'sha384-i18n', 'anonymous'],
    ]);
    // Once per file: importing again adds nothing.
    await imp(`${BASE}widget-chunks/sheets-b.js`);
    expect(preloads()).toHaveLength(3);
  });

  it('refuses a file the build did not list (another directory, another name): it is never imported', async () => {
    document.head.innerHTML = '';
    const load = vi.fn(() => Promise.resolve({}));
    const imp = verifiedImport(list, BASE, document, load);
    await expect(imp('https://evil.example/widget-panel-a.js')).rejects.toThrow(/not one of this build's files/);
    await expect(imp(`${BASE}widget-chunks/unknown.js`)).rejects.toThrow(/not one of this build's files/);
    expect(load).not.toHaveBeenCalled();
    expect(preloads()).toEqual([]);
  });
});

describe('the build routes each chunk’s dynamic imports through the hook', () => {
  it('rewrites relative import() calls, keeps everything else, and leaves chunks without any alone', () => {
    const code = 'import{a as b}from"./widget-panel-a.js";const x=()=>import(`./widget-chunks/sheets-b.js`),y=import("../z-1.js");const s="import(not)";';
    const out = routeDynamicImports(code);
    expect(out).toContain('self.__rcwImport');
    expect(out).toContain('__rcwI(`./widget-chunks/sheets-b.js`)');
    expect(out).toContain('__rcwI("../z-1.js")');
    expect(out).not.toMatch(/\bimport\(\s*[`"']\.\.?\//);
    expect(out).toContain('import{a as b}from"./widget-panel-a.js"');
    expect(out).toContain('const s="import(not)"');
    expect(routeDynamicImports('export const a=1;')).toBe('export const a=1;');
  });

  it('without the hook (no integrity on the tag), a routed import is a plain import relative to the chunk', async () => {
    const out = routeDynamicImports('export const go=()=>import("./x.js");');
    const seen: string[] = [];
    const selfLike: { __rcwImport?: (u: string) => Promise<string> } = {};
    // Run the rewritten code with `self`, `import.meta.url` and `import` stood in for.
    const body = out.replace('export const go=', 'return ').replace(/import\.meta\.url/g, 'META').replace('(v=>import(v))', '(v=>IMPORT(v))');
    const go = new Function('self', 'META', 'IMPORT', body.replace(/;$/, '')) as (s: object, m: string, i: (u: string) => Promise<string>) => () => Promise<string>;
    const plain = (u: string) => (seen.push(`plain ${u}`), Promise.resolve(u));
    await go(selfLike, `${BASE}widget-panel-a.js`, plain)();
    selfLike.__rcwImport = (u) => (seen.push(`hook ${u}`), Promise.resolve(u));
    await go(selfLike, `${BASE}widget-panel-a.js`, plain)();
    expect(seen).toEqual([`plain ${BASE}x.js`, `hook ${BASE}x.js`]);
  });
});
