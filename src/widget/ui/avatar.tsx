import { useState } from 'preact/hooks';

/**
 * An agent's picture, or their initials when there is none or it fails to load. Decorative: the name is
 * always written beside it, so it is hidden from screen readers.
 */
export function Avatar({ name, src }: { name: string; src: string | undefined }) {
  const [failed, setFailed] = useState<string>();
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]!.toUpperCase())
    .join('');
  return (
    <span class="avatar" aria-hidden="true">
      {src && failed !== src ? <img src={src} alt="" onError={() => setFailed(src)} /> : initials}
    </span>
  );
}
