// @vitest-environment node
/**
 * `POST livechat/transcript` (contract §7.1–7.2): the success body, the `livechat_transcript_history`
 * message, and the email itself — as recorded by the stand-in and as received by a real SMTP server
 * (the SMTP catcher the demo and e2e suite run beside it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanions } from '../../src/server/companions.ts';
import type { CaughtMail } from '../../src/server/mail/smtp-catcher.ts';
import type { OutgoingMail } from '../../src/server/mail/mailer.ts';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireRoom, WireVisitor } from '../../src/shared/rocketchat/wire.ts';
import { agent, client, eventually, history, ok, openRoom, registerVisitor, sendMessage, startStandin, type Client, type Running } from './harness.ts';

let running: Running;
let api: Client;
let ana: AgentClient;
let stopCompanions: () => Promise<void>;

beforeAll(async () => {
  running = await startStandin({
    controls: true,
    // Many transcripts and offline messages from one address, as Rocket.Chat's TEST_MODE allows.
    mailRateLimit: false,
    settings: { API_Enable_Rate_Limiter: false, From_Email: 'support@acme.example' },
    agents: [{ username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true }],
  });
  stopCompanions = await startCompanions(running.standin, { smtpCatcherPort: 0 });
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
});

afterAll(async () => {
  await stopCompanions?.();
  await running?.close();
});

/** Decodes the entities an HTML escaper may use, to read the text a mail client would show. */
function decodeEntities(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function indexesIn(text: string, needles: string[]): number[] {
  return needles.map((n) => text.indexOf(n));
}

async function sentTo(email: string, from: number): Promise<OutgoingMail> {
  return eventually(() => running.standin.mailer.sent.slice(from).find((m) => m.to === email));
}

/** What the SMTP catcher has received, newest first, read through the stand-in's control route. */
async function mailbox(): Promise<CaughtMail[]> {
  return ok(await api.request<{ mails: CaughtMail[] }>({ route: '/_standin/mailbox' })).mails;
}

async function caughtBy(subject: string, to: string): Promise<CaughtMail> {
  return eventually(async () => (await mailbox()).find((m) => m.subject === subject && m.to === to), 5000);
}

describe('formatted messages in the transcript email', () => {
  it('renders markdown in the html part with clickable links, and keeps link addresses in the text part', async () => {
    await registerVisitor(api, { token: 'tok-md', name: 'Mo', email: 'mo@example.com' });
    const room = (await openRoom(api, 'tok-md')).room;
    await ana.send(room._id, 'Your order **#1042**:\n- tracking `1Z999`\n- see [the tracker](https://example.com/t?a=1&b=2)\n<img src=x onerror=alert(1)>');
    const before = running.standin.mailer.sent.length;
    await api.post('livechat/transcript', { token: 'tok-md', rid: room._id, email: 'mo@example.com' });
    const mail = await sentTo('mo@example.com', before);
    expect(mail.html).toContain('<strong>#1042</strong>');
    expect(mail.html).toMatch(/<ul><li>tracking <code style="[^"]+">1Z999<\/code><\/li><li>see <a href="https:\/\/example\.com\/t\?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow" style="[^"]+">the tracker<\/a><\/li><\/ul>/);
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('**');
    expect(mail.text).toContain('• tracking 1Z999');
    expect(mail.text).toContain('• see the tracker (https://example.com/t?a=1&b=2)');
    expect(mail.text).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('a visitor asks for the transcript of a finished chat', () => {
  let v: WireVisitor;
  let room: WireRoom;
  let mail: OutgoingMail;
  let reply: { status: number; body: unknown };

  beforeAll(async () => {
    v = await registerVisitor(api, { token: 'tok-jane', name: 'Jane', email: 'jane@example.com' });
    room = (await openRoom(api, 'tok-jane')).room;
    await sendMessage(api, 'tok-jane', room._id, 'Hi, my order #1 is late');
    await ana.send(room._id, 'Sorry about that, Jane. Checking now.');
    await sendMessage(api, 'tok-jane', room._id, '<script>alert("x")</script> & thanks');
    await ana.request('POST', 'livechat/room.closeByUser', { rid: room._id, comment: 'Order found' });
    const before = running.standin.mailer.sent.length;
    // Transcripts work although Livechat_enable_transcript is off: the route does not check it.
    const r = await api.post('livechat/transcript', { token: 'tok-jane', rid: room._id, email: 'jane@example.com' });
    reply = { status: r.status, body: r.body };
    mail = await sentTo('jane@example.com', before);
  });

  it('answers with the 7.x success body', () => {
    expect(reply).toEqual({ status: 200, body: { message: 'Omnichannel transcript sent', success: true } });
  });

  it('posts livechat_transcript_history from rocket.cat with the request data', async () => {
    const [last] = await history(api, 'tok-jane', room._id, { limit: '1' });
    expect(last).toMatchObject({
      t: 'livechat_transcript_history',
      u: { _id: 'rocket.cat', username: 'rocket.cat' },
      requestData: { type: 'visitor', visitor: { _id: v._id, token: 'tok-jane' }, user: { username: 'rocket.cat' } },
    });
  });

  it("wraps the body in the admin's email header and footer, and strips the whole of it for the text part", () => {
    expect(mail.html.startsWith('<html>')).toBe(true);
    expect(mail.html).toContain('Sent by Rocket.Chat');
    expect(mail.text.startsWith('Rocket.Chat\n')).toBe(true);
    expect(mail.text).toMatch(/Sent by Rocket\.Chat · http/);
  });

  it('sends from From_Email with the default subject', () => {
    expect(mail).toMatchObject({
      to: 'jane@example.com',
      from: 'support@acme.example',
      replyTo: { address: 'support@acme.example' },
      subject: 'Transcript of your livechat conversation',
    });
  });

  it('lists the chat messages in time order, the visitor as "You" and the agent by name', () => {
    const text = decodeEntities(mail.html);
    const positions = indexesIn(text, ['Hi, my order #1 is late', 'Sorry about that, Jane. Checking now.', '<script>alert("x")</script> & thanks']);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.match(/\bYou\b/g)).toHaveLength(2);
    expect(text.match(/Ana Agent/g)).toHaveLength(1);
  });

  it('leaves out system messages: started, connected, joined, closed, transcript history', () => {
    const text = decodeEntities(mail.html);
    for (const absent of ['connected', 'Order found', 'promptTranscript', 'joined', 'livechat']) expect(text).not.toContain(absent);
  });

  it('escapes message HTML in the html part', () => {
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('& thanks');
  });

  it('has a plain-text part with the same conversation', () => {
    expect(mail.text).toContain('You');
    expect(mail.text).toContain('Hi, my order #1 is late');
    expect(mail.text).toContain('<script>alert("x")</script> & thanks');
    expect(mail.text).not.toMatch(/<\/?(p|strong|em|div|hr)\b/);
  });

  it('reaches the SMTP catcher with the same subject, sender and escaped html', async () => {
    const caught = await caughtBy('Transcript of your livechat conversation', 'jane@example.com');
    expect(caught.from).toBe('support@acme.example');
    expect(caught.replyTo).toBe('support@acme.example');
    expect(caught.html).not.toContain('<script>');
    expect(decodeEntities(caught.html)).toContain('<script>alert("x")</script> & thanks');
    expect(caught.text).toContain('Sorry about that, Jane. Checking now.');
  });
});

describe('transcript variations', () => {
  let rid: string;

  beforeAll(async () => {
    await registerVisitor(api, { token: 'tok-open', name: 'Otto', email: 'otto@example.com' });
    rid = (await openRoom(api, 'tok-open')).room._id;
    await sendMessage(api, 'tok-open', rid, 'first question');
    await ana.send(rid, 'first answer');
  });

  async function transcriptOf(email: string): Promise<OutgoingMail> {
    const before = running.standin.mailer.sent.length;
    const delivered = (await mailbox()).length;
    ok(await api.post('livechat/transcript', { token: 'tok-open', rid, email }));
    const mail = await sentTo(email, before);
    // Also wait for SMTP delivery, so no mail is still in flight when the catcher stops.
    await eventually(async () => ((await mailbox()).length > delivered ? true : undefined));
    return mail;
  }

  it('sends the transcript of a room that is still open, to any address given', async () => {
    const mail = await transcriptOf('someone.else@example.org');
    expect(decodeEntities(mail.html)).toContain('first question');
    expect(decodeEntities(mail.html)).toContain('first answer');
  });

  it('uses Livechat_transcript_email_subject when set', async () => {
    await ana.setSetting('Livechat_transcript_email_subject', 'Your chat with Acme');
    try {
      expect((await transcriptOf('otto@example.com')).subject).toBe('Your chat with Acme');
    } finally {
      await ana.setSetting('Livechat_transcript_email_subject', '');
    }
  });

  it('calls the agent "Agent" when agent info is hidden', async () => {
    await ana.setSetting('Livechat_show_agent_info', false);
    try {
      const text = decodeEntities((await transcriptOf('otto@example.com')).html);
      expect(text).not.toContain('Ana Agent');
      expect(text).toMatch(/\bAgent\b/);
    } finally {
      await ana.setSetting('Livechat_show_agent_info', true);
    }
  });

  it('adds the agent-joined message only when system messages are shown', async () => {
    const authorsIn = (html: string) => (html.match(/<strong>/g) ?? []).length;
    const without = authorsIn((await transcriptOf('otto@example.com')).html);
    await ana.setSetting('Livechat_transcript_show_system_messages', true);
    try {
      const withSystem = authorsIn((await transcriptOf('otto@example.com')).html);
      expect(without).toBe(2);
      expect(withSystem).toBe(3);
    } finally {
      await ana.setSetting('Livechat_transcript_show_system_messages', false);
    }
  });

  it('still answers success when the SMTP server cannot be reached, as the mail is queued', async () => {
    const catcherPort = running.standin.store.settings.SMTP_Port;
    await ana.setSetting('SMTP_Port', 1);
    try {
      const reply = await api.post('livechat/transcript', { token: 'tok-open', rid, email: 'otto@example.com' });
      expect(reply.body).toEqual({ message: 'Omnichannel transcript sent', success: true });
    } finally {
      await ana.setSetting('SMTP_Port', catcherPort);
    }
  });
});

describe('email templates', () => {
  it('uses the Email_Header and Email_Footer settings, filling in the site name', async () => {
    await ana.setSetting('Email_Header', '<div>Header for [Site_Name]</div>');
    await ana.setSetting('Email_Footer', '<div>Footer</div>');
    await ana.setSetting('Site_Name', 'Acme & Co');
    try {
      await registerVisitor(api, { token: 'tok-tpl', name: 'Tia' });
      const room = (await openRoom(api, 'tok-tpl')).room;
      await sendMessage(api, 'tok-tpl', room._id, 'template check');
      const before = running.standin.mailer.sent.length;
      await api.post('livechat/transcript', { token: 'tok-tpl', rid: room._id, email: 'tia@example.com' });
      const sent = await sentTo('tia@example.com', before);
      expect(sent.html.startsWith('<div>Header for Acme &#38; Co</div><div> <hr>')).toBe(true);
      expect(sent.html.endsWith('</div><div>Footer</div>')).toBe(true);
      expect(sent.text.split('\n')[0]).toBe('Header for Acme & Co');
    } finally {
      const { DEFAULT_EMAIL_HEADER, DEFAULT_EMAIL_FOOTER } = await import('../../src/server/mail/templates.ts');
      await ana.setSetting('Email_Header', DEFAULT_EMAIL_HEADER);
      await ana.setSetting('Email_Footer', DEFAULT_EMAIL_FOOTER);
      await ana.setSetting('Site_Name', 'Rocket.Chat');
    }
  });
});
