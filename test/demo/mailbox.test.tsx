import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailbox, type Mail, type Mailbox } from '../../src/demo/mailbox/state/mailbox.ts';
import { App } from '../../src/demo/mailbox/ui/app.tsx';

const boxes: Mailbox[] = [];
afterEach(() => {
  for (const b of boxes.splice(0)) b.stop();
});

function mail(overrides: Partial<Mail>): Mail {
  return {
    id: 'm1',
    receivedAt: '2026-11-21T10:00:00.000Z',
    from: 'support@acme.example',
    to: 'jane@example.test',
    replyTo: '',
    subject: 'Transcript of your livechat conversation',
    text: 'You: Hello\nAna Agent: Hi!',
    html: '<p>Hello</p><script>parent.hacked = true</script>',
    ...overrides,
  };
}

function serve(bodies: (() => Response)[]) {
  let n = 0;
  const fetchImpl = (async () => bodies[Math.min(n++, bodies.length - 1)]!()) as typeof fetch;
  const mailbox = createMailbox(fetchImpl);
  boxes.push(mailbox);
  render(<App mailbox={mailbox} />);
  return mailbox;
}

const json = (body: unknown, status = 200) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('mailbox', () => {
  it('shows a clear empty state', async () => {
    const mailbox = serve([json({ mails: [] })]);
    await mailbox.refresh();
    expect(await screen.findByText('No emails yet — finish a chat and choose Email me the transcript')).toBeInTheDocument();
  });

  it('lists emails newest first with subject, recipient and time', async () => {
    const mailbox = serve([
      json({
        mails: [
          mail({ id: 'old', subject: 'Older mail', to: 'a@example.test', receivedAt: '2026-11-21T09:00:00.000Z' }),
          mail({ id: 'new', subject: 'Newer mail', to: 'b@example.test', receivedAt: '2026-11-21T11:00:00.000Z' }),
        ],
      }),
    ]);
    await mailbox.refresh();
    const list = await screen.findByRole('list', { name: 'Emails' });
    const rows = within(list).getAllByRole('button');
    expect(rows.map((r) => r.querySelector('.mail-item__subject')?.textContent)).toEqual(['Newer mail', 'Older mail']);
    expect(rows[0]).toHaveTextContent('To: b@example.test');
    expect(rows[0]!.querySelector('time')).toHaveAttribute('datetime', '2026-11-21T11:00:00.000Z');
  });

  it('opens an email: HTML only in a sandboxed srcdoc iframe, the text part in a <pre>', async () => {
    const mailbox = serve([json({ mails: [mail({})] })]);
    await mailbox.refresh();
    fireEvent.click(await screen.findByRole('button', { name: /Transcript of your livechat conversation/ }));
    expect(screen.getByRole('heading', { name: 'Transcript of your livechat conversation' })).toBeInTheDocument();
    const frame = screen.getByTitle(/HTML part of/);
    expect(frame.tagName).toBe('IFRAME');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame.getAttribute('srcdoc')).toContain('<p>Hello</p>');
    expect(frame.getAttribute('srcdoc')).toContain("Content-Security-Policy");
    // The email's markup never reaches the page's own DOM.
    expect(document.querySelector('script')).toBeNull();
    expect(screen.queryByText('Hello')).toBeNull();
    const text = screen.getByText(/You: Hello/);
    expect(text.tagName).toBe('PRE');
    expect(text.textContent).toBe('You: Hello\nAna Agent: Hi!');
  });

  it('keeps the open email across refreshes and shows new mail', async () => {
    const mailbox = serve([
      json({ mails: [mail({})] }),
      json({ mails: [mail({ id: 'm2', subject: 'Second', receivedAt: '2026-11-21T12:00:00.000Z' }), mail({})] }),
    ]);
    await mailbox.refresh();
    fireEvent.click(await screen.findByRole('button', { name: /Transcript of your livechat/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await screen.findByRole('button', { name: /Second/ });
    expect(screen.getByRole('heading', { name: 'Transcript of your livechat conversation' })).toBeInTheDocument();
  });

  it('says plainly when the mailbox cannot be read', async () => {
    const mailbox = serve([json({ success: false, error: 'no SMTP catcher runs beside this stand-in' }, 501)]);
    await mailbox.refresh();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Couldn't load the mailbox");
    expect(alert).toHaveTextContent('HTTP 501 · no SMTP catcher runs beside this stand-in');
    await waitFor(() => expect(screen.queryByText(/No emails yet/)).not.toBeInTheDocument());
  });
});
