/** The Rocket.Chat implementation of ChatBackend: REST for commands and history, DDP for live events. */
import type { ChatBackend } from '../chat-backend.ts';
import { ChatError } from '../errors.ts';
import { adaptAgent, adaptConfig, adaptMessage, adaptVisitor } from './adapt.ts';
import { createRestClient, type RestClientOptions } from './rest-client.ts';
import { watchRoom, type RealtimeOptions } from './realtime.ts';

export interface RocketChatBackendOptions {
  rest?: RestClientOptions;
  realtime?: RealtimeOptions;
}

export function createRocketChatBackend(serverUrl: string, options: RocketChatBackendOptions = {}): ChatBackend {
  const call = createRestClient(serverUrl, options.rest);

  return {
    async loadConfig({ token, department }) {
      const { config } = await call('GET livechat/config', { query: { token, department } });
      return adaptConfig(config);
    },

    async registerVisitor(token, details) {
      const { visitor } = await call('POST livechat/visitor', { body: { visitor: { token, ...details } } });
      return adaptVisitor(visitor);
    },

    async openRoom(token, opts) {
      const { room } = await call('GET livechat/room', { query: { token, ...(opts?.agentId ? { agentId: opts.agentId } : {}) } });
      const agent = room.servedBy ? await this.agentOf({ token, roomId: room._id }).catch(() => undefined) : undefined;
      return { id: room._id, ...(agent ? { agent } : {}) };
    },

    async sendMessage({ token, roomId, id, text }) {
      try {
        const { message } = await call('POST livechat/message', { body: { token, rid: roomId, msg: text, _id: id } });
        return adaptMessage(message);
      } catch (e) {
        // A resend of a message the server already stored is refused with a bare `{ success: false }`:
        // that is a success for us, so fetch the stored copy.
        if (e instanceof ChatError && e.kind === 'rejected') {
          const stored = await this.getMessage({ token, roomId, id }).catch(() => undefined);
          if (stored) return stored;
        }
        throw e;
      }
    },

    async getMessage({ token, roomId, id }) {
      try {
        const { message } = await call('GET livechat/message/:_id', { params: { _id: id }, query: { token, rid: roomId } });
        return adaptMessage(message);
      } catch (e) {
        if (e instanceof ChatError && e.kind === 'not-found') return undefined;
        throw e;
      }
    },

    async loadHistory({ token, roomId, before, limit }) {
      const { messages } = await call('GET livechat/messages.history/:rid', {
        params: { rid: roomId },
        query: { token, limit, ...(before !== undefined ? { end: new Date(before).toISOString() } : {}) },
      });
      return messages.map(adaptMessage).reverse();
    },

    async agentOf({ token, roomId }) {
      try {
        const { agent } = await call('GET livechat/agent.info/:rid/:token', { params: { rid: roomId, token } });
        return adaptAgent(agent);
      } catch (e) {
        if (e instanceof ChatError && e.kind === 'not-found') return undefined;
        throw e;
      }
    },

    async closeChat({ token, roomId }) {
      await call('POST livechat/room.close', { body: { token, rid: roomId } });
    },

    async requestTranscript({ token, roomId, email }) {
      await call('POST livechat/transcript', { body: { token, rid: roomId, email } });
    },

    async sendOfflineMessage({ name, email, message, department }) {
      await call('POST livechat/offline.message', {
        body: { name, email, message, ...(department ? { department } : {}), host: location.origin },
      });
    },

    async setVisitorStatus(token, status) {
      await call('POST livechat/visitor.status', { body: { token, status } });
    },

    async pageVisited({ token, roomId, title, url, change }) {
      await call('POST livechat/page.visited', {
        body: { token, ...(roomId ? { rid: roomId } : {}), pageInfo: { title, change, location: { href: url } } },
      });
    },

    watchRoom(p, onEvent) {
      return watchRoom(serverUrl, p, onEvent, options.realtime);
    },
  };
}
