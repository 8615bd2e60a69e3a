/**
 * The greeting of an empty conversation: who answers (the agent's picture, when one is assigned and
 * may be shown), a welcome, and the server's own words under it. A chunk of its own: a visitor who
 * comes back to a conversation under way never downloads it.
 */
import type { ComponentChildren } from 'preact';
import { enWelcome } from '../i18n/en-welcome.ts';
import { addEnglish, t } from '../i18n/index.ts';
import { adoptStyles } from './styles.ts';

addEnglish(enWelcome);
adoptStyles(
  '.welcome{display:flex;flex-direction:column;align-items:center;gap:6px;margin:28px 16px 8px;text-align:center}' +
    '.welcome h3{margin:6px 0 0;font-size:18px}.welcome p{margin:0;color:var(--mut)}' +
    '.welcome .avatar{width:48px;height:48px;font-size:18px}' +
    '.welcome__mark{display:inline-flex;width:48px;height:48px;border-radius:50%;align-items:center;justify-content:center;background:var(--rcw-color,#1d4ed8);color:var(--rcw-on-color,#fff)}',
);

const CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';

export interface WelcomeProps {
  /**
   * The agent who will answer (their Avatar), when the server says and shows who. Passed in rendered:
   * when this chunk imported the panel's avatar module, the bundler split Preact out of the panel.
   */
  agent?: ComponentChildren;
  /** The server's words for a new conversation, where it has some. */
  intro?: string;
}

export function Welcome({ agent, intro }: WelcomeProps) {
  return (
    <div class="welcome">
      {agent || (
        <span class="welcome__mark" aria-hidden="true">
          <svg viewBox="0 0 24 24">
            <path d={CHAT} />
          </svg>
        </span>
      )}
      <h3>{t('welcome.title')}</h3>
      <p>{intro || t('log.empty')}</p>
    </div>
  );
}
