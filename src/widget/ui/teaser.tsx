/**
 * A proactive message while the chat is closed: a card beside the launcher with who says it and what,
 * Reply (opens the chat) and Dismiss. Its text is shown as written (no markup). Loaded with the triggers.
 */
import type { ChatMessage } from '../backend/chat-backend.ts';
import { t } from '../i18n/index.ts';
import '../ui/extras-i18n.ts';

/** Outside the panel, so none of the panel's colours apply: its own, light and dark. */
export const TEASER_CSS =
  '.teaser{position:fixed;right:20px;bottom:92px;box-sizing:border-box;width:min(300px,calc(100vw - 40px));padding:12px 14px;border-radius:14px;background:#fff;color:#111827;box-shadow:0 8px 28px #0004}' +
  ':host([data-position="left"]) .teaser{right:auto;left:20px}' +
  '.teaser p{margin:0 0 8px;overflow-wrap:anywhere;white-space:pre-wrap;unicode-bidi:plaintext}.teaser__from{font-weight:700;font-size:13px}' +
  '.teaser__actions{display:flex;justify-content:space-between;align-items:center;gap:8px}' +
  '.teaser button{font:inherit;cursor:pointer;border-radius:8px}' +
  '.teaser__reply{padding:7px 14px;border:0;background:var(--rcw-color,#1d4ed8);color:var(--rcw-on-color,#fff);font-weight:600}' +
  '.teaser__dismiss{padding:7px 10px;border:1px solid #6b7280;background:none;color:inherit}' +
  '.teaser button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}' +
  ':host([data-dark]) .teaser{background:#1f2937;color:#f3f4f6}';

export function Teaser({ message, onReply, onDismiss }: { message: ChatMessage; onReply: () => void; onDismiss: () => void }) {
  const name = message.author?.name || t('agent.generic');
  return (
    <section class="teaser" aria-label={t('trigger.label', { name })}>
      <p class="teaser__from">{name}</p>
      <p>{message.text}</p>
      <div class="teaser__actions">
        <button type="button" class="teaser__reply" onClick={onReply}>
          {t('trigger.reply')}
        </button>
        <button type="button" class="teaser__dismiss" onClick={onDismiss}>
          {t('trigger.dismiss')}
        </button>
      </div>
    </section>
  );
}
