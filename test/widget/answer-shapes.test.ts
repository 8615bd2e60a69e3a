/**
 * Every answer the Rocket.Chat adapter reads, fed as 7.x and 8.x send it and then with each optional
 * part missing, null, or of another shape: the adapter must resolve with a usable value (the rest of
 * the answer intact), never throw a TypeError; an answer without the part a call cannot do without is
 * a ChatError the visitor is told about. Routes go through the real backend with a scripted fetch; the
 * upload answer and the DDP payloads through the functions that read them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatBackend, LiveEvent } from '../../src/widget/backend/chat-backend.ts';
import { isChatError } from '../../src/widget/backend/errors.ts';
import { createRocketChatBackend } from '../../src/widget/backend/rocketchat/backend.ts';
import { livechatRoomEvent, watchRoom, type RealtimeOptions } from '../../src/widget/backend/rocketchat/realtime.ts';
import { readUploadAnswer } from '../../src/widget/backend/rocketchat/upload-file.ts';
import { resetShapeWarnings } from '../../src/widget/backend/shape.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { FakeSocket, FakeWebSocket, latest } from './fake-socket.ts';

const S = 'https://chat.test';
const ODD: unknown[] = [undefined, null, 'text', 42, true, {}, [], [null, 'x', 1]];
const ts = '2025-01-15T10:00:00.000Z';

type Json = Record<string, unknown>;

/** A copy of `body` with the value at `path` (dots) replaced, or removed for undefined. */
function withPart(body: Json, path: string, value: unknown): Json {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at: Json = copy;
  for (const k of keys.slice(0, -1)) {
    if (!at[k] || typeof at[k] !== 'object') return copy;
    at = at[k] as Json;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

/** A backend whose server answers each route with what `answers` says (route: "METHOD path-without-/api/v1/"). */
function backendAnswering(answers: (route: string) => { status?: number; body: unknown }, realtime?: RealtimeOptions): ChatBackend {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const path = new URL(req.url).pathname.replace(/^\/api\/v1\//, '');
    const { status = 200, body } = answers(`${req.method} ${path}`);
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  const backend = createRocketChatBackend(S, { storage: createStorage('shapes', null), rest: { fetch, probe: async () => 'ok' }, ...(realtime ? { realtime } : {}) });
  backend.visitorToken!.set('tok');
  return backend;
}

/** Runs `call` against every odd value of every optional path: it must resolve, and `check` the result. */
async function eachOddPart<T>(body: Json, paths: string[], call: (answer: Json) => Promise<T>, check: (result: T, path: string) => void): Promise<void> {
  for (const path of paths) {
    for (const value of ODD) {
      const answer = withPart(body, path, value);
      let result: T;
      try {
        result = await call(answer);
      } catch (e) {
        throw new Error(`${path} = ${JSON.stringify(value)}: ${e instanceof Error ? e.message : String(e)}`);
      }
      check(result, `${path} = ${JSON.stringify(value)}`);
    }
  }
}

const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
afterEach(() => {
  warn.mockClear();
  resetShapeWarnings();
});

// --- message shapes, as REST (7.x, 8.x) and DDP send them ---------------------------------------------

const agentMessage: Json = {
  _id: 'm1', rid: 'r1', msg: 'Hello', ts, _updatedAt: ts, u: { _id: 'a', username: 'ana', name: 'Ana' },
  urls: [{ url: 'https://example.com', meta: {} }], mentions: [], channels: [],
  // 8.x adds the parsed markdown.
  md: [{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: 'Hello' }] }],
};
const fileMessage: Json = {
  _id: 'f1', rid: 'r1', msg: '', ts, _updatedAt: ts, token: 'tok', alias: 'Uma', u: { _id: 'v', username: 'guest-1', name: 'Uma' },
  file: { _id: 'FILE', name: 'dot 1.png', type: 'image/png' },
  // 8.x also lists the thumbnail it made among the files.
  files: [{ _id: 'FILE', name: 'dot 1.png', type: 'image/png' }, { _id: 'THUMB', name: 'thumb-dot 1.png', type: 'image/png' }],
  attachments: [{
    title: 'dot 1.png', type: 'file', description: 'A dot', title_link: '/file-upload/FILE/dot%201.png', title_link_download: true,
    image_url: '/file-upload/THUMB/thumb-dot%201.png', image_type: 'image/png', image_size: 70, image_dimensions: { width: 1, height: 1 },
  }],
  fileUpload: { publicFilePath: `${S}/file-upload/FILE/dot%201.png`, type: 'image/png', size: 70 },
};
const MESSAGE_PARTS = ['u', 'u.name', 'u.username', 'alias', 'token', 't', 'editedAt', '_hidden', 'urls', 'md', 'attachments', 'file', 'files', 'fileUpload', 'transcriptRequested'];

describe('messages (livechat/message, messages.history, message/:_id, the stream)', () => {
  it('reads a file message as 8.x sends it: the file, its size and type, and the thumbnail as preview', async () => {
    const backend = backendAnswering(() => ({ body: { messages: [fileMessage, agentMessage], success: true } }));
    const { messages } = await backend.loadHistory({ conversation: 'r1', limit: 20 });
    expect(messages.map((m) => m.id)).toEqual(['m1', 'f1']);
    expect(messages[1]).toMatchObject({
      from: 'visitor',
      attachments: [{ id: '/file-upload/FILE/dot%201.png', name: 'dot 1.png', type: 'image/png', size: 70, description: 'A dot', image: { width: 1, height: 1, preview: '/file-upload/THUMB/thumb-dot%201.png' } }],
    });
  });

  it('keeps working with every optional part of a message missing, null or odd', async () => {
    for (const original of [agentMessage, fileMessage]) {
      await eachOddPart(
        original,
        MESSAGE_PARTS,
        async (m) => (await backendAnswering(() => ({ body: { message: m, success: true } })).sendMessage({ conversation: 'r1', id: 'm1', text: 'x' })),
        (m, path) => {
          expect(m.id, path).toBe(original._id);
          expect(typeof m.text, path).toBe('string');
          expect(Number.isFinite(m.at), path).toBe(true);
          expect(['visitor', 'agent', 'system'], path).toContain(m.from);
          for (const a of m.attachments ?? []) expect(a.id.startsWith('/file-upload/'), path).toBe(true);
        },
      );
    }
  });

  it('drops history items that are not messages and keeps the rest', async () => {
    const backend = backendAnswering(() => ({ body: { messages: [agentMessage, null, 'x', { msg: 'no id' }, { ...agentMessage, _id: 'm2' }] } }));
    const { messages } = await backend.loadHistory({ conversation: 'r1', limit: 20 });
    expect(messages.map((m) => m.id)).toEqual(['m2', 'm1']);
    for (const odd of ODD) await expect(backendAnswering(() => ({ body: { messages: odd } })).loadHistory({ conversation: 'r1', limit: 5 })).resolves.toMatchObject({ messages: [] });
  });

  it('fails a send whose answer has no message as a server error, not a crash', async () => {
    for (const odd of ODD) {
      const e = await backendAnswering(() => ({ body: { message: odd } })).sendMessage({ conversation: 'r1', id: 'm1', text: 'x' }).catch((x: unknown) => x);
      expect(isChatError(e) && e.kind).toBe('server');
    }
  });

  it('never lets a link of a message point anywhere but its own server', async () => {
    const hostile = ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'https://evil.test/file-upload/x/y.png', '//evil.test/x', 'file:///etc/passwd'];
    for (const link of hostile) {
      const m = { ...fileMessage, file: undefined, attachments: [{ ...(fileMessage.attachments as Json[])[0], title_link: link, image_url: link }] };
      const [read] = (await backendAnswering(() => ({ body: { messages: [m] } })).loadHistory({ conversation: 'r1', limit: 5 })).messages;
      expect(read!.attachments, link).toBeUndefined();
    }
    const backend = backendAnswering(() => ({ body: {} }));
    await expect(backend.attachmentUrl({ conversation: 'r1', id: 'javascript:alert(1)' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(backend.attachmentUrl({ conversation: 'r1', id: '/file-upload/FILE/dot%201.png' })).resolves.toBe(`${S}/file-upload/FILE/dot%201.png?rc_room_type=l&rc_rid=r1&rc_token=tok`);
  });
});

// --- visitor, room and agent ---------------------------------------------------------------------------

describe('livechat/visitor (identify)', () => {
  const visitor: Json = { _id: 'v', username: 'guest-1', token: 'tok', ts, _updatedAt: ts, name: 'Uma', visitorEmails: [{ address: 'uma@example.com' }], phone: [{ phoneNumber: '1' }], department: 'd1', livechatData: {}, status: 'online' };

  it('keeps working with every optional part missing, null or odd', async () => {
    await eachOddPart(visitor, ['name', 'visitorEmails', 'phone', 'department', 'livechatData', 'status', 'lastChat'], (v) => backendAnswering(() => ({ body: { visitor: v } })).identify({}), (v, path) => {
      expect(typeof v, path).toBe('object');
      for (const k of ['name', 'email', 'department'] as const) if (v[k] !== undefined) expect(typeof v[k], path).toBe('string');
    });
    expect(await backendAnswering(() => ({ body: { visitor } })).identify({})).toEqual({ name: 'Uma', email: 'uma@example.com', department: 'd1' });
  });

  it('fails without the visitor or its token as a server error', async () => {
    for (const body of [{}, { visitor: null }, { visitor: { ...visitor, token: 5 } }, 'x']) {
      const e = await backendAnswering(() => ({ body })).identify({}).catch((x: unknown) => x);
      expect(isChatError(e) && e.kind).toBe('server');
    }
  });
});

describe('livechat/room and agent.info (startChat)', () => {
  const room: Json = { _id: 'r1', t: 'l', ts, _updatedAt: ts, msgs: 0, usersCount: 1, v: { _id: 'v', username: 'guest-1', token: 'tok' }, departmentId: 'd1', servedBy: { _id: 'a', username: 'ana', ts }, open: true, queuedAt: ts, priorityWeight: 99999, estimatedWaitingTimeQueue: 9999999, livechatData: {} };
  const agent: Json = { _id: 'a', username: 'ana', name: 'Ana', status: 'online', emails: [{ address: 'ana@example.com', verified: true }], phone: [] };
  const answering = (r: Json, a: Json = agent) => backendAnswering((route) => ({ body: route.startsWith('GET livechat/agent.info') ? { agent: a } : { room: r, newRoom: true } }), { WebSocket: FakeWebSocket });
  /** startChat, then the agent as the room's watch tells it (agent.info is read beside the first message). */
  const started = async (backend: ChatBackend) => {
    const conversation = await backend.startChat({ details: {} });
    const told = await new Promise<LiveEvent | undefined>((resolve) => {
      const w = backend.watch({ conversation: conversation.id }, (e) => e.type === 'agent' && (w.close(), resolve(e)));
      // No agent to tell: this fake server answers within microtasks, so once a later read has answered and
      // the task after it runs, agent.info has answered too.
      void backend.loadHistory({ conversation: conversation.id, limit: 1 }).catch(() => undefined).then(() => setTimeout(() => resolve(undefined)));
    });
    return { conversation, agent: told?.type === 'agent' ? told.agent : undefined };
  };

  it('reads the room, and its agent with a picture', async () => {
    expect(await started(answering(room))).toEqual({ conversation: { id: 'r1', department: 'd1' }, agent: { username: 'ana', name: 'Ana', avatarUrl: `${S}/avatar/ana` } });
    expect((await started(answering(room, { hiddenInfo: true }))).agent).toEqual({ username: '', hidden: true });
  });

  it('keeps working with every optional part of the room or the agent missing, null or odd', async () => {
    await eachOddPart(room, ['servedBy', 'departmentId', 'v', 'open', 'queuedAt', 'priorityWeight', 'estimatedWaitingTimeQueue', 'livechatData', 'metrics'], (r) => started(answering(r)), (c, path) => {
      expect(c.conversation.id, path).toBe('r1');
    });
    await eachOddPart(agent, ['name', 'status', 'emails', 'phone', 'hiddenInfo', 'username'], (a) => started(answering(room, a)), (c, path) => {
      expect(c.conversation.id, path).toBe('r1');
      if (c.agent && !c.agent.hidden) expect(c.agent.avatarUrl, path).toMatch(/^https:\/\/chat\.test\/avatar\/./);
    });
  });

  it('fails without a room id as a server error', async () => {
    for (const r of [null, 'x', {}, { _id: 5 }]) {
      const e = await backendAnswering(() => ({ body: { room: r } })).startChat({ details: {} }).catch((x: unknown) => x);
      expect(isChatError(e) && e.kind).toBe('server');
    }
  });
});

// --- livechat/config: the parts added for issue 11 -----------------------------------------------------

describe('livechat/config: sound, triggers, survey, queue, uploads, departments', () => {
  const config: Json = {
    enabled: true,
    online: true,
    settings: { fileUpload: true, allowSwitchingDepartments: true },
    theme: { title: 'Help' },
    messages: {},
    departments: [{ _id: 'd1', name: 'Sales', showOnRegistration: true }, { _id: 'd2', name: 'Support', showOnRegistration: true }],
    survey: { items: ['satisfaction', 'agentKnowledge'], values: ['1', '2', '3', '4', '5'] },
    triggers: [
      { _id: 't1', runOnce: true, conditions: [{ name: 'time-on-site', value: '5' }], actions: [{ name: 'send-message', params: { sender: 'custom', msg: 'Need help?', name: 'Bot' } }] },
      { _id: 't2', runOnce: false, conditions: [{ name: 'page-url', value: 'pricing' }], actions: [{ name: 'send-message', params: { sender: 'queue', msg: 'Questions about prices?' } }] },
      { _id: 't3', runOnce: false, conditions: [{ name: 'chat-opened-by-visitor' }], actions: [{ name: 'use-external-service', params: { serviceUrl: 'https://x' } }] },
    ],
    resources: { sound: `${S}/sounds/chime.mp3`, emojis: [] },
    guest: { _id: 'v', username: 'guest-1', token: 'tok' },
    room: { _id: 'r1', departmentId: 'd1', open: true },
    queueInfo: { spot: 2, message: { text: 'Please wait', user: { _id: 'rocket.cat', username: 'rocket.cat' } }, estimatedWaitTimeSeconds: 130.4 },
  };
  const load = (c: Json) => backendAnswering(() => ({ body: { config: c, success: true } })).loadConfig({});

  it('reads them as Enterprise 7.x/8.x send them', async () => {
    const c = await load(config);
    expect(c.sound).toBe(`${S}/sounds/chime.mp3`);
    expect(c.features).toMatchObject({ uploads: true, changeDepartment: true, survey: true, removeVisitor: true, attachments: true });
    expect(c.survey).toEqual({ questions: ['satisfaction', 'agentKnowledge'], values: ['1', '2', '3', '4', '5'] });
    expect(c.features.triggers).toBe(true);
    const b = backendAnswering(() => ({ body: { config, success: true } }));
    await b.loadConfig({});
    expect(await b.triggers()).toEqual([
      { id: 't1', runOnce: true, when: { kind: 'time-on-site', seconds: 5 }, say: { text: 'Need help?', from: 'custom', name: 'Bot' } },
      { id: 't2', runOnce: false, when: { kind: 'page-url', pattern: 'pricing' }, say: { text: 'Questions about prices?', from: 'queue' } },
    ]);
    expect(c.openConversation).toEqual({ id: 'r1', department: 'd1', queue: { position: 2, waitSeconds: 130, message: 'Please wait' } });
  });

  it('reads a Community server (no queueInfo), a queue without estimate, and null queueInfo', async () => {
    const { queueInfo: _, ...community } = config;
    expect((await load(community)).openConversation).toEqual({ id: 'r1', department: 'd1' });
    expect((await load({ ...config, queueInfo: null })).openConversation?.queue).toBeUndefined();
    expect((await load({ ...config, queueInfo: { spot: 1, message: 'Wait' } })).openConversation?.queue).toEqual({ position: 1, message: 'Wait' });
  });

  it('keeps working with every new part missing, null or odd', async () => {
    const parts = ['resources', 'resources.sound', 'triggers', 'survey', 'survey.items', 'survey.values', 'queueInfo', 'queueInfo.spot', 'queueInfo.message', 'queueInfo.estimatedWaitTimeSeconds', 'settings.fileUpload', 'settings.allowSwitchingDepartments', 'room.departmentId'];
    await eachOddPart(config, parts, load, (c, path) => {
      expect(c.enabled, path).toBe(true);
      expect(c.theme.title, path).toBe('Help');
      expect(typeof c.features.triggers, path).toBe('boolean');
      if (c.sound !== undefined) expect(c.sound, path).toMatch(/^https?:\/\//);
      if (c.survey) expect(c.survey.questions.length * c.survey.values.length, path).toBeGreaterThan(0);
      if (c.openConversation?.queue) expect(c.openConversation.queue.position, path).toBeGreaterThanOrEqual(1);
    });
  });

  it('keeps working with triggers of any shape, dropping what it cannot run', async () => {
    for (const odd of ODD) {
      const b = backendAnswering(() => ({ body: { config: { ...config, triggers: odd } } }));
      await b.loadConfig({});
      expect(await b.triggers()).toEqual([]);
    }
    const parts = ['_id', 'runOnce', 'conditions', 'conditions.0', 'conditions.0.value', 'actions', 'actions.0', 'actions.0.params', 'actions.0.params.sender', 'actions.0.params.name', 'actions.0.params.msg'];
    const t1 = (config.triggers as Json[])[0]!;
    await eachOddPart(t1, parts, async (t) => {
      const b = backendAnswering(() => ({ body: { config: { ...config, triggers: [t] } } }));
      await b.loadConfig({});
      return b.triggers();
    }, (list, path) => {
      for (const t of list) {
        if (!path.startsWith('actions.0.params.msg')) expect(t.say.text, path).toBe('Need help?');
        expect(typeof t.runOnce, path).toBe('boolean');
      }
    });
  });

  it('refuses a sound that is not an http(s) address and triggers it cannot run', async () => {
    const c0 = {
      ...config,
      resources: { sound: 'javascript:alert(1)' },
      triggers: [null, { _id: 'x' }, { _id: 'y', conditions: [{ name: 'page-url' }], actions: [{ name: 'send-message', params: { msg: 'x' } }] }, { _id: 'z', conditions: [{ name: 'time-on-site', value: 'soon' }], actions: [{ name: 'send-message', params: { msg: 'x' } }] }],
    };
    const b = backendAnswering(() => ({ body: { config: c0 } }));
    expect((await b.loadConfig({})).sound).toBeUndefined();
    expect(await b.triggers()).toEqual([]);
  });
});

// --- routes whose answer the adapter ignores, and the extras ------------------------------------------

describe('answers read for success only', () => {
  const calls: [string, (b: ChatBackend) => Promise<unknown>][] = [
    ['room.close', (b) => b.closeChat({ conversation: 'r1' })],
    ['transcript', (b) => b.requestTranscript({ conversation: 'r1', email: 'a@example.com' })],
    ['offline.message', (b) => b.sendOfflineMessage({ name: 'A', email: 'a@example.com', message: 'hi' })],
    ['visitor.status', (b) => b.setVisitorStatus('away')],
    ['page.visited', (b) => b.pageVisited({ title: 'T', url: 'https://site.test/', change: 'url' })],
    ['transfer (8.x {success}, 7.x {room})', (b) => b.transferChat({ conversation: 'r1', department: 'd2' })],
    ['room.survey', (b) => b.sendSurvey({ conversation: 'r1', answers: { satisfaction: '5' }, comment: 'Great' })],
    ['DELETE visitor/:token', (b) => b.removeVisitor()],
  ];
  for (const [name, call] of calls) {
    it(`${name}: any successful body will do`, async () => {
      for (const body of [...ODD, { success: true }, { room: { _id: 'r1' }, success: true }, { rid: 'r1', data: { satisfaction: '5' } }, { visitor: { _id: 'v', ts } }]) {
        await expect(call(backendAnswering(() => ({ body }))), JSON.stringify(body)).resolves.toBeUndefined();
      }
    });
  }

  it('transfers through 7.x livechat/room.transfer when the server has no 8.x route, and remembers it', async () => {
    const seen: string[] = [];
    const b = backendAnswering((route) => {
      seen.push(route);
      return route === 'POST livechat/room.transfer' ? { body: { room: { _id: 'r1' }, success: true } } : { status: 405, body: undefined };
    });
    await b.transferChat({ conversation: 'r1', department: 'd2' });
    await b.transferChat({ conversation: 'r1', department: 'd1' });
    expect(seen).toEqual(['POST livechat/visitor/department.transfer', 'POST livechat/room.transfer', 'POST livechat/room.transfer']);
  });

  it('erasing a visitor the server does not know counts as done; other refusals do not', async () => {
    await expect(backendAnswering(() => ({ status: 400, body: { success: false, error: 'invalid-token' } })).removeVisitor()).resolves.toBeUndefined();
    await expect(backendAnswering(() => ({ status: 400, body: { success: false, error: 'Cannot remove visitors with opened rooms [visitor-has-open-rooms]' } })).removeVisitor()).rejects.toMatchObject({ details: { code: 'visitor-has-open-rooms' } });
  });

  it('agent.next: the agent, or none (a bare success for a visitor with a room, agent-not-found), on any shape', async () => {
    const next = (body: unknown, status = 200) => backendAnswering(() => ({ status, body })).nextAgent({});
    expect(await next({ agent: { _id: 'a', username: 'ana', name: 'Ana' } })).toEqual({ username: 'ana', name: 'Ana', avatarUrl: `${S}/avatar/ana` });
    expect(await next({ success: true })).toBeUndefined();
    expect(await next({ success: false, error: 'agent-not-found' }, 400)).toBeUndefined();
    for (const odd of ODD) expect(await next({ agent: odd })).toBeUndefined();
  });

  it('settings.public: the upload limits, Rocket.Chat defaults for whatever it does not say', async () => {
    const rules = (body: unknown, status = 200) => backendAnswering(() => ({ status, body })).uploadRules();
    expect(await rules({ settings: [{ _id: 'FileUpload_MaxFileSize', value: 1024 }, { _id: 'FileUpload_MediaTypeWhiteList', value: 'image/*, application/pdf' }, { _id: 'FileUpload_MediaTypeBlackList', value: '' }] })).toEqual({ maxBytes: 1024, accept: ['image/*', 'application/pdf'], refuse: [] });
    expect(await rules({ settings: [{ _id: 'FileUpload_MaxFileSize', value: -1 }] })).toEqual({ accept: [], refuse: ['image/svg+xml'] });
    expect(await rules({ settings: [{ _id: 'FileUpload_MaxFileSize', value: 0 }] })).toMatchObject({ maxBytes: 104_857_600 });
    for (const odd of [...ODD, { settings: [null, { _id: 3 }, { _id: 'FileUpload_MediaTypeWhiteList', value: 7 }] }]) expect(await rules(odd)).toEqual({ maxBytes: 104_857_600, accept: [], refuse: ['image/svg+xml'] });
    expect(await rules({ success: false, error: 'not found' }, 404)).toEqual({ maxBytes: 104_857_600, accept: [], refuse: ['image/svg+xml'] });
  });
});

describe('livechat/upload answer', () => {
  it('is the message itself (or wrapped as { message }), with every optional part of it missing, null or odd', async () => {
    expect(readUploadAnswer(200, JSON.stringify({ ...fileMessage, success: true }), S)).toMatchObject({ id: 'f1', attachments: [{ name: 'dot 1.png' }] });
    expect(readUploadAnswer(200, JSON.stringify({ message: fileMessage, success: true }), S)).toMatchObject({ id: 'f1' });
    await eachOddPart(fileMessage, MESSAGE_PARTS, async (m) => readUploadAnswer(200, JSON.stringify(m), S), (m, path) => expect(m?.id, path).toBe('f1'));
    for (const text of ['', 'not json', 'null', '[]', '"x"']) expect(readUploadAnswer(200, text, S)).toBeUndefined();
  });

  it("turns Rocket.Chat's refusals into errors the widget can word", () => {
    const kind = (status: number, body: unknown) => {
      try {
        readUploadAnswer(status, JSON.stringify(body), S);
      } catch (e) {
        return isChatError(e) ? e.kind : 'thrown';
      }
      return 'resolved';
    };
    expect(kind(400, { success: false, error: '[error-file-too-large]', errorType: 'error-file-too-large' })).toBe('file-too-large');
    expect(kind(400, { reason: 'error-type-not-allowed', success: false })).toBe('file-type');
    expect(kind(400, { reason: 'error-file-upload-disabled', success: false })).toBe('disabled');
    expect(kind(403, { success: false, error: 'unauthorized' })).toBe('unauthorized');
    expect(kind(413, undefined)).toBe('too-long');
    expect(kind(502, undefined)).toBe('server');
  });
});

// --- DDP stream payloads ---------------------------------------------------------------------------------

describe('stream payloads', () => {
  beforeEach(() => {
    FakeSocket.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('stream-livechat-room: agentData, queueData and agentStatus with any part odd', () => {
    expect(livechatRoomEvent({ type: 'agentData', data: { _id: 'a', username: 'ana' } }, S)).toEqual({ type: 'agent', agent: { username: 'ana', avatarUrl: `${S}/avatar/ana` } });
    // Back in the queue (Manual_Selection transfer): no data.
    expect(livechatRoomEvent({ type: 'agentData' }, S)).toEqual({ type: 'agent', agent: undefined });
    expect(livechatRoomEvent({ type: 'queueData', data: { spot: 3, estimatedWaitTimeSeconds: 61 } }, S)).toEqual({ type: 'queue', place: { position: 3, waitSeconds: 61 } });
    for (const odd of ODD) {
      expect(() => livechatRoomEvent(odd, S)).not.toThrow();
      expect(() => livechatRoomEvent({ type: 'agentData', data: odd }, S)).not.toThrow();
      expect(livechatRoomEvent({ type: 'queueData', data: odd }, S)).toBeUndefined();
      if (typeof odd !== 'number') expect(livechatRoomEvent({ type: 'queueData', data: { spot: odd } }, S)).toBeUndefined();
      expect(livechatRoomEvent({ type: 'queueData', data: { spot: 1, message: odd, estimatedWaitTimeSeconds: odd } }, S)).toMatchObject({ type: 'queue', place: { position: 1 } });
      if (typeof odd !== 'string') expect(livechatRoomEvent({ type: 'agentStatus', status: odd }, S)).toBeUndefined();
    }
  });

  it('messages, typing and deletions with odd payloads are dropped, good ones delivered', () => {
    const events: LiveEvent[] = [];
    const w = watchRoom(S, { token: 'tok', roomId: 'R1', username: 'guest-1' }, (e) => events.push(e), { WebSocket: FakeWebSocket, baseDelayMs: 100, random: () => 0.5 });
    latest().accept();
    const push = (collection: string, eventName: string, args: unknown[]) => latest().receive({ msg: 'changed', collection, id: 'id', fields: { eventName, args } });
    for (const odd of ODD) {
      push('stream-room-messages', 'R1', [odd]);
      push('stream-notify-room', 'R1/deleteMessage', [odd]);
      if (typeof odd !== 'string') push('stream-notify-room', 'R1/deleteMessage', [{ _id: odd }]);
      push('stream-livechat-room', 'R1', [odd]);
    }
    push('stream-room-messages', 'R1', [{ ...agentMessage, ts: { $date: 10 }, _updatedAt: { $date: 10 } }]);
    push('stream-notify-room', 'R1/deleteMessage', [{ _id: 'm1' }]);
    expect(events.filter((e) => e.type !== 'connection' && e.type !== 'resync')).toEqual([
      { type: 'message', message: expect.objectContaining({ id: 'm1', at: 10 }) },
      { type: 'deleted', id: 'm1' },
    ]);
    w.close();
  });
});
