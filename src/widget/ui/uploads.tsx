/**
 * Sending files: the tray of files being sent (progress, Cancel; a refusal said plainly, with Remove; a
 * failure with Retry), and the uploads' state behind it (state/uploads.ts). Loaded by the attach button
 * (ui/attach.tsx) with the first file, or when files kept from before a reload may be waiting.
 */
import type { Chat } from '../state/chat.ts';
import { uploadsOf, type Upload } from '../state/uploads.ts';
import { language, t } from '../i18n/index.ts';
import { errorText } from './error-text.ts';
import { fileSize } from './file-size.ts';
import { adoptStyles } from './styles.ts';
import './extras-i18n.ts';

adoptStyles(
  '.uploads{flex:none;margin:0;padding:6px 12px;list-style:none;border-top:1px solid var(--line,#e5e7eb);background:var(--bg,#fff);max-height:30%;overflow:auto}' +
    '.uploads li{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;padding:6px 0;font-size:13px}' +
    '.uploads__name{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;unicode-bidi:isolate}' +
    '.uploads progress{flex-basis:100%;height:6px;accent-color:var(--rcw-color,#1d4ed8)}' +
    '.uploads__error{flex-basis:100%;margin:0;color:var(--danger,#b91c1c)}',
);

/** Files from the attach button, a drop or a paste: checked against the server's rules, then sent. */
export const addFiles = (chat: Chat, files: File[]) => uploadsOf(chat).add(files);

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
    <ul class="uploads" aria-label={t('upload.tray')}>
      {list.map((u) => (
        <Item key={u.id} u={u} chat={chat} />
      ))}
    </ul>
  );
}
