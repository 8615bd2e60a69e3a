/**
 * The integrity module (built alone as dist/widget-integrity-<hash>.js, loaded only when the page pinned
 * widget.js with `integrity`): every module the widget loads after the loader is checked against the
 * sha384 the build recorded for it. Browsers check a `<link rel="modulepreload" integrity>` and make
 * the import of that URL use it, so each module and its static imports get one before they are imported.
 * A file that is not in the build's list, or whose bytes differ, is never run: its import fails, and the
 * widget says it could not load (the launcher's message), as for any failed download.
 */

/** dist-relative file → [its integrity, the files it imports statically]. */
export type IntegrityList = Record<string, readonly [integrity: string, imports: readonly string[]]>;

export type ModuleImport = (url: string) => Promise<unknown>;

/**
 * `base`: the URL the list's file names are relative to (the directory of widget.js). Fails closed: a
 * browser that cannot check a modulepreload's integrity gets no module at all, and the import waits
 * until every preload of the module's graph has passed its check (a refused one is tried afresh on the
 * next import, never imported unchecked).
 */
export function verifiedImport(list: IntegrityList, base: string, doc: Document, load: ModuleImport): ModuleImport {
  const checked = new Map<string, Promise<void>>();
  const arm = (file: string, pending: Promise<void>[]): void => {
    const known = checked.get(file);
    if (known) return void pending.push(known);
    const entry = list[file];
    if (!entry) throw new Error(`[chat widget] ${base}${file} is not one of this build's files: not loaded`);
    const link = doc.createElement('link');
    if (!link.relList.supports('modulepreload')) throw new Error('[chat widget] this browser cannot check the integrity of modules: not loaded');
    link.rel = 'modulepreload';
    link.crossOrigin = 'anonymous';
    link.integrity = entry[0];
    link.href = base + file;
    const done = new Promise<void>((resolve, reject) => {
      link.onload = () => resolve();
      link.onerror = () => {
        checked.delete(file);
        link.remove();
        reject(new Error(`[chat widget] ${link.href} failed its integrity check or could not be fetched: not loaded`));
      };
    });
    checked.set(file, done);
    pending.push(done);
    doc.head.append(link);
    for (const dep of entry[1]) arm(dep, pending);
  };
  return (url) => {
    const pending: Promise<void>[] = [];
    try {
      arm(url.startsWith(base) ? url.slice(base.length) : url, pending);
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.all(pending).then(() => load(url));
  };
}
