/**
 * The one boundary between the widget and a chat server. Everything above it (state, UI) speaks these
 * domain types only and never learns which server it talks to: `rocketchat/` and `amazon-connect/`
 * implement it. A backend keeps its own credentials (a visitor token, participant and connection
 * tokens), persisted through the storage it is given; callers name a conversation by an opaque id.
 */

export type MessageOrigin = 'visitor' | 'agent' | 'system';

/** System events a visitor may be shown; anything else a server sends is `other`. */
export type SystemEvent = 'chat-started' | 'chat-closed' | 'agent-joined' | 'agent-left' | 'transfer' | 'transcript-requested' | 'other';

/** How far the other side has got with one of the visitor's messages. */
export type Receipt = 'delivered' | 'read';

/** One option of a message the visitor can answer with a choice (a quick reply, a list picker). */
export interface Choice {
  title: string;
  subtitle?: string;
}

/** A file in the conversation; its address is asked for when the visitor opens it. */
export interface Attachment {
  id: string;
  name: string;
  type?: string;
  /** Not yet scanned, or refused by the server: shown, but not offered for download. */
  status?: 'pending' | 'rejected';
  /** Bytes, when the server says. */
  size?: number;
  /** What the sender wrote about it. */
  description?: string;
  /**
   * A picture the widget may show inline (a raster type the server serves as such), with its size when
   * known; `preview` names a smaller copy for `attachmentUrl` when the server made one.
   */
  image?: { width?: number; height?: number; preview?: string };
}

export interface ChatMessage {
  id: string;
  text: string;
  /** Server time, ms since epoch. */
  at: number;
  from: MessageOrigin;
  /** The author as the visitor may see them (omitted when the server hides agent identity). */
  author?: { name?: string; username: string };
  system?: SystemEvent;
  /** Raw server type of a system message, so the state layer can honour "hidden system messages". */
  systemType?: string;
  /** Server-internal messages (commands, navigation) the widget never shows. */
  hidden?: boolean;
  editedAt?: number;
  /** On `chat-closed`: the server will send the transcript by itself. */
  transcriptRequested?: boolean;
  /** On `chat-closed`: closed by the visitor or by the agent. */
  closedBy?: 'visitor' | 'agent';
  /** On `transfer` to a department: its name, when the server says. */
  transferredTo?: string;
  /** The id the widget chose when it sent this message, where the server names it otherwise. */
  clientId?: string;
  /** `plain`: shown exactly as written; otherwise the text is markdown. */
  format?: 'plain';
  /** The visitor's messages: delivered to, or read by, the other side. */
  receipt?: Receipt;
  /** Options the visitor can answer with; the choice is sent with `sendMessage({ choice })`. */
  choices?: Choice[];
  attachments?: Attachment[];
}

export interface Agent {
  username: string;
  name?: string;
  /** The server hides agent identity. */
  hidden?: boolean;
  /** A picture of the agent (never when the server hides agent identity). */
  avatarUrl?: string;
}

/** Where a conversation waits for an agent. */
export interface QueuePlace {
  /** 1-based place in the queue. */
  position: number;
  /** The server's estimate of the wait, in seconds. */
  waitSeconds?: number;
  /** What the server asks to tell the visitor while they wait. */
  message?: string;
}

/** When a proactive message is shown (Rocket.Chat's trigger conditions). */
export type TriggerCondition =
  | { kind: 'page-url'; pattern: string }
  | { kind: 'time-on-site'; seconds: number }
  | { kind: 'chat-opened' }
  | { kind: 'registered' };

/** A proactive message the widget shows by itself when its condition is met. */
export interface Trigger {
  id: string;
  /** Once per visitor (on this device), or each time the condition is met again. */
  runOnce: boolean;
  when: TriggerCondition;
  /** Shown as from the agent who would answer (`queue`), or from the configured `name`. */
  say: { text: string; from: 'queue' | 'custom'; name?: string };
}

/** The satisfaction survey after a chat: questions (by server name) each answered with one of `values`. */
export interface Survey {
  questions: string[];
  values: string[];
}

/** What the server accepts as a file, so the widget can refuse before uploading. */
export interface UploadRules {
  /** The largest file in bytes the server accepts (none known: undefined). */
  maxBytes?: number;
  /** Accepted types (`image/png`, `image/*`); empty: any type not refused. */
  accept: string[];
  /** Refused types, same forms. */
  refuse: string[];
}

export interface Department {
  id: string;
  name: string;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
}

export interface CustomFieldDefinition {
  id: string;
  label: string;
  type: 'input' | 'select';
  required: boolean;
  options: string[];
  pattern?: string;
  defaultValue?: string;
}

export interface ServerTexts {
  offlineMessage: string;
  offlineSuccessMessage: string;
  offlineUnavailableMessage: string;
  conversationFinishedMessage: string;
  conversationFinishedText: string;
  transcriptMessage: string;
  registrationFormMessage: string;
}

/** What a backend offers. The UI shows a feature only when it is on; the state never asks for one that is off. */
export interface Features {
  /** "Email me the transcript". */
  emailTranscript: boolean;
  /** The visitor may finish the chat themselves. */
  finishChat: boolean;
  /** "Leave a message" while nobody is online. */
  offlineForm: boolean;
  /** A registration form before the chat (its fields: `nameField`, `emailField`, departments, custom fields). */
  registrationForm: boolean;
  /** Chats go to departments the page may choose. */
  departments: boolean;
  /** Ticks on the visitor's messages as the other side receives and reads them. */
  readReceipts: boolean;
  /** Files in the conversation (received ones are offered as links). */
  attachments: boolean;
  /** Text is written and shown as markdown (otherwise exactly as typed). */
  markdown: boolean;
  /** Typing indicators, both ways. */
  typing: boolean;
  /** Page visits reported to the agent, by URL or by title. */
  pageVisits: 'url' | 'title' | 'never';
  /** The visitor's away / online status reported to the agent. */
  visitorStatus: boolean;
  /** The site can name its visitor (`visitorToken`). */
  visitorToken: boolean;
  /** The visitor can send files (`uploadFile`, `uploadRules`). */
  uploads: boolean;
  /** The visitor can move the conversation to another of `departments` (`transferChat`). */
  changeDepartment: boolean;
  /** The visitor can have the server erase what it holds about them (`removeVisitor`). */
  removeVisitor: boolean;
  /** A satisfaction survey after the chat (`ServerConfig.survey`, `sendSurvey`). */
  survey: boolean;
  /** The site has proactive messages (`triggers()`). */
  triggers: boolean;
}

export interface ServerConfig {
  enabled: boolean;
  online: boolean;
  theme: { title: string; color: string; offlineTitle: string; offlineColor: string; position: 'left' | 'right' };
  language?: string;
  features: Features;
  nameField: boolean;
  emailField: boolean;
  agentHidden: boolean;
  /** The site asks that nothing of a finished chat stays on the device. */
  forgetWhenEnded: boolean;
  limitTextLength: number | undefined;
  hiddenSystemMessages: string[];
  /** The server's own wording; the widget's is used for any left out or empty. */
  texts: Partial<ServerTexts>;
  departments: Department[];
  customFields: CustomFieldDefinition[];
  /** What the server knows of this visitor. */
  visitor?: Visitor;
  /** The visitor's open conversation, if any. */
  openConversation?: Conversation;
  /**
   * The server no longer knows the visitor whose credentials this backend holds (reset, visitor
   * removed, token taken over): the state layer starts afresh, keeping what was not sent.
   */
  sessionLost?: boolean;
  /** The sound to play for a new message (an http(s) address), when the server names one. */
  sound?: string;
  /** Questions and values of the survey, where `features.survey`. */
  survey?: Survey;
}

/** The visitor as the widget shows them (what the server holds, without its credentials). */
export interface Visitor {
  name?: string;
  email?: string;
  department?: string;
}

export interface VisitorDetails {
  name?: string;
  email?: string;
  department?: string;
  phone?: string;
  customFields?: { key: string; value: string; overwrite: boolean }[];
}

export interface Conversation {
  id: string;
  agent?: Agent;
  /** What this conversation offers beyond the server's config (known once it started). */
  features?: Partial<Features>;
  /** Still waiting for an agent: where in the queue. */
  queue?: QueuePlace;
  /** The department it is with (one of `ServerConfig.departments`), when the server says. */
  department?: string;
}

/** A page of history, oldest first; `earlier` reads the page before it (absent at the start of the conversation). */
export interface HistoryPage {
  messages: ChatMessage[];
  earlier?: string;
}

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'polling' | 'offline';

export type LiveEvent =
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; name: string; typing: boolean }
  | { type: 'agent'; agent: Agent | undefined }
  | { type: 'agent-status'; status: string }
  /** One of the visitor's messages reached the other side, or was read there. */
  | { type: 'receipt'; id: string; receipt: Receipt }
  | { type: 'connection'; state: ConnectionState; /** ms until the next attempt while reconnecting */ retryInMs?: number }
  /** The connection came back (or the tab became visible): the caller should fill any gap from history. */
  | { type: 'resync' }
  /** The server says the conversation is over (for example it refused us after a reconnect). */
  | { type: 'ended'; by: 'visitor' | 'agent' }
  /** A message was deleted (by the agent, or by the visitor elsewhere). */
  | { type: 'deleted'; id: string }
  /** The conversation's place in the queue changed while it waits for an agent. */
  | { type: 'queue'; place: QueuePlace };

export interface LiveWatch {
  /** Tell the agent the visitor is (or stopped) typing; rate-limited by the implementation. */
  setTyping(typing: boolean): void;
  /** The visitor has seen these messages of the other side (read receipts, where offered). */
  markRead(ids: readonly string[]): void;
  /** Reconnect now instead of waiting for the next backoff step. */
  reconnectNow(): void;
  close(): void;
}

/** Key-value persistence that never throws (state/storage.ts); a backend keeps its credentials in one. */
export interface KeyValueStore {
  readonly persistent: boolean;
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  /** Called when another tab changed one of our keys (the `storage` event); returns an unsubscribe. */
  onExternalChange(listener: (key: string) => void): () => void;
}

export interface OfflineMessage {
  name: string;
  email: string;
  message: string;
  department?: string;
}

export interface ChatBackend {
  /** Settings, features, and what the server knows of this visitor and their open conversation. */
  loadConfig(q: { department?: string }): Promise<ServerConfig>;
  /** Tell the server who the visitor is (the registration form, the page's `registerGuest`). */
  identify(details: VisitorDetails): Promise<Visitor>;
  /** Start a conversation (or return the visitor's open one). */
  startChat(p: { details: VisitorDetails; agentId?: string }): Promise<Conversation>;
  /**
   * Send with a client-chosen id; a resend with the same id never creates a second message. `choice`
   * answers message `to` with option `index` of its `choices` (the text is the option's title).
   */
  sendMessage(p: { conversation: string; id: string; text: string; choice?: { to: string; index: number } }): Promise<ChatMessage>;
  /** The newest page of history (no `cursor`), or the one before `cursor`. */
  loadHistory(p: { conversation: string; cursor?: string; limit: number }): Promise<HistoryPage>;
  closeChat(p: { conversation: string }): Promise<void>;
  requestTranscript(p: { conversation: string; email: string }): Promise<void>;
  /**
   * Fetch ahead what finishing, the transcript and the offline message need, where the adapter loads it
   * on first use: the visitor is looking at the finish confirmation, a transcript form or the offline
   * form, and their click will not wait for it.
   */
  prefetchEnding?(): void;
  sendOfflineMessage(m: OfflineMessage): Promise<void>;
  setVisitorStatus(status: 'online' | 'away'): Promise<void>;
  pageVisited(p: { conversation?: string; title: string; url: string; change: 'url' | 'title' }): Promise<void>;
  /** A short-lived address of an attachment (or of its `image.preview`), to open or show it. */
  attachmentUrl(p: { conversation: string; id: string }): Promise<string>;
  /** What files the server accepts (`features.uploads`). */
  uploadRules(): Promise<UploadRules>;
  /**
   * Send a file into the conversation, reporting bytes sent; `signal` cancels. Resolves with the file's
   * message when the server answers with it (otherwise it arrives on the live feed).
   */
  uploadFile(p: {
    conversation: string;
    file: File;
    onProgress?: (sent: number, total: number) => void;
    signal?: AbortSignal;
  }): Promise<ChatMessage | undefined>;
  /** Move the conversation to another department (`features.changeDepartment`). */
  transferChat(p: { conversation: string; department: string }): Promise<void>;
  /** Answer the survey after the chat: a value for some of its questions, and any comment. */
  sendSurvey(p: { conversation: string; answers: Record<string, string>; comment?: string }): Promise<void>;
  /**
   * Erase the visitor on the server ("forget my data", `features.removeVisitor`): their conversations,
   * messages and files. The adapter then forgets their credentials too.
   */
  removeVisitor(): Promise<void>;
  /** The site's proactive messages (`features.triggers`), read when they are to run. */
  triggers(): Promise<Trigger[]>;
  /** Who would answer a new chat now (a proactive message's sender), where the server says. */
  nextAgent(p: { department?: string }): Promise<Agent | undefined>;
  watch(p: { conversation: string }, onEvent: (e: LiveEvent) => void): LiveWatch;
  /**
   * Drop kept credentials: of the conversation (a new chat follows), of the visitor too (logout), or
   * only their stored copies (`device`: the site asked that nothing stays; they work until the page goes).
   */
  forget(scope: 'conversation' | 'visitor' | 'device'): void;
  /** The address of an agent's picture, where the server serves one (shown beside their messages). */
  avatarUrl?(username: string): string;
  /** The site's name for its visitor, where the server has one (`features.visitorToken`). */
  readonly visitorToken?: {
    get(): string | undefined;
    /** Continue as this visitor: their open conversation comes back with the next `loadConfig`. */
    set(token: string): void;
  };
}
