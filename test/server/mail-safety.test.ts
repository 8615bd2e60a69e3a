// @vitest-environment node
/**
 * Mail a visitor can make the stand-in send: addresses are values (a name can never add a recipient or
 * a Reply-To), and transcripts and offline messages are rate-limited as Rocket.Chat limits them, even
 * when the API limiter is off (demo profile) — only the e2e profile (TEST_MODE) drops the limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanions } from '../../src/server/companions.ts';
import type { StandinOptions } from '../../src/server/app.ts';
import type { CaughtMail } from '../../src/server/mail/smtp-catcher.ts';
import { client, eventually, ok, openRoom, registerVisitor, sendMessage, startStandin, type Client, type Running } from './harness.ts';

interface Setup {
  running: Running;
  api: Client;
  stop: () => Promise<void>;
}

async function setup(options: StandinOptions = {}, smtp = true): Promise<Setup> {
  const running = await startStandin({
    controls: true,
    settings: { API_Enable_Rate_Limiter: false, Livechat_offline_email: 'offline@acme.example', From_Email: 'support@acme.example', Livechat_enable_transcript: true },
    agents: [{ username: 'ana', name: 'Ana', password: 'pw' }],
    ...options,
  });
  // Without an SMTP catcher the stand-in only records the mail (no delivery to wait for).
  const stop = smtp ? await startCompanions(running.standin, { smtpCatcherPort: 0 }) : async () => {};
  return { running, api: client(running.baseUrl), stop };
}

async function caught(s: Setup, match: (m: CaughtMail) => boolean): Promise<CaughtMail> {
  return eventually(async () => ok(await s.api.request<{ mails: CaughtMail[] }>({ route: '/_standin/mailbox' })).mails.find(match), 5_000);
}

describe('addresses are values', () => {
  let s: Setup;
  beforeAll(async () => (s = await setup({ mailRateLimit: false })));
  afterAll(async () => {
    await s.stop();
    await s.running.close();
  });

  it('an offline-form name with <, commas and quotes stays a name: no extra Reply-To or recipient', async () => {
    const name = 'Eve <x@evil.test>, "Z" <y@evil.test>';
    ok(await s.api.post('livechat/offline.message', { name, email: 'eve@example.com', message: 'injected?' }));
    const mail = await caught(s, (m) => m.text.includes('injected?'));
    expect(mail.envelopeTo).toEqual(['offline@acme.example']);
    // One Reply-To address, the visitor's; the whole name is its display part.
    expect(mail.replyToAddresses).toEqual(['eve@example.com']);
  });

  it('an email that passes the check but holds a comma reaches one recipient only', async () => {
    await registerVisitor(s.api, { token: 'tok-comma', name: 'C' });
    const { room } = await openRoom(s.api, 'tok-comma');
    await sendMessage(s.api, 'tok-comma', room._id, 'hello');
    ok(await s.api.post('livechat/transcript', { token: 'tok-comma', rid: room._id, email: 'x,victim@evil.test' }));
    const mail = await caught(s, (m) => m.subject.startsWith('Transcript'));
    expect(mail.envelopeTo).toEqual(['"x,victim"@evil.test']);
  });
});

describe('rate limits on mail', () => {
  let s: Setup;
  let rid = '';
  beforeAll(async () => {
    s = await setup({}, false);
    await registerVisitor(s.api, { token: 'tok-rl', name: 'R' });
    rid = (await openRoom(s.api, 'tok-rl')).room._id;
  });
  afterAll(async () => {
    await s.stop();
    await s.running.close();
  });

  it('allows 5 transcripts a minute per client, then answers 429 as Rocket.Chat does', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await s.api.post('livechat/transcript', { token: 'tok-rl', rid, email: `t${i}@example.com` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await s.api.post<{ error: string }>('livechat/transcript', { token: 'tok-rl', rid, email: 'again@example.com' });
    expect(refused.body.error).toMatch(/^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying this endpoint again\. \[error-too-many-requests\]$/);
    expect(s.running.standin.store.transcripts).toHaveLength(5);
  });

  it('allows one offline message per 5 seconds per client', async () => {
    const body = { name: 'O', email: 'o@example.com', message: 'call me' };
    expect((await s.api.post('livechat/offline.message', body)).status).toBe(200);
    expect((await s.api.post('livechat/offline.message', body)).status).toBe(429);
    expect(s.running.standin.store.offlineMessages).toHaveLength(1);
  });

  it('counts each client address separately', async () => {
    const other = await s.api.request({ method: 'POST', route: 'livechat/offline.message', body: { name: 'P', email: 'p@example.com', message: 'me too' }, localAddress: '127.0.0.2' });
    expect(other.status).toBe(200);
  });

  it('holds in the demo profile, and is dropped only for the e2e profile', async () => {
    const { profile } = await import('../../src/server/profiles.ts');
    expect(profile('demo').mailRateLimit).toBe(true);
    expect(profile('test').mailRateLimit).toBe(false);
  });
});
