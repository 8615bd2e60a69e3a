import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import './forms-i18n.ts';
import { adoptStyles } from './styles.ts';

// The menu's own styles travel with it: an open chat that never opens the menu does not download them.
adoptStyles(
  '.options__list{position:absolute;top:44px;inset-inline-end:0;z-index:2;min-width:264px;margin:0;padding:6px;list-style:none;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:12px;box-shadow:0 10px 30px #0000004d}' +
    '.options__list li+.sep{margin-top:6px;padding-top:6px;border-top:1px solid var(--line)}' +
    '.options__list button{display:flex;align-items:center;gap:12px;width:100%;padding:9px 10px;border:0;border-radius:8px;background:none;color:inherit;text-align:start;font-size:14px;cursor:pointer}' +
    '.options__list button:hover{background:var(--hover)}' +
    '.options__list button:focus-visible{outline:2px solid var(--focus);outline-offset:-2px}' +
    '.options__list svg{flex:none;width:20px;height:20px;fill:currentColor;opacity:.8}' +
    '.options__list .danger{color:var(--danger)}' +
    '.options__state{margin-inline-start:auto;width:32px;height:18px;border-radius:9px;background:var(--field);position:relative;flex:none}' +
    '.options__state:after{content:"";position:absolute;top:2px;inset-inline-start:2px;width:14px;height:14px;border-radius:50%;background:#fff;transition:inset-inline-start .15s}' +
    '[aria-pressed=true] .options__state{background:var(--ok,#15803d)}' +
    '[aria-pressed=true] .options__state:after{inset-inline-start:16px}' +
    '@media (prefers-reduced-motion:reduce){.options__state:after{transition:none}}',
);

const MAIL = 'M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 14H4V8l8 5 8-5zm-8-7L4 6h16z';
const TEXT_FILE = 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zm2 16H8v-2h8zm0-4H8v-2h8zm-3-5V3.5L18.5 9z';
const WEB_PAGE = 'M9.4 16.6 4.8 12l4.6-4.6L8 6l-6 6 6 6zm5.2 0 4.6-4.6-4.6-4.6L16 6l6 6-6 6z';
const SOUND = 'M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z';
const TRANSFER = 'M6.99 11 3 15l3.99 4v-3H14v-2H6.99zM21 9l-3.99-4v3H10v2h7.01v3z';
const FORGET = 'M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6zM19 4h-3.5l-1-1h-5l-1 1H5v2h14z';
const FINISH = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm5 13.6L15.6 17 12 13.4 8.4 17 7 15.6 10.6 12 7 8.4 8.4 7l3.6 3.6L15.6 7 17 8.4 13.4 12z';

export interface OptionsMenuProps {
  canFinish: boolean;
  canRequestTranscript: boolean;
  canDownload: boolean;
  soundOn?: boolean;
  onToggleSound?: () => void;
  /** Runs an action and closes the menu. */
  choose: (action: () => void) => void;
  onFinish: () => void;
  onTranscript: () => void;
  onDownload: (format: 'text' | 'html') => void;
  onChangeDepartment?: () => void;
  onForget?: () => void;
  /** `refocus`: give focus back to the options button (Escape, or an action that leaves it nowhere). */
  onClose: (refocus: boolean) => void;
}

/**
 * The chat options, loaded the first time the visitor opens them (or points at the button): grouped,
 * with icons, "Finish chat" set apart as the destructive one. Up/Down move between the items, Escape
 * closes and returns to "Chat options", a click outside closes.
 */
export function OptionsMenu(p: OptionsMenuProps) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const el = list.current;
    const box = el?.parentElement;
    if (!el || !box) return;
    const root = el.getRootNode() as ShadowRoot | Document;
    const outside = (e: Event) => {
      if (!e.composedPath().includes(box)) p.onClose(false);
    };
    root.addEventListener('pointerdown', outside);
    return () => root.removeEventListener('pointerdown', outside);
  }, []);
  const item = (label: string, icon: string, onClick: () => void, extra: { pressed?: boolean; sep?: boolean; danger?: boolean } = {}) => (
    <li class={extra.sep ? 'sep' : undefined}>
      <button type="button" class={extra.danger ? 'danger' : undefined} aria-pressed={extra.pressed} onClick={onClick}>
        <Icon d={icon} />
        {label}
        {extra.pressed !== undefined && <span class="options__state" aria-hidden="true" />}
      </button>
    </li>
  );
  // A download leaves focus nowhere: give it back to the options button.
  const download = (format: 'text' | 'html') => () => {
    p.onClose(true);
    p.onDownload(format);
  };
  return (
    <ul
      id="rcw-options"
      class="options__list"
      ref={list}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          p.onClose(true);
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const buttons = [...list.current!.querySelectorAll('button')];
          const at = buttons.indexOf(e.target as HTMLButtonElement);
          buttons[(at + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length]?.focus();
        }
      }}
    >
      {p.canRequestTranscript && item(t('transcript.open'), MAIL, () => p.choose(p.onTranscript))}
      {p.canDownload && item(t('transcript.downloadTextMenu'), TEXT_FILE, download('text'))}
      {p.canDownload && item(t('transcript.downloadHtmlMenu'), WEB_PAGE, download('html'))}
      {p.onChangeDepartment && item(t('department.change'), TRANSFER, () => p.choose(p.onChangeDepartment!))}
      {/* A switch: it stays open, so the visitor sees the new state. */}
      {p.onToggleSound && item(t('options.sound'), SOUND, p.onToggleSound, { pressed: p.soundOn === true, sep: true })}
      {p.onForget && item(t('forget.open'), FORGET, () => p.choose(p.onForget!), { sep: true })}
      {p.canFinish && item(t('finish.open'), FINISH, () => p.choose(p.onFinish), { sep: !p.onForget, danger: true })}
    </ul>
  );
}

/** A decorative icon (the text beside it says what it is). Here, not from icons.tsx: see the note there. */
function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}
