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

/** The browser's side of a modulepreload: each link not yet settled passes its check (`load`) or fails it (`error`). */
function settle(outcome: 'load' | 'error', match = /./): void {
  for (const l of document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')) {
    if (l.dataset.settled || !match.test(l.href)) continue;
    l.dataset.settled = outcome;
    l.dispatchEvent(new Event(outcome));
  }
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('modules checked against the build’s integrity list', () => {
  it('imports a module only once the preloads of it and of each module it imports statically passed their check', async () => {
    document.head.innerHTML = '';
    const load = vi.fn((url: string) => Promise.resolve({ url }));
    const imp = verifiedImport(list, BASE, document, load);
    const panel = imp(`${BASE}widget-panel-a.js`);
    expect(preloads()).toEqual([[`${BASE}widget-panel-a.js`, 'sha384-panel', 'anonymous']]);
    await tick();
    expect(load).not.toHaveBeenCalled();
    settle('load');
    await expect(panel).resolves.toEqual({ url: `${BASE}widget-panel-a.js` });
    const sheets = imp(`${BASE}widget-chunks/sheets-b.js`);
    expect(preloads()).toEqual([
      [`${BASE}widget-panel-a.js`, 'sha384-panel', 'anonymous'],
      [`${BASE}widget-chunks/sheets-b.js`, 'sha384-sheets', 'anonymous'],
      [`${BASE}widget-chunks/forms-i18n-c.js`, 'sha384-i18n', 'anonymous'],
    ]);
    settle('load', /sheets/);
    await tick();
    // Its static import has not passed yet: still not imported.
    expect(load).toHaveBeenCalledTimes(1);
    settle('load');
    await sheets;
    expect(load).toHaveBeenLastCalledWith(`${BASE}widget-chunks/sheets-b.js`);
    // Once per file: importing again adds nothing.
    await imp(`${BASE}widget-chunks/sheets-b.js`);
    expect(preloads()).toHaveLength(3);
  });

  it('fails closed: a module whose preload failed its check is not imported, and the next try checks it afresh', async () => {
    document.head.innerHTML = '';
    const load = vi.fn((url: string) => Promise.resolve({ url }));
    const imp = verifiedImport(list, BASE, document, load);
    const first = imp(`${BASE}widget-panel-a.js`);
    settle('error');
    await expect(first).rejects.toThrow(/failed its integrity check/);
    expect(load).not.toHaveBeenCalled();
    expect(preloads()).toEqual([]);
    const again = imp(`${BASE}widget-panel-a.js`);
    expect(preloads()).toEqual([[`${BASE}widget-panel-a.js`, 'sha384-panel', 'anonymous']]);
    settle('load');
    await again;
    expect(load).toHaveBeenCalledTimes(1);
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

  it('refuses everything in a browser that cannot check a modulepreload (it would import unchecked)', async () => {
    document.head.innerHTML = '';
    const supports = vi.spyOn(Object.getPrototypeOf(document.createElement('link').relList) as DOMTokenList, 'supports').mockReturnValue(false);
    try {
      const load = vi.fn(() => Promise.resolve({}));
      await expect(verifiedImport(list, BASE, document, load)(`${BASE}widget-panel-a.js`)).rejects.toThrow(/cannot check the integrity/);
      expect(load).not.toHaveBeenCalled();
    } finally {
      supports.mockRestore();
    }
  });
});

describe('the build routes each chunk’s dynamic imports through the hook', () => {
  it('rewrites relative import() calls, keeps everything else, and leaves chunks without any alone', () => {
    const code = 'import{a as b}from"./widget-panel-a.js";const x=()=>import(`./widget-chunks/sheets-b.js`),y=import("../z-1.js");const s="imports";';
    const out = routeDynamicImports(code);
    expect(out).toContain('self.__rcwImport');
    expect(out).toContain('__rcwI(`./widget-chunks/sheets-b.js`)');
    expect(out).toContain('__rcwI("../z-1.js")');
    expect(out).not.toMatch(/\bimport\(\s*[`"']\.\.?\//);
    expect(out).toContain('import{a as b}from"./widget-panel-a.js"');
    expect(out).toContain('const s="imports"');
    expect(routeDynamicImports('export const a=1;')).toBe('export const a=1;');
  });

  it('stops the build at an import() it cannot route (it would load unchecked on a pinned page)', () => {
    expect(() => routeDynamicImports('const f=(u)=>import(u);')).toThrow(/cannot route: import\(u/);
    expect(() => routeDynamicImports('const m=import("./x.js",{with:{type:"json"}});')).toThrow(/cannot route/);
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
