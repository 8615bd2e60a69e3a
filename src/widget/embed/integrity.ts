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

/** `base`: the URL the list's file names are relative to (the directory of widget.js). */
export function verifiedImport(list: IntegrityList, base: string, doc: Document, load: ModuleImport): ModuleImport {
  const armed = new Set<string>();
  const arm = (file: string): void => {
    if (armed.has(file)) return;
    const entry = list[file];
    if (!entry) throw new Error(`[chat widget] ${base}${file} is not one of this build's files: not loaded`);
    armed.add(file);
    const link = doc.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = 'anonymous';
    link.integrity = entry[0];
    link.href = base + file;
    doc.head.append(link);
    for (const dep of entry[1]) arm(dep);
  };
  return (url) => {
    try {
      arm(url.startsWith(base) ? url.slice(base.length) : url);
    } catch (e) {
      return Promise.reject(e);
    }
    return load(url);
  };
}
