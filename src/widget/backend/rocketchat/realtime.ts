/**
 * One conversation's live feed: the three streams a Livechat visitor subscribes to (contract §9.2),
 * typing in both directions with Rocket.Chat's cadence, and the safety nets — a `resync` after every
 * reconnect and whenever the tab becomes visible or the browser comes online, and history polling while
 * WebSockets cannot connect at all.
 */
import { STREAM_LIVECHAT_ROOM, STREAM_NOTIFY_ROOM, STREAM_ROOM_MESSAGES } from '../../../shared/rocketchat/ddp.ts';
import type { WireMessage } from '../../../shared/rocketchat/wire.ts';
import type { ConnectionState, LiveEvent, LiveWatch } from '../chat-backend.ts';
import { adaptAgent, adaptMessage } from './adapt.ts';
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
    const m = args[0] as WireMessage<Date> | undefined;
    if (m && typeof m === 'object' && typeof m._id === 'string') onEvent({ type: 'message', message: adaptMessage(m) });
  });
  client.subscribe(STREAM_NOTIFY_ROOM, [`${p.roomId}/user-activity`, auth], (_e, args) => {
    const [username, activities] = args as [unknown, unknown];
    if (typeof username !== 'string' || username === p.username) return;
    onEvent({ type: 'typing', name: username, typing: Array.isArray(activities) && activities.includes('user-typing') });
  });
  client.subscribe(STREAM_LIVECHAT_ROOM, [p.roomId, auth], (_e, args) => {
    const ev = args[0] as { type?: unknown; data?: unknown; status?: unknown } | undefined;
    if (ev?.type === 'agentData') onEvent({ type: 'agent', agent: adaptAgent(ev.data as Parameters<typeof adaptAgent>[0]) });
    else if (ev?.type === 'agentStatus' && typeof ev.status === 'string') onEvent({ type: 'agent-status', status: ev.status });
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
