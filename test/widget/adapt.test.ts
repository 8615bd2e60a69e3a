import { afterEach, describe, expect, it, vi } from 'vitest';
import { adaptAgent, adaptMessage } from '../../src/widget/backend/rocketchat/adapt.ts';
import { adaptConfig } from '../../src/widget/backend/rocketchat/adapt-config.ts';
import { resetShapeWarnings } from '../../src/widget/backend/shape.ts';
import type { LivechatConfig, WireMessage } from '../../src/shared/rocketchat/wire.ts';

const S = 'https://chat.test';

const base = { _id: 'm1', rid: 'r1', ts: '2025-01-15T10:00:00.000Z', _updatedAt: '2025-01-15T10:00:00.000Z' };

describe('adaptMessage', () => {
  it('tells visitor, agent and system messages apart', () => {
    const visitor = adaptMessage({ ...base, msg: 'Hi', token: 't', alias: 'Jane', u: { _id: 'v', username: 'guest-1' } }, S);
    expect(visitor).toMatchObject({ id: 'm1', text: 'Hi', from: 'visitor', at: Date.parse(base.ts), author: { username: 'guest-1', name: 'Jane' } });
    const agent = adaptMessage({ ...base, msg: 'Hello', u: { _id: 'a', username: 'ana', name: 'Ana' } }, S);
    expect(agent).toMatchObject({ from: 'agent', author: { username: 'ana', name: 'Ana' } });
  });

  it('reads DDP dates as well as REST strings', () => {
    const m = adaptMessage({ ...base, ts: new Date(5000), _updatedAt: new Date(5000), msg: 'x', u: { _id: 'a', username: 'ana' } } as WireMessage<Date>, S)!;
    expect(m.at).toBe(5000);
  });

  it('marks who closed the chat and whether a transcript was requested', () => {
    const byVisitor = adaptMessage({ ...base, msg: 'Closed by visitor', t: 'livechat-close', token: 't', transcriptRequested: false, u: { _id: 'v', username: 'guest-1' } }, S);
    expect(byVisitor).toMatchObject({ from: 'system', system: 'chat-closed', closedBy: 'visitor', transcriptRequested: false });
    const byAgent = adaptMessage({ ...base, msg: '', t: 'livechat-close', transcriptRequested: true, u: { _id: 'a', username: 'ana' } }, S);
    expect(byAgent).toMatchObject({ closedBy: 'agent', transcriptRequested: true });
  });

  it('hides what the official widget never shows', () => {
    for (const t of ['command', 'livechat_navigation_history', 'livechat_video_call', 'au'] as const) {
      expect(adaptMessage({ ...base, msg: 'x', t, u: { _id: 'a', username: 'ana' } }, S)?.hidden).toBe(true);
    }
    expect(adaptMessage({ ...base, msg: '', t: 'uj', u: { _id: 'a', username: 'ana' } }, S)).toMatchObject({ system: 'agent-joined', systemType: 'uj' });
    expect(adaptMessage({ ...base, msg: '', t: 'uj', u: { _id: 'a', username: 'ana' } }, S)?.hidden).toBeUndefined();
  });
});

describe('adaptAgent', () => {
  it('keeps identity only when the server shows it', () => {
    expect(adaptAgent({ _id: 'a', username: 'ana', name: 'Ana' }, S)).toEqual({ username: 'ana', name: 'Ana', avatarUrl: 'https://chat.test/avatar/ana' });
    expect(adaptAgent({ hiddenInfo: true }, S)).toEqual({ username: '', hidden: true });
    expect(adaptAgent(undefined, S)).toBeUndefined();
  });
});

describe('adaptConfig', () => {
  it('maps a disabled server', () => expect(adaptConfig({ enabled: false }, S)).toMatchObject({ enabled: false, online: false }));

  it('maps settings, texts, the visitor and their open room', () => {
    const wire = {
      enabled: true,
      online: true,
      settings: {
        registrationForm: true, allowSwitchingDepartments: true, nameFieldRegistrationForm: true, emailFieldRegistrationForm: false,
        displayOfflineForm: true, videoCall: false, fileUpload: true, language: 'pt-BR', transcript: true, historyMonitorType: 'url',
        forceAcceptDataProcessingConsent: false, showConnecting: false, agentHiddenInfo: true, clearLocalStorageWhenChatEnded: false,
        limitTextLength: 140, hiddenSystemMessages: ['uj'],
      },
      theme: { title: 'Help', color: '#C1272D', offlineTitle: 'Leave a message', offlineColor: '#666666', position: 'left' },
      messages: { offlineMessage: '', offlineSuccessMessage: '', offlineUnavailableMessage: '', conversationFinishedMessage: '', conversationFinishedText: 'Bye', transcriptMessage: 'Want a copy?', registrationFormMessage: '', dataProcessingConsentText: '' },
      survey: { items: [], values: [] },
      triggers: [],
      departments: [{ _id: 'd1', name: 'Sales', showOnRegistration: true, showOnOfflineForm: false }],
      resources: { sound: '', emojis: [] },
      guest: { _id: 'v', username: 'guest-1', token: 't', name: 'Jane', visitorEmails: [{ address: 'jane@example.com' }] },
      room: { _id: 'r1', open: true },
      agent: { hiddenInfo: true },
    } satisfies LivechatConfig;
    const c = adaptConfig(wire, S);
    expect(c).toMatchObject({
      enabled: true,
      language: 'pt-BR',
      agentHidden: true,
      limitTextLength: 140,
      hiddenSystemMessages: ['uj'],
      theme: { position: 'left', title: 'Help' },
      texts: { conversationFinishedText: 'Bye', transcriptMessage: 'Want a copy?' },
      departments: [{ id: 'd1', name: 'Sales', showOnRegistration: true, showOnOfflineForm: false }],
      visitor: { token: 't', username: 'guest-1', name: 'Jane', email: 'jane@example.com' },
      openConversation: { id: 'r1', agent: { hidden: true } },
      features: { emailTranscript: true, registrationForm: true, offlineForm: true, finishChat: true, pageVisits: 'url', readReceipts: false, visitorToken: true },
    });
  });
});

describe('adaptConfig against the shapes other servers send', () => {
  const full = (): Record<string, unknown> => ({
    enabled: true,
    online: true,
    settings: { registrationForm: true, nameFieldRegistrationForm: true, language: 'de', limitTextLength: 200, hiddenSystemMessages: ['uj'], historyMonitorType: 'title' },
    theme: { title: 'Help', color: '#C1272D', offlineTitle: 'Away', offlineColor: '#666666', position: 'left' },
    messages: { conversationFinishedText: 'Bye' },
    departments: [{ _id: 'd1', name: 'Sales', showOnRegistration: true, showOnOfflineForm: false }],
    customFields: [{ _id: 'plan', label: 'Plan', type: 'select', required: true, defaultValue: null, options: ['Free', 'Pro'] }],
    guest: { _id: 'v', username: 'guest-1', token: 't' },
    room: { _id: 'r1', open: true },
    agent: { _id: 'a', username: 'ana', name: 'Ana' },
  });
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  afterEach(() => {
    warn.mockClear();
    resetShapeWarnings();
  });

  it('reads Enterprise custom fields: options as an array, defaultValue null, regexp', () => {
    const c = adaptConfig({ ...full(), customFields: [{ _id: 'plan', label: 'Plan', regexp: '^[A-Z]', required: false, type: 'select', defaultValue: null, options: ['Free', 'Pro', 'Enterprise'] }] }, S);
    expect(c.customFields).toEqual([{ id: 'plan', label: 'Plan', type: 'select', required: false, options: ['Free', 'Pro', 'Enterprise'], pattern: '^[A-Z]' }]);
  });

  it('reads the stored comma string older servers sent, and fields with no options at all', () => {
    const c = adaptConfig({ ...full(), customFields: [{ _id: 'plan', label: 'Plan', type: 'select', options: 'Free, Pro,' }, { _id: 'company', label: 'Company', required: false, defaultValue: null }] }, S);
    expect(c.customFields).toEqual([
      { id: 'plan', label: 'Plan', type: 'select', required: false, options: ['Free', 'Pro'] },
      { id: 'company', label: 'Company', type: 'input', required: false, options: [] },
    ]);
  });

  it('takes a Community server, which sends no customFields, as having none', () => {
    const { customFields: _, ...community } = full();
    expect(adaptConfig(community, S).customFields).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  // Every optional part, one at a time: missing, null, and of another shape. The widget must still get a
  // usable config (enabled, with the rest intact), and warn only when a present part was odd.
  const optionalParts = ['settings', 'theme', 'messages', 'departments', 'customFields', 'guest', 'room', 'agent', 'online'] as const;
  const otherShapes: unknown[] = [undefined, null, 'text', 42, true, {}, [], [null, 'x', 1]];
  for (const part of optionalParts) {
    it(`keeps working when "${part}" is missing, null or of another shape`, () => {
      for (const value of otherShapes) {
        const wire = full();
        if (value === undefined) delete wire[part];
        else wire[part] = value;
        const c = adaptConfig(wire, S);
        expect(c.enabled).toBe(true);
        expect(typeof c.theme.title).toBe('string');
        expect(Array.isArray(c.departments) && Array.isArray(c.customFields) && Array.isArray(c.hiddenSystemMessages)).toBe(true);
        if (part !== 'theme') expect(c.theme.title).toBe('Help');
        if (part !== 'settings') expect(c.limitTextLength).toBe(200);
        if (part !== 'departments') expect(c.departments.map((d) => d.id)).toEqual(['d1']);
      }
    });
  }

  it('drops single odd items and fields with a warning naming them, and keeps the rest', () => {
    const c = adaptConfig({
      ...full(),
      settings: { language: 7, hiddenSystemMessages: 'uj', limitTextLength: '140' },
      theme: { title: { en: 'Help' }, color: '#C1272D' },
      departments: [{ _id: 'd1', name: 'Sales' }, { name: 'no id' }, null],
      customFields: [{ _id: 'plan', label: 3, options: { a: 1 }, defaultValue: 5 }, 'junk'],
    }, S);
    expect(c.theme).toMatchObject({ title: '', color: '#C1272D' });
    expect(c.language).toBeUndefined();
    expect(c.hiddenSystemMessages).toEqual([]);
    expect(c.limitTextLength).toBeUndefined();
    expect(c.departments).toEqual([{ id: 'd1', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true }]);
    expect(c.customFields).toEqual([{ id: 'plan', label: 'plan', type: 'input', required: false, options: [] }]);
    const said = warn.mock.calls.map((args) => String(args[0])).join('\n');
    for (const field of ['theme.title', 'departments[1]', 'departments[2]', 'customFields[1]', 'settings.hiddenSystemMessages']) expect(said).toContain(field);
  });

  it('survives an answer that is not an object at all', () => {
    for (const wire of [null, undefined, 'config', [], 3]) expect(adaptConfig(wire, S)).toMatchObject({ enabled: false, online: false });
  });
});
