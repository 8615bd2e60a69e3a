/**
 * The attach button beside the composer, wherever the server takes files (with it, files dropped on the
 * panel or pasted into the message box). A small chunk of its own: the tray of files on their way, the
 * uploads' state, the server's rules and the refusal texts (ui/uploads.tsx) load with the first file —
 * or at once when files kept from before a reload are waiting — so a chat without files never fetches them.
 */
import { signal, type Signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chat } from '../state/chat.ts';
import { KEPT_FILES_DB } from '../state/storage.ts';
import { enAttach } from '../i18n/en-attach.ts';
import { addEnglish, t } from '../i18n/index.ts';
import { adoptStyles } from './styles.ts';

addEnglish(enAttach);
adoptStyles(
  '.attach{flex:none;width:42px;height:42px;border:0;border-radius:50%;background:none;color:var(--mut,#4b5563);cursor:pointer;display:inline-flex;align-items:center;justify-content:center}' +
    '.attach:hover{background:var(--hover,#f3f4f6)}.attach svg{width:22px;height:22px;fill:currentColor}' +
    // While files are dragged over the panel (the text comes from the attribute, in the visitor's language).
    '.shell[data-drop]::after{content:attr(data-drop);position:absolute;inset:8px;z-index:3;display:flex;align-items:center;justify-content:center;border:3px dashed var(--rcw-color,#1d4ed8);border-radius:12px;background:color-mix(in srgb,var(--bg,#fff) 94%,transparent);font-weight:600;pointer-events:none}',
);

const PAPERCLIP = 'M16.5 6.5v10.25a4.5 4.5 0 0 1-9 0V5.5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9.5a3 3 0 0 0 6 0V5.5a4.5 4.5 0 0 0-9 0v11.25a6 6 0 0 0 12 0V6.5z';

/** The tray's chunk. Not there (the network gone): tried again every few seconds, the files held meanwhile. */
const tray = (): Promise<typeof import('./uploads.tsx')> => import('./uploads.tsx').catch(() => new Promise((r) => setTimeout(r, 3000)).then(tray));

/** Per chat: the tray must show (a file was given, or kept ones may be waiting). */
const trays = new WeakMap<Chat, Signal<boolean>>();
function trayOf(chat: Chat): Signal<boolean> {
  let s = trays.get(chat);
  if (!s) trays.set(chat, (s = signal(false)));
  return s;
}

/**
 * Whether files may be waiting from before a reload: only where the uploads' database exists (it is made
 * with the first file kept). A browser that cannot list its databases looks, as before.
 */
async function mayHaveKeptFiles(): Promise<boolean> {
  try {
    const dbs = await indexedDB.databases?.();
    return !dbs || dbs.some((d) => d.name === KEPT_FILES_DB);
  } catch {
    return false;
  }
}

/** Files handed over by a picker, a drop or a paste; a pasted picture without a name gets one. */
export function filesFrom(list: FileList | readonly File[] | null | undefined): File[] {
  return [...(list ?? [])].map((f) =>
    f.name ? f : new File([f], `${t('upload.pastedName')}.${(f.type.split('/')[1] ?? 'png').replace(/[^a-z0-9]/gi, '')}`, { type: f.type }),
  );
}

/** Files dropped anywhere on the panel, or pasted into the message box (a screenshot), are sent too. */
function useDropAndPaste(button: { current: HTMLButtonElement | null }, add: (files: File[]) => void): void {
  useEffect(() => {
    const shell = button.current?.closest<HTMLElement>('.shell');
    const box = shell?.querySelector('textarea');
    if (!shell) return;
    const carriesFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      shell.dataset.drop = t('upload.drop');
    };
    const leave = (e: DragEvent) => {
      // Leaving for a child is no leaving.
      if (!e.relatedTarget || !shell.contains(e.relatedTarget as Node)) delete shell.dataset.drop;
    };
    const drop = (e: DragEvent) => {
      delete shell.dataset.drop;
      if (!carriesFiles(e)) return;
      e.preventDefault();
      add(filesFrom(e.dataTransfer?.files));
    };
    const paste = (e: ClipboardEvent) => {
      const files = filesFrom(e.clipboardData?.files);
      if (!files.length) return;
      e.preventDefault();
      add(files);
    };
    shell.addEventListener('dragover', over);
    shell.addEventListener('dragleave', leave);
    shell.addEventListener('drop', drop);
    box?.addEventListener('paste', paste);
    return () => {
      delete shell.dataset.drop;
      shell.removeEventListener('dragover', over);
      shell.removeEventListener('dragleave', leave);
      shell.removeEventListener('drop', drop);
      box?.removeEventListener('paste', paste);
    };
  }, []);
}

function AttachButton({ chat }: { chat: Chat }) {
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [accept, setAccept] = useState<string | undefined>(undefined);
  const add = (files: File[]) => {
    if (!files.length) return;
    trayOf(chat).value = true;
    void tray().then((m) => m.addFiles(chat, files));
  };
  // The picker offers what the server takes, where it says (a hint: every file is checked anyway). Asked
  // when the visitor reaches for the button, not with every chat, and the tray's code fetched then too.
  // (The rules from the backend itself: the uploads' state, and the database it keeps files in, wait for a file.)
  const hint = () => {
    void import('./uploads.tsx').catch(() => undefined);
    void chat.core.backend.uploadRules().then(
      (r) => r.accept.length && setAccept(r.accept.join(',')),
      () => undefined,
    );
  };
  useDropAndPaste(button, add);
  return (
    <>
      <button type="button" class="attach" ref={button} aria-label={t('upload.attach')} onPointerEnter={hint} onFocus={hint} onClick={() => input.current?.click()}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d={PAPERCLIP} />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        {...(accept ? { accept } : {})}
        onChange={(e) => {
          const files = filesFrom(e.currentTarget.files);
          e.currentTarget.value = '';
          add(files);
        }}
      />
    </>
  );
}

/** Where the tray of files goes (above the composer): empty until it has something to show. */
function TrayPlace({ chat }: { chat: Chat }) {
  const shown = trayOf(chat);
  const [Tray, setTray] = useState<ComponentType<{ chat: Chat }> | undefined>(undefined);
  useEffect(() => void mayHaveKeptFiles().then((kept) => kept && (shown.value = true)), []);
  const wanted = shown.value;
  useEffect(() => {
    if (wanted && !Tray) void tray().then((m) => setTray(() => m.UploadTray));
  }, [wanted]);
  return wanted && Tray ? <Tray chat={chat} /> : null;
}

/** The attach button (beside the composer) or the place of the tray of files: the panel's one placeholder. */
export function Uploads({ part, chat }: { part: 'attach' | 'tray'; chat: Chat }) {
  return part === 'attach' ? <AttachButton chat={chat} /> : <TrayPlace chat={chat} />;
}
