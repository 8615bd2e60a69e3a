/**
 * The contract between the script-tag loader (tiny, always loaded) and the chat panel (loaded on demand).
 * Types only: nothing here adds bytes to either bundle.
 */
import type { EmbedConfig } from './embed-config.ts';

/** Rocket.Chat's `window.RocketChat.livechat` methods, plus `logout`, which Rocket.Chat's lacks. */
export const API_METHODS = [
  'initialize',
  'pageVisited',
  'setCustomField',
  'setTheme',
  'setDepartment',
  'clearDepartment',
  'setGuestToken',
  'setGuestName',
  'setGuestEmail',
  'setAgent',
  'registerGuest',
  'setLanguage',
  'showWidget',
  'hideWidget',
  'maximizeWidget',
  'minimizeWidget',
  'setBusinessUnit',
  'clearBusinessUnit',
  'setParentUrl',
  'setGuestMetadata',
  'setHiddenSystemMessages',
  'transferChat',
  'logout',
  /** amazon-connect-chat-interface's `connect.ChatInterface.initiateChat(input, onSuccess, onFailure)`. */
  'initiateChat',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];

export const CALLBACKS = [
  'onChatMaximized',
  'onChatMinimized',
  'onChatStarted',
  'onChatEnded',
  'onPrechatFormSubmit',
  'onOfflineFormSubmit',
  'onWidgetShown',
  'onWidgetHidden',
  'onAssignAgent',
  'onAgentStatusChange',
  'onQueuePositionChange',
  'onServiceOffline',
  /** This widget's additions, for analytics (Rocket.Chat's widget has none of them). */
  'onMessageSent',
  'onMessageReceived',
  'onTranscriptRequested',
] as const;
export type CallbackName = (typeof CALLBACKS)[number];

export interface ApiCall {
  method: ApiMethod;
  args: unknown[];
}

/** What the host page can read synchronously (Rocket.Chat offers no way to, see Livechat#460). */
export interface VisitorState {
  token: string | undefined;
  roomId: string | undefined;
  open: boolean;
  status: 'idle' | 'chatting' | 'ended';
  unread: number;
}

export interface Launcher {
  readonly button: HTMLButtonElement;
  setOpen(open: boolean): void;
  /** Nothing stored yet (undefined) counts as none. */
  setUnread(count: number | undefined): void;
  setBusy(busy: boolean): void;
  /** The panel could not be loaded: say so on the launcher (selecting it retries). */
  setError(message: string | undefined): void;
  setColor(color: string | undefined): void;
  setPosition(position: 'left' | 'right'): void;
  setLabels(labels: LauncherLabels): void;
}

export interface LauncherLabels {
  open: string;
  close: string;
  unread: (n: number) => string;
  /** The icon (an SVG path) of an open launcher: the panel's to give. */
  closeIcon?: string;
}

export interface WidgetHost {
  readonly config: EmbedConfig;
  readonly shadow: ShadowRoot;
  /** The host element on the page (inside it, the shadow root). */
  readonly element: HTMLElement;
  /** Container the panel renders into; `hidden` while minimised. */
  readonly panelRoot: HTMLElement;
  readonly launcher: Launcher;
  readonly storageNamespace: string;
  /** Calls made before the panel loaded, in order; emptied by the call. */
  takeQueuedCalls(): ApiCall[];
  /** From now on, API calls go straight to the panel. */
  setCallHandler(handler: (call: ApiCall) => void): void;
  /** Tell the host page (its `on…` callbacks). */
  emit(event: CallbackName, data?: unknown): void;
  /** Let the loader answer the page's state getters from the live panel. */
  setStateProvider(provider: () => VisitorState): void;
  /** Show or hide the whole widget (launcher and panel) on the page. */
  setVisible(visible: boolean): void;
  /** Add a stylesheet to the shadow root (constructable where supported, so a strict CSP needs nothing). */
  adoptStyles(css: string): void;
  /**
   * Requests the loader started while the panel downloaded, by URL: the backend takes the one it would
   * make (once), and asks the normal way when there is none or it failed.
   */
  readonly early: Map<string, Promise<Response | undefined>>;
}

export interface PanelHandle {
  /** `focus: false` restores an open panel on page load without taking focus from the page. */
  open(options?: { focus?: boolean }): void;
  close(): void;
  isOpen(): boolean;
  /** Undo the mount: listeners, timers, the connection, the rendered tree (the npm package's `unmount`). */
  destroy(): void;
}

export interface PanelModule {
  /** Async: the panel first fetches the backend the page asked for. */
  mountPanel(host: WidgetHost): PanelHandle | Promise<PanelHandle>;
  /** The one console warning for ignored settings (embed/config-warning.ts, its own chunk). */
  warnConfig(ignored: readonly string[], given: Record<string, string | undefined>): Promise<void>;
}
