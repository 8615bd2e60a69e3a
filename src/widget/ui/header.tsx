import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { showControls } from './bidi.tsx';
import { t } from '../i18n/index.ts';
import { Avatar } from './avatar.tsx';
import { lazy } from './lazy.tsx';

const loadMenu = () => import('./options-menu.tsx').then((m) => m.OptionsMenu);
const OptionsMenu = lazy(loadMenu);

export interface HeaderProps {
  title: string;
  subtitle: ComponentChildren;
  /** The agent the visitor is talking to (absent when the server hides agent identity). */
  agent?: { name: string; avatar: string | undefined };
  canFinish: boolean;
  canRequestTranscript: boolean;
  canDownload: boolean;
  onFinish: () => void;
  onTranscript: () => void;
  onDownload: (format: 'text' | 'html') => void;
  /** Present when the conversation can move to another department. */
  onChangeDepartment?: () => void;
  /** Present when the visitor can have their data erased. */
  onForget?: () => void;
  /** Present when the visitor can switch the new-message sound. */
  soundOn?: boolean;
  onToggleSound?: () => void;
  onMinimize: () => void;
}

/** Title, who the visitor is talking to, the options disclosure and the minimise button. */
export function Header(props: HeaderProps) {
  const { title, subtitle, agent, canFinish, canRequestTranscript, canDownload, onFinish, onTranscript, onDownload, onMinimize, soundOn, onToggleSound, onChangeDepartment, onForget } = props;
  const [menuOpen, setMenuOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const hasOptions = canFinish || canRequestTranscript || canDownload || !!onToggleSound;
  const close = (refocus?: boolean) => {
    setMenuOpen(false);
    if (refocus) trigger.current?.focus();
  };
  const choose = (action: () => void) => {
    close();
    action();
  };
  return (
    <div class="header">
      {agent && <Avatar name={agent.name} src={agent.avatar} />}
      <div class="header__titles">
        <h2 class="header__title" id="rcw-title">
          <bdi>{showControls(title)}</bdi>
        </h2>
        {subtitle && <p class="header__subtitle">{subtitle}</p>}
      </div>
      {hasOptions && (
        <div class="options">
          <button
            type="button"
            class="icon-button"
            ref={trigger}
            aria-label={t('panel.options')}
            aria-expanded={menuOpen}
            aria-controls="rcw-options"
            onClick={() => setMenuOpen(!menuOpen)}
            // Fetch the menu on intent, so it is there by the time the click lands: a pointer over it, or
            // the visitor tabbing to it (the Tab's keyup lands here). Not on focus: the panel moves focus
            // here by itself while the chat loads, and that is no intent.
            onPointerEnter={() => void loadMenu().catch(() => undefined)}
            onKeyUp={(e) => e.key === 'Tab' && void loadMenu().catch(() => undefined)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && menuOpen) {
                e.stopPropagation();
                close();
              }
            }}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <circle cx="12" cy="5" r="2" />
              <circle cx="12" cy="12" r="2" />
              <circle cx="12" cy="19" r="2" />
            </svg>
          </button>
          {menuOpen && (
            <OptionsMenu
              canFinish={canFinish}
              canRequestTranscript={canRequestTranscript}
              canDownload={canDownload}
              {...(onToggleSound ? { soundOn, onToggleSound } : {})}
              choose={choose}
              onFinish={onFinish}
              onTranscript={onTranscript}
              onDownload={onDownload}
              {...(onChangeDepartment ? { onChangeDepartment } : {})}
              {...(onForget ? { onForget } : {})}
              onClose={close}
            />
          )}
        </div>
      )}
      <button type="button" class="icon-button" aria-label={t('panel.minimize')} onClick={onMinimize}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M5 11h14v2H5z" />
        </svg>
      </button>
    </div>
  );
}
