/**
 * Rocket.Chat Omnichannel Livechat wire shapes (REST JSON, Rocket.Chat 7.x), shared by the widget's
 * backend adapter and the stand-in server. Facts from ../shared/contracts/rocketchat-livechat.md.
 * Dates are ISO strings over REST; over DDP they are EJSON `{ $date }` (see ddp.ts).
 */

export type IsoDate = string;

export interface UserRef {
  _id: string;
  username: string;
  name?: string;
}

/** System message types the visitor surface can see (§8 of the contract). */
export type SystemMessageType =
  | 'livechat-started'
  | 'livechat-close'
  | 'command'
  | 'uj'
  | 'ul'
  | 'au'
  | 'livechat_navigation_history'
  | 'livechat_transfer_history'
  | 'livechat_transfer_history_fallback'
  | 'livechat_transcript_history'
  | 'livechat_video_call'
  | 'omnichannel_priority_change_history';

export interface WireMessage<D = IsoDate> {
  _id: string;
  rid: string;
  msg: string;
  ts: D;
  u: UserRef;
  _updatedAt: D;
  t?: SystemMessageType;
  /** Set on visitor-originated messages. */
  token?: string;
  alias?: string;
  /** Set from the upload form's fields; URL or emoji shown instead of the sender's avatar. */
  avatar?: string;
  emoji?: string;
  groupable?: boolean;
  editedAt?: D;
  editedBy?: { _id: string; username: string };
  _hidden?: boolean;
  /** On `livechat-close`. */
  transcriptRequested?: boolean;
  /** On `livechat_transcript_history`. */
  requestData?: { type: 'visitor' | 'user'; visitor?: unknown; user?: unknown };
  /** On `livechat_navigation_history`. */
  navigation?: { page: PageInfo; token: string };
  /** Links found in `msg` (Rocket.Chat's `parseUrlsInMessage`); `meta` stays `{}` without OEmbed. */
  urls?: MessageUrl[];
  mentions?: unknown[];
  channels?: unknown[];
  /** File messages (`livechat/upload/:rid`): the upload, once as `file` and as the one item of `files`. */
  file?: MessageFile;
  files?: MessageFile[];
  attachments?: FileAttachment[];
  /** Added by `normalizeMessageFileUpload` in `messages.history` and `GET livechat/message/:_id`. */
  fileUpload?: { publicFilePath: string; type?: string; size?: number };
  /** On `livechat_transfer_history`. */
  /** `ts` is a string over REST and a Date over DDP, whichever form the rest of the message has. */
  transferData?: TransferData<IsoDate | Date>;
}

export interface MessageUrl {
  url: string;
  meta: Record<string, string>;
  ignoreParse?: boolean;
}

export interface MessageFile {
  _id: string;
  name: string;
  type: string;
}

/**
 * The attachment `sendFileLivechatMessage` builds. Links are server-relative (`/file-upload/<id>/<name>`);
 * a visitor reads them with `?rc_room_type=l&rc_rid=<rid>&rc_token=<token>` (or those cookies).
 */
export interface FileAttachment {
  title: string;
  type: 'file';
  description?: string;
  title_link: string;
  title_link_download: true;
  image_url?: string;
  image_type?: string;
  image_size?: number;
  image_dimensions?: { width: number; height: number };
  audio_url?: string;
  audio_type?: string;
  audio_size?: number;
  video_url?: string;
  video_type?: string;
  video_size?: number;
}

export interface TransferData<D = IsoDate> {
  transferredBy: { _id: string; username: string; name?: string; userType: 'agent' | 'user' | 'visitor' };
  transferredTo?: { _id: string; username?: string; name?: string };
  nextDepartment?: { _id: string; name?: string };
  previousDepartment?: string;
  scope: 'department' | 'agent' | 'queue' | 'autoTransferUnansweredChatsToQueue' | 'autoTransferUnansweredChatsToAgent';
  comment?: string;
  ts: D;
}

export interface PageInfo {
  title: string;
  change: string;
  location: { href: string };
}

export interface WireVisitor {
  _id: string;
  username: string;
  token: string;
  ts: IsoDate;
  _updatedAt: IsoDate;
  status?: 'online' | 'away' | 'busy' | 'offline';
  name?: string;
  visitorEmails?: { address: string }[];
  phone?: { phoneNumber: string }[];
  department?: string;
  livechatData?: Record<string, string>;
  lastChat?: { _id: string; ts: IsoDate };
}

export interface WireRoom {
  _id: string;
  t: 'l';
  fname?: string;
  msgs: number;
  usersCount: number;
  ts: IsoDate;
  _updatedAt: IsoDate;
  lm?: IsoDate;
  departmentId?: string;
  v: { _id: string; username: string; token: string; status?: string };
  open?: boolean;
  cl?: boolean;
  waitingResponse?: boolean;
  source?: { type: 'widget' | 'api'; destination?: string };
  servedBy?: { _id: string; username: string; ts: IsoDate };
  closedAt?: IsoDate;
  closer?: 'visitor' | 'user';
  closedBy?: { _id: string; username: string };
  transcriptRequest?: { requestedAt: IsoDate; email: string; subject: string };
  /** Set when the room is created (and again when it is queued); Rocket.Chat 6.x lacks the next two. */
  queuedAt?: IsoDate;
  /** `LivechatPriorityWeight.NOT_SPECIFIED` (99999) unless an Enterprise priority is set. */
  priorityWeight?: number;
  /** `DEFAULT_SLA_CONFIG.ESTIMATED_WAITING_TIME_QUEUE` (9999999) unless an Enterprise SLA is set. */
  estimatedWaitingTimeQueue?: number;
  /** Room-scoped custom fields. */
  livechatData?: Record<string, string>;
  metrics?: { chatDuration?: number };
  /** Set by `livechat/room.survey`. */
  surveyFeedback?: Record<string, string>;
}

/** `stream-livechat-room` `queueData` and `config.queueInfo` (Enterprise `normalizeQueueInfo`). */
export interface QueueInfo {
  /** 1-based place in the queue. */
  spot: number;
  message: { text: string; user: { _id: 'rocket.cat'; username: 'rocket.cat' } };
  /** Absent until closed chats give an average duration. */
  estimatedWaitTimeSeconds?: number;
}

export type TriggerConditionName = 'time-on-site' | 'page-url' | 'chat-opened-by-visitor' | 'after-guest-registration';

/** `ILivechatTrigger` as `livechat/config` sends it (`_id`, `actions`, `conditions`, `runOnce`). */
export interface LivechatTrigger {
  _id: string;
  runOnce: boolean;
  conditions: { name: TriggerConditionName; value?: string | number | null }[];
  actions: (
    | { name: 'send-message'; params?: { sender: 'queue' | 'custom'; msg: string; name?: string | null } | null }
    | { name: 'use-external-service'; params?: Record<string, unknown> | null }
  )[];
}

export interface AgentInfo {
  _id: string;
  name?: string;
  username: string;
  status?: string;
  emails?: { address: string; verified?: boolean }[];
  phone?: { phoneNumber: string }[];
}
export type AgentInfoOrHidden = AgentInfo | { hiddenInfo: true };

export interface WireDepartment {
  _id: string;
  name: string;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
}

/** A custom field as Rocket.Chat stores it (`ILivechatCustomField`): `options` is one comma string. */
export interface WireCustomField {
  _id: string;
  label: string;
  regexp?: string;
  required?: boolean;
  type?: 'input' | 'select';
  defaultValue?: string;
  options?: string;
  visibility?: 'visible' | 'hidden';
  scope?: 'visitor' | 'room';
  /** Only public fields reach the widget (Enterprise `getLivechatCustomFields`). */
  public?: boolean;
  searchable?: boolean;
}

/**
 * A custom field as `livechat/config` sends it (Enterprise only; Community sends no `customFields`):
 * `options` split on commas (and absent when empty), `defaultValue` null when unset, `regexp` absent
 * when unset. Older servers sent the stored shape, with `options` as one string.
 */
export interface LivechatConfigCustomField {
  _id: string;
  label: string;
  regexp?: string;
  required: boolean;
  type?: string;
  defaultValue: string | null;
  options?: string[];
}

export interface LivechatTheme {
  title: string;
  color: string;
  offlineTitle: string;
  offlineColor: string;
  position: 'right' | 'left';
  background?: string;
  hideExpandChat?: boolean;
}

export interface LivechatSettings {
  registrationForm: boolean;
  allowSwitchingDepartments: boolean;
  nameFieldRegistrationForm: boolean;
  emailFieldRegistrationForm: boolean;
  displayOfflineForm: boolean;
  videoCall: boolean;
  fileUpload: boolean;
  language: string;
  transcript: boolean;
  historyMonitorType: 'url' | 'title' | 'never';
  forceAcceptDataProcessingConsent: boolean;
  showConnecting: boolean;
  agentHiddenInfo: boolean;
  clearLocalStorageWhenChatEnded: boolean;
  limitTextLength: false | number;
  hiddenSystemMessages?: string[];
  visitorsCanCloseChat?: boolean;
}

export interface LivechatMessages {
  offlineMessage: string;
  offlineSuccessMessage: string;
  offlineUnavailableMessage: string;
  conversationFinishedMessage: string;
  conversationFinishedText: string;
  transcriptMessage: string;
  registrationFormMessage: string;
  dataProcessingConsentText: string;
}

export interface LivechatConfigEnabled {
  enabled: true;
  settings: LivechatSettings;
  theme: LivechatTheme;
  messages: LivechatMessages;
  survey: { items: string[]; values: string[] };
  triggers: LivechatTrigger[];
  departments: WireDepartment[];
  resources: { sound: string; emojis: unknown[] };
  online: boolean;
  guest?: Pick<WireVisitor, '_id' | 'name' | 'username' | 'token' | 'visitorEmails' | 'department'>;
  room?: { _id: string; departmentId?: string; servedBy?: WireRoom['servedBy']; open?: boolean };
  agent?: AgentInfoOrHidden;
  customFields?: LivechatConfigCustomField[];
  /** Enterprise: the visitor's place while their open room waits in the queue; else absent or null. */
  queueInfo?: QueueInfo | null;
}
export type LivechatConfig = LivechatConfigEnabled | { enabled: false };

/** Every Rocket.Chat failure body; fields vary by how the server threw (contract §0.3). */
export interface ErrorBody {
  success: false;
  error?: string;
  errorType?: string;
  details?: unknown;
  message?: string;
  status?: string;
  reason?: string;
}
