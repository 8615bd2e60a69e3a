/**
 * Sending files: the attach button beside the composer (with it, files dropped on the panel or pasted
 * into the message box), and the tray of files being sent (progress, Cancel; a refusal said plainly,
 * with Remove; a failure with Retry). Loaded with the chat where the server takes files; the state is
 * state/uploads.ts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chat } from '../state/chat.ts';
import { uploadsOf, type Upload } from '../state/uploads.ts';
import { language, t } from '../i18n/index.ts';
import { errorText } from './error-text.ts';
import { fileSize } from './file-size.ts';
import { adoptStyles } from './styles.ts';
import './extras-i18n.ts';

adoptStyles(
  '.attach{flex:none;width:42px;height:42px;border:0;border-radius:50%;background:none;color:var(--mut,#4b5563);cursor:pointer;display:inline-flex;align-items:center;justify-content:center}' +
    '.attach:hover{background:var(--hover,#f3f4f6)}.attach svg{width:22px;height:22px;fill:currentColor}' +
    '.uploads{flex:none;margin:0;padding:6px 12px;list-style:none;border-top:1px solid var(--line,#e5e7eb);background:var(--bg,#fff);max-height:30%;overflow:auto}' +
    '.uploads li{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;padding:6px 0;font-size:13px}' +
    '.uploads__name{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;unicode-bidi:isolate}' +
    '.uploads progress{flex-basis:100%;height:6px;accent-color:var(--rcw-color,#1d4ed8)}' +
    '.uploads__error{flex-basis:100%;margin:0;color:var(--danger,#b91c1c)}' +
    // While files are dragged over the panel (the text comes from the attribute, in the visitor's language).
    '.shell[data-drop]::after{content:attr(data-drop);position:absolute;inset:8px;z-index:3;display:flex;align-items:center;justify-content:center;border:3px dashed var(--rcw-color,#1d4ed8);border-radius:12px;background:color-mix(in srgb,var(--bg,#fff) 94%,transparent);font-weight:600;pointer-events:none}',
);

const PAPERCLIP = 'M16.5 6.5v10.25a4.5 4.5 0 0 1-9 0V5.5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9.5a3 3 0 0 0 6 0V5.5a4.5 4.5 0 0 0-9 0v11.25a6 6 0 0 0 12 0V6.5z';

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

export function AttachButton({ chat }: { chat: Chat }) {
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [accept, setAccept] = useState<string | undefined>(undefined);
  const uploads = uploadsOf(chat);
  useEffect(() => {
    // The picker offers what the server takes, where it says (a hint: every file is checked anyway).
    void uploads.rules().then((r) => r.accept.length && setAccept(r.accept.join(',')));
  }, []);
  useDropAndPaste(button, (files) => files.length && void uploads.add(files));
  return (
    <>
      <button type="button" class="attach" ref={button} aria-label={t('upload.attach')} onClick={() => input.current?.click()}>
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
          if (files.length) void uploads.add(files);
        }}
      />
    </>
  );
}

function refusalText(u: Upload): string {
  const name = u.file.name;
  const r = u.refusal;
  // Refused by the server itself (a limit the widget could not know).
  if (!r) return `${t('upload.failed', { name })} ${u.error ? errorText(u.error) : ''}`;
  if (r.kind === 'empty') return t('upload.empty', { name });
  if (r.kind === 'type') return t('upload.typeRefused', { name });
  return t('upload.tooLarge', { name, size: fileSize(u.file.size, language.value), max: fileSize(r.max, language.value) });
}

function Item({ u, chat }: { u: Upload; chat: Chat }) {
  const uploads = uploadsOf(chat);
  const name = u.file.name;
  const percent = u.file.size ? Math.min(100, Math.round((u.sent / u.file.size) * 100)) : 0;
  return (
    <li>
      <span class="uploads__name" title={name}>
        {name}
      </span>
      <span>{fileSize(u.file.size, language.value)}</span>
      {u.status === 'uploading' && (
        <>
          <button type="button" class="link-button" onClick={() => uploads.remove(u.id)} aria-label={`${t('upload.cancel')}: ${name}`}>
            {t('upload.cancel')}
          </button>
          <progress max={100} value={percent} aria-label={t('upload.label', { name })} aria-valuetext={t('upload.progress', { percent })} />
        </>
      )}
      {u.status === 'failed' && (
        <>
          <button type="button" class="link-button" onClick={() => uploads.retry(u.id)} aria-label={`${t('upload.retry')}: ${name}`}>
            {t('upload.retry')}
          </button>
          <button type="button" class="link-button" onClick={() => uploads.remove(u.id)} aria-label={`${t('upload.remove')}: ${name}`}>
            {t('upload.remove')}
          </button>
          <p class="uploads__error" role="alert">
            {t('upload.failed', { name })} {u.error ? errorText(u.error) : ''} {u.retrying ? t('message.autoRetry') : ''}
          </p>
        </>
      )}
      {u.status === 'refused' && (
        <>
          <button type="button" class="link-button" onClick={() => uploads.remove(u.id)} aria-label={`${t('upload.remove')}: ${name}`}>
            {t('upload.remove')}
          </button>
          <p class="uploads__error" role="alert">
            {refusalText(u)}
          </p>
        </>
      )}
    </li>
  );
}

/** The files being sent, refused or failed, above the composer; nothing when there are none. */
export function UploadTray({ chat }: { chat: Chat }) {
  const list = uploadsOf(chat).list.value;
  if (!list.length) return null;
  return (
    <ul class="uploads" aria-label={t('upload.attach')}>
      {list.map((u) => (
        <Item key={u.id} u={u} chat={chat} />
      ))}
    </ul>
  );
}

/** The attach button (beside the composer) or the tray of files on their way: the panel's one placeholder. */
export function Uploads({ part, chat }: { part: 'attach' | 'tray'; chat: Chat }) {
  return part === 'attach' ? <AttachButton chat={chat} /> : <UploadTray chat={chat} />;
}
