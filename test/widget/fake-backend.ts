/**
 * An in-memory ChatBackend for driving the chat controller in unit tests: a tiny server model (rooms,
 * messages, close) plus switches to make the next calls fail, and a handle on the live watch so a test
 * can push events as the realtime layer would.
 */
import type { Agent, ChatBackend, ChatMessage, RoomEvent, ServerConfig, Visitor, VisitorDetails } from '../../src/widget/backend/chat-backend.ts';
import { ChatError } from '../../src/widget/backend/errors.ts';

export function makeConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    enabled: true,
    online: true,
    theme: { title: 'Acme Support', color: '#1d4ed8', offlineTitle: 'Leave a message', offlineColor: '#666666', position: 'right' },
    transcript: true,
    registrationForm: false,
    nameField: true,
    emailField: true,
    displayOfflineForm: true,
    allowSwitchingDepartments: true,
    agentHidden: false,
    clearLocalStorageWhenChatEnded: false,
    visitorsCanCloseChat: true,
    limitTextLength: undefined,
    hiddenSystemMessages: [],
    historyMonitorType: 'url',
    texts: {
      offlineMessage: '',
      offlineSuccessMessage: '',
      offlineUnavailableMessage: '',
      conversationFinishedMessage: '',
      conversationFinishedText: '',
      transcriptMessage: '',
      registrationFormMessage: '',
    },
    departments: [],
    customFields: [],
    ...overrides,
  };
}

interface Room {
  id: string;
  token: string;
  open: boolean;
  messages: ChatMessage[];
}

export class FakeBackend implements ChatBackend {
  config = makeConfig();
  visitors = new Map<string, Visitor>();
  rooms: Room[] = [];
  calls: string[] = [];
  transcripts: { roomId: string; email: string }[] = [];
  /** Errors thrown by the next calls of a method, in order. */
  failures = new Map<string, ChatError[]>();
  agent: Agent = { username: 'ana', name: 'Ana' };
  watchers: ((e: RoomEvent) => void)[] = [];
  typingSent: boolean[] = [];
  private clock = 1_700_000_000_000;
  private nextRoom = 1;

  failNext(method: keyof ChatBackend, ...errors: ChatError[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
  }

  private check(method: string): void {
    this.calls.push(method);
    const queue = this.failures.get(method);
    const next = queue?.shift();
    if (next) throw next;
  }

  tick(): number {
    this.clock += 1000;
    return this.clock;
  }

  room(id: string): Room {
    const r = this.rooms.find((x) => x.id === id);
    if (!r) throw new ChatError('not-found', 'invalid-room');
    return r;
  }

  /** What the agent would do: a message appears in the room (and on the live feed if `live`). */
  agentSays(roomId: string, text: string, live = true): ChatMessage {
    const m: ChatMessage = { id: `a${this.tick()}`, text, at: this.clock, from: 'agent', author: { username: 'ana', name: 'Ana' } };
    this.room(roomId).messages.push(m);
    if (live) this.emit({ type: 'message', message: m });
    return m;
  }

  agentCloses(roomId: string, live = true): void {
    const room = this.room(roomId);
    room.open = false;
    const m: ChatMessage = { id: `c${this.tick()}`, text: '', at: this.clock, from: 'system', system: 'chat-closed', systemType: 'livechat-close', closedBy: 'agent', transcriptRequested: false };
    room.messages.push(m);
    if (live) this.emit({ type: 'message', message: m });
  }

  emit(e: RoomEvent): void {
    for (const w of this.watchers) w(e);
  }

  async loadConfig(q: { token?: string }): Promise<ServerConfig> {
    this.check('loadConfig');
    const open = q.token ? this.rooms.find((r) => r.token === q.token && r.open) : undefined;
    const visitor = q.token ? this.visitors.get(q.token) : undefined;
    return { ...this.config, ...(visitor ? { visitor } : {}), ...(open ? { openRoom: { id: open.id, agent: this.agent } } : {}) };
  }

  async registerVisitor(token: string, details: VisitorDetails): Promise<Visitor> {
    this.check('registerVisitor');
    const v: Visitor = { token, username: `guest-${this.visitors.size + 1}`, ...(details.name ? { name: details.name } : {}), ...(details.email ? { email: details.email } : {}) };
    this.visitors.set(token, v);
    return v;
  }

  async openRoom(token: string): Promise<{ id: string; agent?: Agent }> {
    this.check('openRoom');
    let room = this.rooms.find((r) => r.token === token && r.open);
    if (!room) {
      room = { id: `R${this.nextRoom++}`, token, open: true, messages: [] };
      this.rooms.push(room);
    }
    return { id: room.id, agent: this.agent };
  }

  async sendMessage(p: { token: string; roomId: string; id: string; text: string }): Promise<ChatMessage> {
    this.check('sendMessage');
    const room = this.room(p.roomId);
    if (!room.open) throw new ChatError('room-closed', 'room-closed');
    const existing = room.messages.find((m) => m.id === p.id);
    if (existing) return existing;
    const m: ChatMessage = { id: p.id, text: p.text, at: this.tick(), from: 'visitor', author: { username: 'guest' } };
    room.messages.push(m);
    return m;
  }

  async getMessage(p: { roomId: string; id: string }): Promise<ChatMessage | undefined> {
    this.check('getMessage');
    return this.room(p.roomId).messages.find((m) => m.id === p.id);
  }

  async loadHistory(p: { roomId: string; before?: number; limit: number }): Promise<ChatMessage[]> {
    this.check('loadHistory');
    const older = this.room(p.roomId).messages.filter((m) => p.before === undefined || m.at < p.before);
    return older.slice(-p.limit);
  }

  async agentOf(): Promise<Agent | undefined> {
    this.check('agentOf');
    return this.agent;
  }

  async closeChat(p: { roomId: string }): Promise<void> {
    this.check('closeChat');
    const room = this.room(p.roomId);
    if (!room.open) throw new ChatError('room-closed', 'room-closed');
    room.open = false;
    room.messages.push({ id: `c${this.tick()}`, text: 'Closed by visitor', at: this.clock, from: 'system', system: 'chat-closed', closedBy: 'visitor' });
  }

  async requestTranscript(p: { roomId: string; email: string }): Promise<void> {
    this.check('requestTranscript');
    this.transcripts.push({ roomId: p.roomId, email: p.email });
  }

  offlineMessages: { name: string; email: string; message: string; department?: string }[] = [];
  async sendOfflineMessage(m: { name: string; email: string; message: string; department?: string }): Promise<void> {
    this.check('sendOfflineMessage');
    this.offlineMessages.push(m);
  }

  async setVisitorStatus(): Promise<void> {
    this.check('setVisitorStatus');
  }

  async pageVisited(): Promise<void> {
    this.check('pageVisited');
  }

  watchRoom(_p: { token: string; roomId: string; username: string }, onEvent: (e: RoomEvent) => void) {
    this.calls.push('watchRoom');
    this.watchers.push(onEvent);
    return {
      setTyping: (typing: boolean) => void this.typingSent.push(typing),
      reconnectNow: () => undefined,
      close: () => {
        this.watchers = this.watchers.filter((w) => w !== onEvent);
      },
    };
  }
}
