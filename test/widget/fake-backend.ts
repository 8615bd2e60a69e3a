/**
 * An in-memory ChatBackend for driving the chat controller in unit tests: a tiny server model (rooms,
 * messages, close) plus switches to make the next calls fail, and a handle on the live watch so a test
 * can push events as the realtime layer would. Like a real adapter it keeps the visitor's credential
 * (`token`) itself; one instance outlives a "reload" of the controller, as storage would.
 */
import type { Agent, ChatBackend, ChatMessage, Features, HistoryPage, LiveEvent, ServerConfig, Trigger, UploadRules, Visitor, VisitorDetails } from '../../src/widget/backend/chat-backend.ts';
import { ChatError } from '../../src/widget/backend/errors.ts';

export const allFeatures = (overrides: Partial<Features> = {}): Features => ({
  emailTranscript: true,
  finishChat: true,
  offlineForm: true,
  registrationForm: false,
  departments: true,
  readReceipts: false,
  attachments: false,
  markdown: true,
  typing: true,
  pageVisits: 'url',
  visitorStatus: true,
  visitorToken: true,
  uploads: false,
  changeDepartment: false,
  removeVisitor: false,
  survey: false,
  triggers: false,
  ...overrides,
});

export function makeConfig(overrides: Partial<ServerConfig> = {}, features: Partial<Features> = {}): ServerConfig {
  return {
    enabled: true,
    online: true,
    theme: { title: 'Acme Support', color: '#1d4ed8', offlineTitle: 'Leave a message', offlineColor: '#666666', position: 'right' },
    features: allFeatures(features),
    nameField: true,
    emailField: true,
    agentHidden: false,
    forgetWhenEnded: false,
    limitTextLength: undefined,
    hiddenSystemMessages: [],
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
  /** The visitor's credential, as a real adapter keeps it. */
  token = '';
  visitors = new Map<string, Visitor>();
  rooms: Room[] = [];
  calls: string[] = [];
  transcripts: { conversation: string; email: string }[] = [];
  /** Errors thrown by the next calls of a method, in order. */
  failures = new Map<string, ChatError[]>();
  agent: Agent = { username: 'ana', name: 'Ana' };
  watchers: ((e: LiveEvent) => void)[] = [];
  typingSent: boolean[] = [];
  readSent: string[][] = [];
  forgotten: string[] = [];
  private clock = 1_700_000_000_000;
  private nextRoom = 1;
  private nextToken = 1;

  readonly visitorToken = {
    get: () => this.token || undefined,
    set: (token: string) => void (this.token = token),
  };

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

  emit(e: LiveEvent): void {
    for (const w of this.watchers) w(e);
  }

  async loadConfig(): Promise<ServerConfig> {
    this.check('loadConfig');
    const open = this.token ? this.rooms.find((r) => r.token === this.token && r.open) : undefined;
    const visitor = this.token ? this.visitors.get(this.token) : undefined;
    return { ...this.config, ...(visitor ? { visitor } : {}), ...(open ? { openConversation: { id: open.id, agent: this.agent } } : {}) };
  }

  async identify(details: VisitorDetails): Promise<Visitor> {
    this.check('identify');
    this.token ||= `tok-${this.nextToken++}`;
    const v: Visitor = { ...(details.name ? { name: details.name } : {}), ...(details.email ? { email: details.email } : {}) };
    this.visitors.set(this.token, v);
    return v;
  }

  async startChat(): Promise<{ id: string; agent?: Agent }> {
    this.check('startChat');
    if (!this.visitors.has(this.token)) throw new ChatError('unauthorized', 'invalid-token');
    let room = this.rooms.find((r) => r.token === this.token && r.open);
    if (!room) {
      room = { id: `R${this.nextRoom++}`, token: this.token, open: true, messages: [] };
      this.rooms.push(room);
    }
    return { id: room.id, agent: this.agent };
  }

  async sendMessage(p: { conversation: string; id: string; text: string }): Promise<ChatMessage> {
    this.check('sendMessage');
    const room = this.room(p.conversation);
    if (!room.open) throw new ChatError('room-closed', 'room-closed');
    const existing = room.messages.find((m) => m.id === p.id);
    if (existing) return existing;
    const m: ChatMessage = { id: p.id, text: p.text, at: this.tick(), from: 'visitor', author: { username: 'guest' } };
    room.messages.push(m);
    return m;
  }

  /** Rocket.Chat-like paging: the cursor is a time, pages end just before it. */
  /** The page size of each history read, in order. */
  historyLimits: number[] = [];
  async loadHistory(p: { conversation: string; cursor?: string; limit: number }): Promise<HistoryPage> {
    this.check('loadHistory');
    this.historyLimits.push(p.limit);
    const before = p.cursor === undefined ? undefined : Number(p.cursor);
    const older = this.room(p.conversation).messages.filter((m) => before === undefined || m.at < before);
    const page = older.slice(-p.limit);
    // As Rocket.Chat's: a full page may have more before it (the next request then says so by coming back short).
    return { messages: page, ...(page.length === p.limit ? { earlier: String(page[0]!.at) } : {}) };
  }

  async closeChat(p: { conversation: string }): Promise<void> {
    this.check('closeChat');
    const room = this.room(p.conversation);
    if (!room.open) throw new ChatError('room-closed', 'room-closed');
    room.open = false;
    room.messages.push({ id: `c${this.tick()}`, text: 'Closed by visitor', at: this.clock, from: 'system', system: 'chat-closed', closedBy: 'visitor' });
  }

  async requestTranscript(p: { conversation: string; email: string }): Promise<void> {
    this.check('requestTranscript');
    this.transcripts.push({ conversation: p.conversation, email: p.email });
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

  async attachmentUrl(p: { id: string }): Promise<string> {
    this.check('attachmentUrl');
    return `https://files.test/${p.id}`;
  }

  uploadRulesValue: UploadRules = { accept: [], refuse: [] };
  async uploadRules(): Promise<UploadRules> {
    this.check('uploadRules');
    return this.uploadRulesValue;
  }

  /** Uploads in flight: the test decides when each one progresses, finishes or fails. */
  uploads: { conversation: string; file: File; progress: (sent: number) => void; finish: () => ChatMessage; fail: (e: ChatError) => void; aborted: boolean }[] = [];
  uploadFile(p: { conversation: string; file: File; onProgress?: (sent: number, total: number) => void; signal?: AbortSignal }): Promise<ChatMessage | undefined> {
    this.check('uploadFile');
    return new Promise((resolve, reject) => {
      const entry = {
        conversation: p.conversation,
        file: p.file,
        aborted: false,
        progress: (sent: number) => p.onProgress?.(sent, p.file.size),
        finish: () => {
          const m: ChatMessage = { id: `f${this.tick()}`, text: '', at: this.clock, from: 'visitor', author: { username: 'guest' }, attachments: [{ id: `/file-upload/${this.clock}/${p.file.name}`, name: p.file.name, type: p.file.type, size: p.file.size }] };
          this.room(p.conversation).messages.push(m);
          resolve(m);
          return m;
        },
        fail: (e: ChatError) => reject(e),
      };
      p.signal?.addEventListener('abort', () => {
        entry.aborted = true;
        reject(new DOMException('Aborted', 'AbortError'));
      });
      this.uploads.push(entry);
    });
  }

  transfers: { conversation: string; department: string }[] = [];
  async transferChat(p: { conversation: string; department: string }): Promise<void> {
    this.check('transferChat');
    this.transfers.push(p);
  }

  surveys: { conversation: string; answers: Record<string, string>; comment?: string }[] = [];
  async sendSurvey(p: { conversation: string; answers: Record<string, string>; comment?: string }): Promise<void> {
    this.check('sendSurvey');
    this.surveys.push(p);
  }

  async removeVisitor(): Promise<void> {
    this.check('removeVisitor');
    this.visitors.delete(this.token);
    this.rooms = this.rooms.filter((r) => r.token !== this.token);
    this.token = '';
  }

  triggerList: Trigger[] = [];
  async triggers(): Promise<Trigger[]> {
    this.check('triggers');
    return this.triggerList;
  }

  async nextAgent(): Promise<Agent | undefined> {
    this.check('nextAgent');
    return this.agent;
  }

  forget(scope: 'conversation' | 'visitor' | 'device'): void {
    this.forgotten.push(scope);
    if (scope === 'visitor') this.token = '';
  }

  watch(_p: { conversation: string }, onEvent: (e: LiveEvent) => void) {
    this.calls.push('watch');
    this.watchers.push(onEvent);
    return {
      setTyping: (typing: boolean) => void this.typingSent.push(typing),
      markRead: (ids: readonly string[]) => void this.readSent.push([...ids]),
      reconnectNow: () => undefined,
      close: () => {
        this.watchers = this.watchers.filter((w) => w !== onEvent);
      },
    };
  }
}
