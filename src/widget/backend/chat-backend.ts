/**
 * The one boundary between the widget and a chat server. Everything above it (state, UI) speaks these
 * domain types only; `rocketchat/` implements it today, an Amazon Connect adapter becomes a sibling.
 * The visitor credential (`token`) and conversation id (`roomId`) are opaque strings to the callers.
 */

export type MessageOrigin = 'visitor' | 'agent' | 'system';

/** System events a visitor may be shown; anything else a server sends is `other`. */
export type SystemEvent = 'chat-started' | 'chat-closed' | 'agent-joined' | 'agent-left' | 'transfer' | 'transcript-requested' | 'other';

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
}

export interface Agent {
  username: string;
  name?: string;
  /** The server hides agent identity (`agentHiddenInfo`). */
  hidden?: boolean;
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

export interface ServerConfig {
  enabled: boolean;
  online: boolean;
  theme: { title: string; color: string; offlineTitle: string; offlineColor: string; position: 'left' | 'right' };
  language?: string;
  transcript: boolean;
  registrationForm: boolean;
  nameField: boolean;
  emailField: boolean;
  displayOfflineForm: boolean;
  allowSwitchingDepartments: boolean;
  agentHidden: boolean;
  clearLocalStorageWhenChatEnded: boolean;
  visitorsCanCloseChat: boolean;
  limitTextLength: number | undefined;
  hiddenSystemMessages: string[];
  historyMonitorType: 'url' | 'title' | 'never';
  texts: ServerTexts;
  departments: Department[];
  customFields: CustomFieldDefinition[];
  /** What the server knows of this visitor, when a token was given. */
  visitor?: Visitor;
  /** The visitor's open conversation, if any. */
  openRoom?: { id: string; agent?: Agent };
}

export interface Visitor {
  token: string;
  username: string;
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

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'polling' | 'offline';

export type RoomEvent =
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; username: string; typing: boolean }
  | { type: 'agent'; agent: Agent | undefined }
  | { type: 'agent-status'; status: string }
  | { type: 'connection'; state: ConnectionState; /** ms until the next attempt while reconnecting */ retryInMs?: number }
  /** The connection came back (or the tab became visible): the caller should fill any gap from history. */
  | { type: 'resync' };

export interface RoomWatch {
  /** Tell the agent the visitor is (or stopped) typing; rate-limited by the implementation. */
  setTyping(typing: boolean): void;
  /** Reconnect now instead of waiting for the next backoff step. */
  reconnectNow(): void;
  close(): void;
}

export interface ChatBackend {
  loadConfig(q: { token?: string; department?: string }): Promise<ServerConfig>;
  registerVisitor(token: string, details: VisitorDetails): Promise<Visitor>;
  /** Open (or return the visitor's already open) conversation. */
  openRoom(token: string, opts?: { agentId?: string }): Promise<{ id: string; agent?: Agent }>;
  /** Send with a client-chosen id; a resend with the same id never creates a second message. */
  sendMessage(p: { token: string; roomId: string; id: string; text: string }): Promise<ChatMessage>;
  getMessage(p: { token: string; roomId: string; id: string }): Promise<ChatMessage | undefined>;
  /** Messages older than `before` (ms), oldest first, at most `limit`. */
  loadHistory(p: { token: string; roomId: string; before?: number; limit: number }): Promise<ChatMessage[]>;
  agentOf(p: { token: string; roomId: string }): Promise<Agent | undefined>;
  closeChat(p: { token: string; roomId: string }): Promise<void>;
  requestTranscript(p: { token: string; roomId: string; email: string }): Promise<void>;
  sendOfflineMessage(p: { name: string; email: string; message: string; department?: string }): Promise<void>;
  setVisitorStatus(token: string, status: 'online' | 'away'): Promise<void>;
  pageVisited(p: { token: string; roomId?: string; title: string; url: string; change: 'url' | 'title' }): Promise<void>;
  watchRoom(p: { token: string; roomId: string; username: string }, onEvent: (e: RoomEvent) => void): RoomWatch;
}
