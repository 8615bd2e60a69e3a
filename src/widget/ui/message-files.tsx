/**
 * The files of a message: pictures shown in the conversation (bounded to its width, with their
 * description or name as alt text), every file as a download link with its name and size. Addresses
 * come from the backend (short-lived where the server signs them) and must be http(s): nothing a
 * message carries becomes a `javascript:` or `data:` link. Loaded the first time a message has a file.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Attachment } from '../backend/chat-backend.ts';
import { language, t } from '../i18n/index.ts';
import { fileSize } from './file-size.ts';
import { adoptStyles } from './styles.ts';
import './extras-i18n.ts';

adoptStyles(
  '.files{margin:6px 0 0;padding:0;list-style:none;display:grid;gap:6px}' +
    '.files img{display:block;max-width:100%;max-height:240px;width:auto;height:auto;border-radius:8px;background:var(--soft,#f6f7f9)}' +
    '.files a{color:inherit;font-weight:600;overflow-wrap:anywhere}.files small{font-weight:400;opacity:.85}' +
    '.files__note{margin:0;font-size:12px}',
);

/** Where an address is kept, to ask again only once it may have expired (signed addresses live minutes). */
const cache = new Map<string, { url: string; at: number }>();
const FRESH_MS = 4 * 60_000;

/** http(s) only: the backend vouches for the origin, this makes sure no other scheme gets through. */
const safe = (url: string) => {
  try {
    return /^https?:$/.test(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
};

function useAddress(id: string | undefined, resolve: (id: string) => Promise<string>): string | undefined | null {
  const hit = id ? cache.get(id) : undefined;
  const [url, setUrl] = useState<string | undefined | null>(hit && Date.now() - hit.at < FRESH_MS ? hit.url : undefined);
  useEffect(() => {
    if (!id || url) return;
    let live = true;
    resolve(id).then(
      (u) => {
        const ok = safe(u);
        if (ok) cache.set(id, { url: ok, at: Date.now() });
        if (live) setUrl(ok ?? null);
      },
      () => live && setUrl(null),
    );
    return () => void (live = false);
  }, [id]);
  return url;
}

function FileItem({ a, resolve }: { a: Attachment; resolve: (id: string) => Promise<string> }) {
  const href = useAddress(a.status ? undefined : a.id, resolve);
  const picture = useAddress(a.image && !a.status ? (a.image.preview ?? a.id) : undefined, resolve);
  const [broken, setBroken] = useState(false);
  const size = a.size !== undefined ? fileSize(a.size, language.value) : undefined;
  const label = (
    <>
      {a.name}
      {size && <small> ({size})</small>}
    </>
  );
  return (
    <li>
      {picture && !broken && (
        <img
          src={picture}
          alt={a.description || a.name}
          loading="lazy"
          // The space is kept before the picture arrives, so the conversation does not jump.
          {...(a.image?.width && a.image.height ? { width: a.image.width, height: a.image.height } : {})}
          onError={() => setBroken(true)}
        />
      )}
      {broken && <p class="files__note">{t('file.unavailable')}</p>}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" download={a.name} aria-label={`${t('file.download', { name: a.name })}${size ? ` (${size})` : ''}`}>
          {label}
        </a>
      ) : a.status ? (
        // Not offered for download: still being scanned, or refused by the server.
        <span>{t(a.status === 'pending' ? 'message.filePending' : 'message.fileRejected', { name: a.name })}</span>
      ) : (
        <span>{label}</span>
      )}
      {a.description && !a.image && <p class="files__note">{a.description}</p>}
    </li>
  );
}

export function MessageFiles({ files, resolve }: { files: readonly Attachment[]; resolve: (id: string) => Promise<string> }) {
  return (
    <ul class="files">
      {files.map((a) => (
        <FileItem key={a.id} a={a} resolve={resolve} />
      ))}
    </ul>
  );
}
