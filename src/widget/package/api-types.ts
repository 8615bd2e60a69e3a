/**
 * The npm package's public types, self-contained (no imports): the build copies this file as the
 * package's `index.d.ts`, so it holds types and declarations only. index.ts implements them; a
 * type test (test/widget/package-api.test.ts) keeps the two and the loader's names in step.
 */

/** The same settings as the script tag's `data-` attributes, camelCased (`data-server-url` → `serverUrl`). */
export interface WidgetOptions {
  /** `amazon-connect`, or (the default) `rocketchat`. */
  backend?: 'rocketchat' | 'amazon-connect';
  /** Rocket.Chat: your server's URL (required). */
  serverUrl?: string;
  /** Amazon Connect: your start-chat endpoint (required). */
  startChatUrl?: string;
  /** Amazon Connect: the instance's region (default `us-east-1`). */
  region?: string;
  /** Amazon Connect: another Participant Service origin (a proxy). */
  participantEndpoint?: string;
  /** Rocket.Chat: department id or name for new chats. */
  department?: string;
  /** UI language: `en`, `pt-BR`, `es`, `de`, `ar` (default: the page's `lang`, then the server's). */
  language?: string;
  position?: 'left' | 'right';
  /** Launcher and header colour: hex, rgb()/hsl() or a CSS colour name. */
  color?: string;
  title?: string;
  /** Default `auto` (the visitor's system setting). */
  theme?: 'light' | 'dark' | 'auto';
  /** Stacking order on your page (default 2147483000). */
  zIndex?: number;
  /** Your page's CSP nonce, for browsers without constructable stylesheets. */
  nonce?: string;
}

/** Mount the widget (launcher, then the panel on demand); a second call replaces the first. */
export declare function mount(options: WidgetOptions): void;
/** Remove the widget, its listeners and its connection; the conversation stays stored for the next mount. */
export declare function unmount(): void;

export interface QueuePosition {
  spot: number | undefined;
  estimatedWaitTimeSeconds: number | undefined;
  message: string | undefined;
}

export interface ChatMessageEvent {
  /** The message's id on the server. */
  id: string;
  conversationId: string;
  text: string;
}

/** What each `RocketChat.livechat.on…` callback receives. */
export interface WidgetEvents {
  onChatMaximized: undefined;
  onChatMinimized: undefined;
  /** Analytics: a conversation began (the visitor's first message, or a started chat on Connect). */
  onChatStarted: undefined;
  /** Analytics: the conversation ended, by the visitor or the agent. */
  onChatEnded: undefined;
  /** Analytics: the server accepted a message the visitor sent. */
  onMessageSent: ChatMessageEvent;
  /** Analytics: an agent's (or bot's) message arrived. */
  onMessageReceived: ChatMessageEvent;
  /** Analytics: the server accepted "Email me the transcript". */
  onTranscriptRequested: { conversationId: string };
  onPrechatFormSubmit: { name?: string; email?: string; department?: string; phone?: string };
  onOfflineFormSubmit: { name: string; email: string; message: string; department?: string };
  onWidgetShown: undefined;
  onWidgetHidden: undefined;
  onAssignAgent: { name?: string; username?: string } | { hiddenInfo: true };
  onAgentStatusChange: string;
  onQueuePositionChange: QueuePosition;
  onServiceOffline: undefined;
}

export type WidgetEventName = keyof WidgetEvents;

export interface VisitorState {
  token: string | undefined;
  roomId: string | undefined;
  open: boolean;
  status: 'idle' | 'chatting' | 'ended';
  unread: number;
}

type Callbacks = { [K in WidgetEventName]: (callback: (data: WidgetEvents[K]) => void) => void };

/** `window.RocketChat.livechat`: Rocket.Chat's page API (calls Amazon Connect has no equivalent for are accepted and ignored). */
export interface LivechatApi extends Callbacks {
  initialize(params: { theme?: LivechatTheme; language?: string; department?: string; guestToken?: string; guestName?: string; guestEmail?: string; agent?: { _id: string; username?: string }; customFields?: { key: string; value: string; overwrite?: boolean }[] }): void;
  pageVisited(): void;
  setCustomField(key: string, value: string, overwrite?: boolean): void;
  setTheme(theme: LivechatTheme): void;
  setDepartment(department: string): void;
  clearDepartment(): void;
  setGuestToken(token: string): void;
  setGuestName(name: string): void;
  setGuestEmail(email: string): void;
  setAgent(agent: { _id: string; username?: string }): void;
  registerGuest(guest: { name?: string; email?: string; token?: string; department?: string; phone?: string; customFields?: { key: string; value: string; overwrite?: boolean }[] }): void;
  setLanguage(language: string): void;
  showWidget(): void;
  hideWidget(): void;
  maximizeWidget(): void;
  minimizeWidget(): void;
  setBusinessUnit(unit: string): void;
  clearBusinessUnit(): void;
  setParentUrl(url: string): void;
  setGuestMetadata(metadata: Record<string, string>): void;
  setHiddenSystemMessages(types: string[]): void;
  transferChat(department: string): void;
  /** Forget the visitor on this device (this widget's addition). */
  logout(): void;
  /** The visitor's token, synchronously (this widget's addition). */
  getVisitorToken(): string | undefined;
  getState(): VisitorState;
  clearAllCallbacks(): void;
}

export interface LivechatTheme {
  color?: string;
  fontColor?: string;
  iconColor?: string;
  position?: 'left' | 'right';
  title?: string;
}

/** `window.RocketChat`: call it with a function to run it (with `this` = livechat) once the widget is there. */
export interface RocketChatGlobal {
  (fn: (this: LivechatApi) => void): void;
  livechat: LivechatApi;
  url?: string;
  _?: unknown[];
}

declare global {
  interface Window {
    RocketChat?: RocketChatGlobal;
  }
}
