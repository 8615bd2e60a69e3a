/** The extras' screens as a person uses them: by role and label, with the keyboard where it matters. */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { adaptMessage } from '../../src/widget/backend/rocketchat/adapt.ts';
import { DepartmentSheet } from '../../src/widget/ui/department-sheet.tsx';
import { ForgetSheet } from '../../src/widget/ui/forget-sheet.tsx';
import { systemText } from '../../src/widget/ui/message-text.ts';
import { QueueInfo } from '../../src/widget/ui/queue-place.tsx';
import { SurveyForm } from '../../src/widget/ui/survey-form.tsx';
import { Teaser } from '../../src/widget/ui/teaser.tsx';

const departments = [
  { id: 'd1', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true },
  { id: 'd2', name: 'Support', showOnRegistration: true, showOnOfflineForm: true },
  { id: 'd3', name: 'Internal', showOnRegistration: false, showOnOfflineForm: false },
];

describe('DepartmentSheet', () => {
  it('lists the departments a visitor may choose, leaving out the current one, and moves the chat to the chosen one', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const onClose = vi.fn();
    render(<DepartmentSheet departments={departments} current="d1" onSubmit={onSubmit} onClose={onClose} />);
    expect(screen.getByRole('heading', { name: 'Change department' })).toHaveFocus();
    const group = screen.getByRole('group', { name: 'Department' });
    expect(group.querySelectorAll('input[type=radio]')).toHaveLength(1);
    expect(screen.getByRole('radio', { name: 'Support' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Move the chat' }));
    expect(onSubmit).toHaveBeenCalledWith('d2');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('says why a move failed and stays open; Escape closes it', async () => {
    const onClose = vi.fn();
    render(<DepartmentSheet departments={departments} current={undefined} onSubmit={async () => new ChatError('no-agent', 'error-no-agents-online-in-department')} onClose={onClose} />);
    await userEvent.click(screen.getByRole('radio', { name: 'Support' }));
    await userEvent.click(screen.getByRole('button', { name: 'Move the chat' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The chat could not be moved. No agent is available right now.');
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('radio', { name: 'Support' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});

describe('ForgetSheet', () => {
  it('asks first with the safe choice focused, then erases and says so', async () => {
    const onConfirm = vi.fn(async () => undefined);
    render(<ForgetSheet onConfirm={onConfirm} onClose={() => undefined} />);
    expect(screen.getByRole('alertdialog', { name: 'Forget your data?' })).toHaveAccessibleDescription(/erases your conversations, messages and files/);
    expect(screen.getByRole('button', { name: 'Keep my data' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Yes, forget my data' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(await screen.findByRole('status')).toHaveTextContent('Your data was erased.');
    await waitFor(() => expect(screen.getByRole('status')).toHaveFocus());
  });

  it('keeps asking, with the reason, when the server would not erase', async () => {
    render(<ForgetSheet onConfirm={async () => new ChatError('server', 'visitor-has-open-rooms')} onClose={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, forget my data' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your data could not be erased. Something went wrong on the chat server.');
    expect(screen.getByRole('button', { name: 'Yes, forget my data' })).toBeEnabled();
  });
});

describe('SurveyForm', () => {
  const survey = { questions: ['satisfaction', 'agentKnowledge', 'custom-question'], values: ['1', '2', '3', '4', '5'] };
  it('one radio group per question with its legend, values named for screen readers, nothing to send until something is answered', async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<SurveyForm survey={survey} onSubmit={onSubmit} />);
    expect(screen.getByRole('form', { name: 'How did we do?' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Overall satisfaction' })).toBeInTheDocument();
    // A question the widget has no words for is shown as the server names it.
    expect(screen.getByRole('group', { name: 'custom-question' })).toBeInTheDocument();
    expect(screen.getAllByRole('radio', { name: '1 of 5, Poor' })).toHaveLength(3);
    expect(screen.getAllByRole('radio', { name: '5 of 5, Excellent' })).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Send feedback' })).toBeDisabled();
    await userEvent.click(screen.getAllByRole('radio', { name: '4 of 5' })[0]!);
    await userEvent.type(screen.getByRole('textbox', { name: 'Anything else you would like to tell us?' }), 'Nice');
    await userEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    expect(onSubmit).toHaveBeenCalledWith({ satisfaction: '4' }, 'Nice');
    expect(await screen.findByRole('status')).toHaveTextContent('Thank you for your feedback!');
  });

  it('Skip takes it away', async () => {
    render(<SurveyForm survey={survey} onSubmit={async () => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(screen.queryByRole('form')).toBeNull();
  });
});

describe('the queue place and the teaser', () => {
  it('says the place and the estimate in minutes', () => {
    const { rerender } = render(<QueueInfo place={{ position: 3, waitSeconds: 150 }} />);
    expect(screen.getByText(/You are number 3 in the queue\./)).toHaveTextContent('Estimated wait: about 3 minutes.');
    rerender(<QueueInfo place={{ position: 1, waitSeconds: 20, message: 'Thanks for waiting' }} />);
    expect(screen.getByText(/number 1/)).toHaveTextContent('Estimated wait: less than a minute. Thanks for waiting');
  });

  it('shows who says what, as plain text, with Reply and Dismiss', async () => {
    const onReply = vi.fn();
    render(<Teaser message={{ id: 't', text: '<b>Hi</b> there', at: 0, from: 'agent', author: { username: '', name: 'Bot' } }} onReply={onReply} onDismiss={() => undefined} />);
    const region = screen.getByRole('region', { name: 'Message from Bot' });
    expect(region).toHaveTextContent('<b>Hi</b> there');
    expect(region.querySelector('b')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Reply' }));
    expect(onReply).toHaveBeenCalled();
  });
});

describe('a transfer in the conversation', () => {
  it("names the department it went to (never an agent's name)", () => {
    const base = { _id: 'x', rid: 'r', msg: '', ts: '2025-01-15T10:00:00.000Z', t: 'livechat_transfer_history', u: { _id: 'v', username: 'guest-1' } };
    const toDepartment = adaptMessage({ ...base, transferData: { scope: 'department', nextDepartment: { _id: 'd2', name: 'Support' } } }, 'https://chat.test')!;
    expect(systemText(toDepartment, () => 'Agent')).toBe('The chat was transferred to Support.');
    const toAgent = adaptMessage({ ...base, transferData: { scope: 'agent', transferredTo: { _id: 'a', username: 'bob', name: 'Bob' } } }, 'https://chat.test')!;
    expect(systemText(toAgent, () => 'Agent')).toBe('The chat was transferred.');
  });
});
