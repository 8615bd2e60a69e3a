/**
 * "How did we do?" after the chat: each of the server's questions a radio group with its legend (the
 * values the server accepts, each named "4 of 5" for screen readers, the ends named Poor and Excellent),
 * an optional comment, Send or Skip. Loaded on the end screen where the server asks for a survey.
 */
import { useRef, useState } from 'preact/hooks';
import type { Survey } from '../backend/chat-backend.ts';
import type { ChatError } from '../backend/errors.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { errorSentence } from './error-text.ts';
import { adoptStyles } from './styles.ts';
import './extras-i18n.ts';

adoptStyles(
  // With a survey the end of the chat needs more room than the conversation can give: it scrolls.
  '.ended{max-height:55%;overflow-y:auto}' +
    '.survey{margin:0 0 12px;padding:0 0 12px;border-bottom:1px solid var(--line,#e5e7eb)}.survey h3{margin:4px 0}.survey>p{margin:0 0 8px;color:var(--mut,#4b5563)}' +
    '.rating{margin:0 0 10px;padding:0;border:0}.rating legend{padding:0;margin-bottom:4px;font-weight:600}' +
    '.rating__scale{display:flex;gap:6px;align-items:center;flex-wrap:wrap}.rating__end{font-size:12px;color:var(--mut,#4b5563)}' +
    '.rating label{position:relative;display:inline-flex}.rating input{position:absolute;opacity:0;inset:0;margin:0;cursor:pointer}' +
    '.rating label span[aria-hidden]{display:inline-flex;align-items:center;justify-content:center;min-width:36px;height:36px;border:1px solid var(--field,#7c8594);border-radius:8px}' +
    '.rating input:checked+span{background:var(--rcw-color,#1d4ed8);color:var(--rcw-on-color,#fff);border-color:var(--rcw-color,#1d4ed8)}' +
    '.rating input:focus-visible+span{outline:3px solid var(--focus,#2563eb);outline-offset:2px}' +
    '.survey textarea{display:block;box-sizing:border-box;width:100%;margin:4px 0 10px;padding:8px;border:1px solid var(--field,#7c8594);border-radius:8px;background:var(--bg,#fff);color:inherit;font:inherit;resize:vertical}' +
    '.survey__actions{display:flex;gap:12px;align-items:center}',
);

const KNOWN = new Set(['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness']);
const question = (name: string) => (KNOWN.has(name) ? t(`survey.q.${name}` as MessageKey) : name);

export interface SurveyFormProps {
  survey: Survey;
  onSubmit: (answers: Record<string, string>, comment: string) => Promise<ChatError | undefined>;
}

export function SurveyForm({ survey, onSubmit }: SurveyFormProps) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'open' | 'sending' | 'sent' | 'skipped'>('open');
  const [error, setError] = useState<ChatError | undefined>(undefined);
  const form = useRef<HTMLFormElement>(null);
  const max = survey.values.length;
  if (state === 'skipped') return null;
  if (state === 'sent') return <p role="status">{t('survey.thanks')}</p>;
  const sending = state === 'sending';
  const empty = !Object.keys(answers).length && !comment.trim();
  return (
    <form
      class="survey"
      ref={form}
      aria-labelledby="rcw-survey-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (empty || sending) return;
        setState('sending');
        setError(undefined);
        void onSubmit(answers, comment).then((failure) => {
          setError(failure);
          setState(failure ? 'open' : 'sent');
        });
      }}
    >
      <h3 id="rcw-survey-title">{t('survey.title')}</h3>
      <p>{t('survey.intro')}</p>
      {survey.questions.map((q, qi) => (
        <fieldset class="rating" key={q} disabled={sending}>
          <legend>{question(q)}</legend>
          <div class="rating__scale">
            <span class="rating__end" aria-hidden="true">
              {t('survey.low')}
            </span>
            {survey.values.map((v, vi) => (
              <label key={v}>
                <input type="radio" name={`rcw-survey-${qi}`} value={v} checked={answers[q] === v} onChange={() => setAnswers({ ...answers, [q]: v })} />
                <span aria-hidden="true">{v}</span>
                <span class="sr">
                  {t('survey.value', { value: vi + 1, max })}
                  {vi === 0 ? `, ${t('survey.low')}` : vi === max - 1 ? `, ${t('survey.high')}` : ''}
                </span>
              </label>
            ))}
            <span class="rating__end" aria-hidden="true">
              {t('survey.high')}
            </span>
          </div>
        </fieldset>
      ))}
      <label for="rcw-survey-comment">{t('survey.comment')}</label>
      <textarea id="rcw-survey-comment" rows={2} value={comment} disabled={sending} onInput={(e) => setComment(e.currentTarget.value)} />
      {error && (
        <p class="field-error" role="alert">
          {errorSentence(error, 'survey')}
        </p>
      )}
      <div class="survey__actions">
        <button type="submit" class="button" disabled={sending || empty} aria-busy={sending || undefined}>
          {sending ? t('survey.sending') : t('survey.submit')}
        </button>
        <button
          type="button"
          class="link-button"
          disabled={sending}
          onClick={() => {
            // Focus would be lost with the form: hand it to what follows.
            const next = form.current?.nextElementSibling?.querySelector<HTMLElement>('input, button, a');
            setState('skipped');
            queueMicrotask(() => next?.focus());
          }}
        >
          {t('survey.skip')}
        </button>
      </div>
    </form>
  );
}
