/**
 * One conversation's live feed: the streams a Livechat visitor subscribes to (contract §9.2: messages,
 * typing, deletions, agent and queue events), `livechat:setUpConnection` on every connection as
 * Rocket.Chat's widget did (the server marks the visitor offline when the socket closes), typing in
 * both directions with Rocket.Chat's cadence, and the safety nets — a `resync` after every reconnect and
 * whenever the tab becomes visible or the browser comes online, and history polling while WebSockets
 * cannot connect at all. Event payloads are read part by part: an odd one is dropped, never thrown.
 */
import { STREAM_LIVECHAT_ROOM, STREAM_NOTIFY_ROOM, STREAM_ROOM_MESSAGES } from '../../../shared/rocketchat/ddp.ts';
import type { ConnectionState, LiveEvent, LiveWatch } from '../chat-backend.ts';
import { isObject } from '../shape.ts';
import { adaptAgent, adaptMessage, adaptQueue } from './adapt.ts';
import { DdpClient, type DdpClientOptions } from '../../../shared/rocketchat/ddp-client.ts';

export interface RealtimeOptions extends Omit<DdpClientOptions, 'url'> {
  /** Failed attempts without ever connecting before history polling starts. */
  pollAfterFailures?: number;
  pollIntervalMs?: number;
  /** Typing: repeat "typing" at most this often while keys keep coming… */
  typingRepeatMs?: number;
  /** …and send "stopped" this long after the last key. */
  typingIdleMs?: number;
}

export function websocketUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/websocket`;
}

/** A `stream-livechat-room` event as a domain event (agentData without data: back in the queue). */
export function livechatRoomEvent(ev: unknown, serverUrl: string): LiveEvent | undefined {
  if (!isObject(ev)) return undefined;
  const route = `stream-livechat-room ${String(ev.type)}`;
  if (ev.type === 'agentData') return { type: 'agent', agent: adaptAgent(ev.data, serverUrl, route) };
  if (ev.type === 'agentStatus' && typeof ev.status === 'string') return { type: 'agent-status', status: ev.status };
  const place = ev.type === 'queueData' ? adaptQueue(ev.data, route) : undefined;
  return place && { type: 'queue', place };
}

export function watchRoom(
  serverUrl: string,
  p: { token: string; roomId: string; username: string },
  onEvent: (e: LiveEvent) => void,
  options: RealtimeOptions = {},
): LiveWatch {
  const client = new DdpClient({ ...options, url: websocketUrl(serverUrl) });
  const auth = { useCollection: false, args: [{ token: p.token, visitorToken: p.token }] };
  const pollAfterFailures = options.pollAfterFailures ?? 3;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const typingRepeatMs = options.typingRepeatMs ?? 4_500;
  const typingIdleMs = options.typingIdleMs ?? 5_000;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let wasConnected = false;
  let lastState: ConnectionState | undefined;

  const emitConnection = (state: ConnectionState, retryInMs?: number) => {
    if (state === lastState && retryInMs === undefined) return;
    lastState = state;
    onEvent({ type: 'connection', state, ...(retryInMs !== undefined ? { retryInMs } : {}) });
  };

  const startPolling = () => {
    if (pollTimer) return;
    pollTimer = setInterval(() => onEvent({ type: 'resync' }), pollIntervalMs);
  };
  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = undefined;
  };

  client.onState((state, info) => {
    if (state === 'connected') {
      stopPolling();
      // Not every server has the method (the current widget no longer calls it): an error is harmless.
      client.call('livechat:setUpConnection', [{ token: p.token }]).catch(() => undefined);
      emitConnection('online');
      // Anything sent before the subscriptions were live (or while we were away, or between two polls)
      // arrives only through history: ask the state layer to fill the gap on every (re)connect.
      onEvent({ type: 'resync' });
      wasConnected = true;
      return;
    }
    if (state === 'waiting') {
      const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
      if (browserOffline) return emitConnection('offline', info.retryInMs);
      if (!info.everConnected && info.attempt >= pollAfterFailures) {
        startPolling();
        return emitConnection('polling', info.retryInMs);
      }
      return emitConnection(info.everConnected ? 'reconnecting' : 'connecting', info.retryInMs);
    }
    if (!wasConnected && !pollTimer) emitConnection('connecting');
  });

  client.subscribe(STREAM_ROOM_MESSAGES, [p.roomId, auth], (_e, args) => {
    const message = adaptMessage(args[0], serverUrl, 'stream-room-messages');
    if (message) onEvent({ type: 'message', message });
  });
  client.subscribe(STREAM_NOTIFY_ROOM, [`${p.roomId}/user-activity`, auth], (_e, args) => {
    const [username, activities] = args as [unknown, unknown];
    if (typeof username !== 'string' || username === p.username) return;
    onEvent({ type: 'typing', name: username, typing: Array.isArray(activities) && activities.includes('user-typing') });
  });
  client.subscribe(STREAM_NOTIFY_ROOM, [`${p.roomId}/deleteMessage`, auth], (_e, args) => {
    const m = args[0];
    if (isObject(m) && typeof m._id === 'string') onEvent({ type: 'deleted', id: m._id });
  });
  client.subscribe(STREAM_LIVECHAT_ROOM, [p.roomId, auth], (_e, args) => {
    const ev = livechatRoomEvent(args[0], serverUrl);
    if (ev) onEvent(ev);
  });

  // Typing cadence: "typing" at once and then at most every typingRepeatMs; "stopped" after typingIdleMs.
  let typingSentAt = 0;
  let typingActive = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const sendActivity = (typing: boolean) => {
    client
      .call('stream-notify-room', [`${p.roomId}/user-activity`, p.username, typing ? ['user-typing'] : [], { token: p.token }])
      .catch(() => undefined);
  };
  const setTyping = (typing: boolean) => {
    clearTimeout(idleTimer);
    if (!typing) {
      if (typingActive) sendActivity(false);
      typingActive = false;
      return;
    }
    const now = Date.now();
    if (!typingActive || now - typingSentAt >= typingRepeatMs) {
      sendActivity(true);
      typingSentAt = now;
    }
    typingActive = true;
    idleTimer = setTimeout(() => setTyping(false), typingIdleMs);
  };

  const onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    client.reconnectNow();
    onEvent({ type: 'resync' });
  };
  const onOnline = () => client.reconnectNow();
  const onOffline = () => emitConnection('offline');
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  client.open();

  return {
    setTyping,
    // Livechat has no read receipts for visitors.
    markRead: () => undefined,
    reconnectNow: () => client.reconnectNow(),
    close() {
      clearTimeout(idleTimer);
      stopPolling();
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      client.close();
    },
  };
}
