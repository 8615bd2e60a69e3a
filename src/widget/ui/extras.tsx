/**
 * The panel's extras in one chunk, fetched the first time one is shown: the place in the queue, the
 * change-department and forget-my-data sheets, the survey — each wired to the chat here, so the panel
 * itself carries one placeholder for all of them. (The upload controls, shown in every chat where the
 * server takes files, are their own chunk: uploads.tsx.)
 */
import type { Chat } from '../state/chat.ts';
import { changeDepartment } from '../state/department.ts';
import { forgetVisitor } from '../state/forget.ts';
import { sendSurvey } from '../state/survey.ts';
import { DepartmentSheet } from './department-sheet.tsx';
import { ForgetSheet } from './forget-sheet.tsx';
import { QueueInfo } from './queue-place.tsx';
import { SurveyForm } from './survey-form.tsx';

export type ExtraPart = 'queue' | 'department' | 'forget' | 'survey';

export function Extra({ part, chat, onClose }: { part: ExtraPart; chat: Chat; onClose?: () => void }) {
  const close = onClose ?? (() => undefined);
  const config = chat.config.value;
  switch (part) {
    case 'queue':
      return chat.queue.value ? <QueueInfo place={chat.queue.value} /> : null;
    case 'department':
      return config ? <DepartmentSheet departments={config.departments} current={chat.department.value} onSubmit={(d) => changeDepartment(chat, d)} onClose={close} /> : null;
    case 'forget':
      return <ForgetSheet onConfirm={() => forgetVisitor(chat)} onClose={close} />;
    case 'survey':
      return config?.survey ? <SurveyForm survey={config.survey} onSubmit={(answers, comment) => sendSurvey(chat, answers, comment)} /> : null;
  }
}
