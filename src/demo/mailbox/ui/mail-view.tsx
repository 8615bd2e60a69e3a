import { formatFullTime, isoTime } from '../../shared/format-time.ts';
import type { Mail } from '../state/mailbox.ts';
import { HtmlPart } from './html-part.tsx';

export interface MailViewProps {
  mail: Mail;
  onBack: () => void;
}

/** One email: headers, the HTML part in a sandboxed frame, the plain-text part as text. */
export function MailView({ mail, onBack }: MailViewProps) {
  const subject = mail.subject || '(no subject)';
  return (
    <article class="mail-view" aria-labelledby="mail-subject">
      <header class="mail-view__head">
        <button type="button" class="button button--small mail-view__back" onClick={onBack}>
          ← Inbox
        </button>
        <h2 id="mail-subject">{subject}</h2>
        <dl class="mail-headers">
          <dt>From</dt>
          <dd>{mail.from || '—'}</dd>
          <dt>To</dt>
          <dd>{mail.to || '—'}</dd>
          {mail.replyTo && (
            <>
              <dt>Reply-To</dt>
              <dd>{mail.replyTo}</dd>
            </>
          )}
          <dt>Received</dt>
          <dd>
            <time dateTime={isoTime(mail.receivedAt)}>{formatFullTime(mail.receivedAt)}</time>
          </dd>
        </dl>
      </header>
      <section class="mail-part" aria-labelledby="html-part-title">
        <h3 id="html-part-title">HTML part</h3>
        {mail.html ? (
          <HtmlPart html={mail.html} title={`HTML part of “${subject}”`} />
        ) : (
          <p class="muted">This email has no HTML part.</p>
        )}
      </section>
      <section class="mail-part" aria-labelledby="text-part-title">
        <h3 id="text-part-title">Plain-text part</h3>
        {mail.text ? (
          <pre class="text-part" tabIndex={0} aria-labelledby="text-part-title">
            {mail.text}
          </pre>
        ) : (
          <p class="muted">This email has no plain-text part.</p>
        )}
      </section>
    </article>
  );
}
