/**
 * The Rocket.Chat implementation of ChatBackend: REST for commands and history, DDP for live events.
 * The visitor's token (every Livechat call's credential) and username are kept here, in the storage
 * the adapter is given; the conversation is the room id the caller passes. Answers are read as
 * `unknown` and narrowed (adapt.ts); what a visitor does now and then loads on first use (visitor-extras.ts).
 */
import { randomId } from '../../../shared/random-id.ts';
import type { Agent, ChatBackend, ChatMessage, HistoryPage, KeyValueStore, Visitor } from '../chat-backend.ts';
import { ChatError } from '../errors.ts';
import { isObject } from '../shape.ts';
import { adaptAgent, adaptMessage, adaptMessages, adaptVisitor, unexpected, type RcVisitor } from './adapt.ts';
import { adaptConfig } from './adapt-config.ts';
import { createRestClient, type RestClientOptions } from './rest-client.ts';
import { watchRoom, type RealtimeOptions } from './realtime.ts';
import type { ExtrasContext } from './visitor-extras.ts';

export interface RocketChatBackendOptions {
  /** Where the visitor's token survives reloads (the panel's storage: in memory where the browser keeps none). */
  storage: KeyValueStore;
  rest?: RestClientOptions;
  realtime?: RealtimeOptions;
}

/** Storage keys of the visitor's credentials (`token` is also read by the loader, before the panel loads). */
const TOKEN = 'token';
const USERNAME = 'username';

/**
 * The cursor of the page before one: Rocket.Chat's `end` is exclusive (`ts < end`) and two messages can
 * share a millisecond, so the next page asks for `ts < oldest + 1 ms` (the store drops the ids it
 * already has). When the whole page sat on the boundary millisecond, that would read it again forever:
 * then step strictly past it.
 */
export function earlierCursor(page: readonly ChatMessage[], end: number | undefined, limit: number): string | undefined {
  if (page.length < limit) return undefined;
  const oldest = page.reduce((min, m) => Math.min(min, m.at), Infinity);
  return String(end !== undefined && oldest === end - 1 ? oldest : oldest + 1);
}

const toVisitor = ({ token: _t, username: _u, ...visitor }: RcVisitor): Visitor => visitor;

export function createRocketChatBackend(serverUrl: string, options: RocketChatBackendOptions): ChatBackend {
  const call = createRestClient(serverUrl, options.rest);
  const { storage } = options;
  // After `forget('device')` the credentials live on in memory only; otherwise storage is the truth, so
  // another tab's change (a new visitor, a logout) is seen at once.
  let memory: { token?: string; username?: string } | undefined;
  const token = () => (memory ? memory.token : storage.get<string>(TOKEN));
  const username = () => (memory ? memory.username : storage.get<string>(USERNAME)) ?? '';
  const keep = (v: RcVisitor) => {
    if (memory) memory = { token: v.token, username: v.username };
    else storage.set(USERNAME, v.username);
  };
  const setToken = (t: string) => {
    memory = undefined;
    storage.set(TOKEN, t);
    storage.remove(USERNAME);
  };
  const ensureToken = () => {
    let t = token();
    if (!t) setToken((t = randomId()));
    return t;
  };

  /** One part of an answer read as `unknown`: the rest of the widget never trusts the server's shapes. */
  const part = async (answer: Promise<unknown>, key: string): Promise<unknown> => {
    const body = await answer;
    return isObject(body) ? body[key] : undefined;
  };

  const agentOf = async (rid: string, t: string) => {
    try {
      return adaptAgent(await part(call('GET livechat/agent.info/:rid/:token', { params: { rid, token: t } }), 'agent'), serverUrl);
    } catch (e) {
      if (e instanceof ChatError && e.kind === 'not-found') return undefined;
      throw e;
    }
  };

  const getMessage = async (rid: string, id: string): Promise<ChatMessage | undefined> => {
    try {
      return adaptMessage(await part(call('GET livechat/message/:_id', { params: { _id: id }, query: { token: token() ?? '', rid } }), 'message'), serverUrl, 'livechat/message');
    } catch (e) {
      if (e instanceof ChatError && e.kind === 'not-found') return undefined;
      throw e;
    }
  };

  const extrasContext: ExtrasContext = {
    serverUrl,
    call,
    token: () => token() ?? '',
    forgetVisitor: () => {
      memory = undefined;
      storage.remove(TOKEN);
      storage.remove(USERNAME);
    },
  };
  // A chunk that does not come is the network's doing, and is said so (with the way to try again).
  const chunk = <T>(load: Promise<T>) =>
    load.catch((e: unknown) => {
      throw new ChatError('network', String(e));
    });
  const extras = () => chunk(import('./visitor-extras.ts'));
  const ending = () => chunk(import('./ending.ts'));
  /** The agent of a room just started, on its way (`startChat`), for the room's watch to tell. */
  const agentLater = new Map<string, Promise<Agent | undefined>>();
  /** `config.triggers` as the server sent them, read only when they are to run. */
  let rawTriggers: unknown;

  return {
    async loadConfig({ department }) {
      const asked = token();
      // Whether we were registered when we asked: a registration that lands while the config is on its way
      // (its answer predates it) is not a server that forgot us.
      const registered = !!username();
      const config = await part(call('GET livechat/config', { query: { token: asked, department } }), 'config');
      rawTriggers = isObject(config) ? config.triggers : undefined;
      const { visitor, ...rest } = adaptConfig(config, serverUrl);
      if (visitor && visitor.token === token()) keep(visitor);
      // A username is kept only once the server registered us: now it answers as if it never had.
      const lost = !!asked && asked === token() && registered && !visitor;
      return { ...rest, ...(visitor ? { visitor: toVisitor(visitor) } : {}), ...(lost ? { sessionLost: true } : {}) };
    },

    async identify(details) {
      const route = 'livechat/visitor';
      const v = adaptVisitor(await part(call('POST livechat/visitor', { body: { visitor: { token: ensureToken(), ...details } } }), 'visitor'), route);
      if (!v) throw unexpected(route);
      keep(v);
      return toVisitor(v);
    },

    async startChat({ agentId }) {
      const t = ensureToken();
      const room = await part(call('GET livechat/room', { query: { token: t, ...(agentId ? { agentId } : {}) } }), 'room');
      if (!isObject(room) || typeof room._id !== 'string' || !room._id) throw unexpected('livechat/room');
      // The agent's name and picture take one more round trip: asked now, told through the room's watch,
      // so the visitor's first message does not wait for it.
      if (isObject(room.servedBy)) agentLater.set(room._id, agentOf(room._id, t).catch(() => undefined));
      const department = typeof room.departmentId === 'string' && room.departmentId ? room.departmentId : undefined;
      return { id: room._id, ...(department ? { department } : {}) };
    },

    async sendMessage({ conversation: rid, id, text }) {
      try {
        const route = 'livechat/message';
        const m = adaptMessage(await part(call('POST livechat/message', { body: { token: token() ?? '', rid, msg: text, _id: id } }), 'message'), serverUrl, route);
        if (!m) throw unexpected(route);
        return m;
      } catch (e) {
        // A resend of a message the server already stored is refused with a bare `{ success: false }`:
        // that is a success for us, so fetch the stored copy.
        if (e instanceof ChatError && e.kind === 'rejected') {
          const stored = await getMessage(rid, id).catch(() => undefined);
          if (stored) return stored;
        }
        throw e;
      }
    },

    async loadHistory({ conversation: rid, cursor, limit }): Promise<HistoryPage> {
      const end = cursor === undefined ? undefined : Number(cursor);
      const messages = await part(
        call('GET livechat/messages.history/:rid', {
          params: { rid },
          query: { token: token() ?? '', limit, ...(end !== undefined ? { end: new Date(end).toISOString() } : {}) },
        }),
        'messages',
      );
      const page = adaptMessages(messages, serverUrl, 'livechat/messages.history').reverse();
      const earlier = earlierCursor(page, end, limit);
      return { messages: page, ...(earlier ? { earlier } : {}) };
    },

    async setVisitorStatus(status) {
      await call('POST livechat/visitor.status', { body: { token: token() ?? '', status } });
    },

    async pageVisited({ conversation: rid, title, url, change }) {
      await call('POST livechat/page.visited', {
        body: { token: token() ?? '', ...(rid ? { rid } : {}), pageInfo: { title, change, location: { href: url } } },
      });
    },

    prefetchEnding: () => void ending().catch(() => undefined),
    closeChat: async (p) => (await ending()).closeChat(extrasContext, p),
    requestTranscript: async (p) => (await ending()).requestTranscript(extrasContext, p),
    sendOfflineMessage: async (m) => (await ending()).sendOfflineMessage(extrasContext, m),
    attachmentUrl: async (p) => (await extras()).attachmentUrl(extrasContext, p),
    uploadRules: async () => (await import('./upload-rules.ts')).uploadRules(extrasContext),
    uploadFile: async (p) => (await import('./upload-file.ts')).uploadFile(extrasContext, p),
    transferChat: async (p) => (await extras()).transferChat(extrasContext, p),
    sendSurvey: async (p) => (await extras()).sendSurvey(extrasContext, p),
    removeVisitor: async () => (await extras()).removeVisitor(extrasContext),
    nextAgent: async (p) => (await extras()).nextAgent(extrasContext, p),
    triggers: async () => (await extras()).adaptTriggers(rawTriggers),

    watch({ conversation: rid }, onEvent) {
      const agent = agentLater.get(rid);
      agentLater.delete(rid);
      // What the room's stream says about its agent (or a closed watch) outdates the answer asked at the start.
      let told = false;
      const live = watchRoom(serverUrl, { token: token() ?? '', roomId: rid, username: username() }, (e) => {
        told ||= e.type === 'agent';
        onEvent(e);
      }, options.realtime);
      void agent?.then((a) => a && !told && onEvent({ type: 'agent', agent: a }));
      return {
        ...live,
        close: () => {
          told = true;
          live.close();
        },
      };
    },

    forget(scope) {
      if (scope === 'conversation') return;
      memory = scope === 'device' ? { token: token(), username: username() } : undefined;
      storage.remove(TOKEN);
      storage.remove(USERNAME);
    },

    // Rocket.Chat draws one for every user (their picture, or their initial on a colour).
    avatarUrl: (username) => `${serverUrl}/avatar/${encodeURIComponent(username)}`,

    visitorToken: {
      get: () => token() || undefined,
      set: setToken,
    },
  };
}
