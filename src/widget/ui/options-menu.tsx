import { t } from '../i18n/index.ts';
import './forms-i18n.ts';
import { adoptStyles } from './styles.ts';

// The menu's own styles travel with it: an open chat that never opens the menu does not download them.
adoptStyles(
  '.options__list{position:absolute;top:44px;inset-inline-end:0;z-index:2;min-width:220px;margin:0;padding:6px;list-style:none;background:#fff;color:#111827;border-radius:10px;box-shadow:0 8px 24px #00000038}' +
    '.options__list button{display:block;width:100%;padding:10px 12px;border:0;border-radius:6px;background:none;text-align:start;cursor:pointer}' +
    '.options__list button:hover{background:#f3f4f6}',
);

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
  onClose: () => void;
}

/** The chat options, loaded the first time the visitor opens them (or points at the button). */
export function OptionsMenu(p: OptionsMenuProps) {
  const item = (label: string, action: () => void, pressed?: boolean) => (
    <li>
      <button type="button" aria-pressed={pressed} onClick={() => p.choose(action)}>
        {label}
      </button>
    </li>
  );
  return (
    <ul
      id="rcw-options"
      class="options__list"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          p.onClose();
        }
      }}
    >
      {p.canRequestTranscript && item(t('transcript.open'), p.onTranscript)}
      {p.canDownload && item(t('transcript.downloadTextMenu'), () => p.onDownload('text'))}
      {p.canDownload && item(t('transcript.downloadHtmlMenu'), () => p.onDownload('html'))}
      {p.onChangeDepartment && item(t('department.change'), p.onChangeDepartment)}
      {p.onToggleSound && item(t('options.sound'), p.onToggleSound, p.soundOn === true)}
      {p.onForget && item(t('forget.open'), p.onForget)}
      {p.canFinish && item(t('finish.open'), p.onFinish)}
    </ul>
  );
}
