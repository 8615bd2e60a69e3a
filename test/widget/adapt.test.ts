import { describe, expect, it } from 'vitest';
import { adaptAgent, adaptConfig, adaptMessage } from '../../src/widget/backend/rocketchat/adapt.ts';
import type { LivechatConfig, WireMessage } from '../../src/shared/rocketchat/wire.ts';

const base = { _id: 'm1', rid: 'r1', ts: '2025-01-15T10:00:00.000Z', _updatedAt: '2025-01-15T10:00:00.000Z' };

describe('adaptMessage', () => {
  it('tells visitor, agent and system messages apart', () => {
    const visitor = adaptMessage({ ...base, msg: 'Hi', token: 't', alias: 'Jane', u: { _id: 'v', username: 'guest-1' } });
    expect(visitor).toMatchObject({ id: 'm1', text: 'Hi', from: 'visitor', at: Date.parse(base.ts), author: { username: 'guest-1', name: 'Jane' } });
    const agent = adaptMessage({ ...base, msg: 'Hello', u: { _id: 'a', username: 'ana', name: 'Ana' } });
    expect(agent).toMatchObject({ from: 'agent', author: { username: 'ana', name: 'Ana' } });
  });

  it('reads DDP dates as well as REST strings', () => {
    const m = adaptMessage({ ...base, ts: new Date(5000), _updatedAt: new Date(5000), msg: 'x', u: { _id: 'a', username: 'ana' } } as WireMessage<Date>);
    expect(m.at).toBe(5000);
  });

  it('marks who closed the chat and whether a transcript was requested', () => {
    const byVisitor = adaptMessage({ ...base, msg: 'Closed by visitor', t: 'livechat-close', token: 't', transcriptRequested: false, u: { _id: 'v', username: 'guest-1' } });
    expect(byVisitor).toMatchObject({ from: 'system', system: 'chat-closed', closedBy: 'visitor', transcriptRequested: false });
    const byAgent = adaptMessage({ ...base, msg: '', t: 'livechat-close', transcriptRequested: true, u: { _id: 'a', username: 'ana' } });
    expect(byAgent).toMatchObject({ closedBy: 'agent', transcriptRequested: true });
  });

  it('hides what the official widget never shows', () => {
    for (const t of ['command', 'livechat_navigation_history', 'livechat_video_call', 'au'] as const) {
      expect(adaptMessage({ ...base, msg: 'x', t, u: { _id: 'a', username: 'ana' } }).hidden).toBe(true);
    }
    expect(adaptMessage({ ...base, msg: '', t: 'uj', u: { _id: 'a', username: 'ana' } })).toMatchObject({ system: 'agent-joined', systemType: 'uj' });
    expect(adaptMessage({ ...base, msg: '', t: 'uj', u: { _id: 'a', username: 'ana' } }).hidden).toBeUndefined();
  });
});

describe('adaptAgent', () => {
  it('keeps identity only when the server shows it', () => {
    expect(adaptAgent({ _id: 'a', username: 'ana', name: 'Ana' })).toEqual({ username: 'ana', name: 'Ana' });
    expect(adaptAgent({ hiddenInfo: true })).toEqual({ username: '', hidden: true });
    expect(adaptAgent(undefined)).toBeUndefined();
  });
});

describe('adaptConfig', () => {
  it('maps a disabled server', () => expect(adaptConfig({ enabled: false })).toMatchObject({ enabled: false, online: false }));

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
    const c = adaptConfig(wire);
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
      openRoom: { id: 'r1', agent: { hidden: true } },
    });
  });
});
