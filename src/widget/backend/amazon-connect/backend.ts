/**
 * The Amazon Connect implementation of ChatBackend, in-house over ky and a WebSocket (no AWS SDK, no
 * chatjs). A chat starts at the site owner's start-chat endpoint (the samples' convention), then
 * CreateParticipantConnection; everything after is the Participant Service (contract §1) and its
 * websocket (§2). The credentials (ParticipantToken, ConnectionToken) stay here, in the storage this
 * adapter is given (sessionStorage semantics, as the official README advises); the conversation id
 * the state layer holds is the ContactId.
 */
import { randomId } from '../../../shared/random-id.ts';
import type { CreateParticipantConnectionResponse, GetTranscriptResponse, SendMessageResponse, StartChatResponseBody, TranscriptItem } from '../../../shared/amazon-connect/wire.ts';
import type { Agent, ChatBackend, ChatMessage, Features, KeyValueStore, LiveEvent, ServerConfig } from '../chat-backend.ts';
import { ChatError, isChatError } from '../errors.ts';
import { adaptItem, type Me } from './adapt.ts';
import { participantUrl, SESSION, transcriptBody } from './early.ts';
import { createPost, type HttpOptions } from './http.ts';
import type { ReceiptOptions, ReceiptSender } from './receipts.ts';
import { chatSocket, type SocketOptions } from './socket.ts';

export interface ConnectBackendOptions {
  /** The site owner's start-chat endpoint (Amazon's samples: an API Gateway URL). */
  startChatUrl: string;
  region?: string;
  /** Participant Service origin; by default the region's. */
  endpoint?: string;
  /** "Email me the transcript" (our reference backend's route); by default beside the start-chat URL. */
  transcriptUrl?: string;
  storage?: KeyValueStore;
  /** Sent with the start, as amazon-connect-chat-interface does. */
  attributes?: Record<string, string>;
  contentTypes?: string[];
  displayName?: string;
  initialMessage?: string;
  chatDurationInMinutes?: number;
  instanceId?: string;
  contactFlowId?: string;
  headers?: Record<string, string>;
  http?: HttpOptions;
  socket?: SocketOptions;
  receipts?: ReceiptOptions;
  /** Typing events: at most one per this long (chatjs: 10 s, leading edge). */
  typingEveryMs?: number;
}

/** What survives a reload, in the adapter's storage. */
interface Session {
  contactId: string;
  participantId: string;
  participantToken: string;
  connectionToken?: string;
  markdown: boolean;
  attachments: boolean;
  transcript: boolean;
  agent?: Agent;
  ended?: boolean;
  /** We disconnected: the end is ours. */
  leaving?: boolean;
}

const INTERACTIVE = 'application/vnd.amazonaws.connect.message.interactive';
/** Every item seen, kept so a transcript can still be read after the chat (and its token) ended. */
const ITEMS = 'connect-items';

const ended = () => new ChatError('room-closed', 'ended');

export function createConnectBackend(o: ConnectBackendOptions): ChatBackend {
  const storage = o.storage;
  // Read at each use: a chat-interface page may name them only when it starts a chat.
  const participant = () => participantUrl(o);
  const transcriptUrl = () => o.transcriptUrl ?? (/\/start-chat\/?$/.test(o.startChatUrl) ? o.startChatUrl.replace(/start-chat\/?$/, 'transcript-email') : undefined);
  // Interactive messages (a bot's quick replies, list pickers) reach a contact only when it asked for them.
  const types = () => o.contentTypes ?? ['text/plain', 'text/markdown', INTERACTIVE, `${INTERACTIVE}.response`];
  const post = createPost(3, o.http ?? {});
  const postOnce = createPost(0, o.http ?? {});
  let s: Session | undefined = storage?.get<Session>(SESSION);
  let memoryOnly = false;
  const items = new Map<string, TranscriptItem>((storage?.get<TranscriptItem[]>(ITEMS) ?? []).map((i) => [i.Id!, i]));
  /** ClientToken of our messages by the Id the server gave them. */
  const ids = new Map<string, string>();
  /** Our own messages' echoes that came before SendMessage answered, by Id. */
  const held = new Map<string, ChatMessage>();
  let inFlight = 0;
  let emit: ((e: LiveEvent) => void) | undefined;
  let socketUrl: { url: string; at: number } | undefined;

  const save = () => {
    if (memoryOnly || !storage) return;
    if (s) storage.set(SESSION, s);
    else storage.remove(SESSION);
  };
  const remember = (list: readonly TranscriptItem[]) => {
    let added = false;
    for (const i of list) {
      if (!i.Id || i.Type === 'MESSAGEMETADATA' || i.ContentType?.endsWith('.typing')) continue;
      items.set(i.Id, i);
      added = true;
    }
    if (added && !memoryOnly) storage?.set(ITEMS, [...items.values()].slice(-1000));
  };
  const me = (): Me => ({ participantId: s?.participantId ?? '', leaving: s?.leaving });
  const need = (): Session => {
    if (!s) throw new ChatError('not-found', 'no chat');
    if (s.ended) throw ended();
    return s;
  };
  const finish = () => {
    if (!s || s.ended) return;
    s.ended = true;
    save();
    emit?.({ type: 'ended', by: s.leaving ? 'visitor' : 'agent' });
  };

  /** A new connection (ConnectionToken and websocket URL) from the ParticipantToken; refused once the chat is over. */
  async function connect(): Promise<string> {
    const cur = need();
    let r: CreateParticipantConnectionResponse;
    try {
      r = await post(`${participant()}connection`, { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] }, { 'X-Amz-Bearer': cur.participantToken });
    } catch (e) {
      if (isChatError(e) && e.kind === 'unauthorized') {
        finish();
        throw ended();
      }
      throw e;
    }
    const token = r.ConnectionCredentials?.ConnectionToken;
    const url = r.Websocket?.Url;
    if (!token || !url) throw new ChatError('server', 'no connection');
    cur.connectionToken = token;
    save();
    return url;
  }

  /** A Participant Service call with the ConnectionToken; an expired one is renewed once. */
  async function call<T>(op: string, body: object): Promise<T> {
    const cur = need();
    if (!cur.connectionToken) await connect();
    try {
      return await post<T>(`${participant()}${op}`, body, { 'X-Amz-Bearer': cur.connectionToken! });
    } catch (e) {
      if (!isChatError(e) || e.kind !== 'unauthorized') throw e;
      await connect();
      return post<T>(`${participant()}${op}`, body, { 'X-Amz-Bearer': cur.connectionToken! });
    }
  }
  // Sending files: its own chunk, fetched the first time a visitor sends one.
  const uploads = () => import('./uploads.ts');
  const event = (ContentType: string, Content?: string) =>
    void call('event', { ContentType, ...(Content ? { Content } : {}), ClientToken: randomId() }).catch(() => undefined);
  // Receipts go out 300 ms to 5 s after the fact anyway: their scheduler is a chunk fetched the first time.
  let sender: Promise<ReceiptSender> | undefined;
  const receipts = (use: (r: ReceiptSender) => void) =>
    void (sender ??= import('./receipts.ts').then((m) =>
      m.receiptSender((kind, messageId) => event(`application/vnd.amazonaws.connect.event.message.${kind}`, JSON.stringify({ messageId })), o.receipts),
    )).then(use, () => (sender = undefined));

  /** Items as messages, noting what the transcript says of receipts we sent and of who the agent is. */
  function adaptPage(list: readonly TranscriptItem[], newest: boolean): ChatMessage[] {
    const out: ChatMessage[] = [];
    const who = me();
    let agent = s?.agent;
    for (const item of list) {
      const a = adaptItem(item, who);
      for (const r of item.MessageMetadata?.Receipts ?? []) {
        if (r.RecipientParticipantId === who.participantId && item.Id) receipts((x) => x.known(item.Id!, r.ReadTimestamp ? 'read' : 'delivered'));
      }
      if (newest && a.agent !== undefined) agent = a.agent ?? undefined;
      if (!a.message) continue;
      const client = ids.get(a.message.id);
      out.push(client ? { ...a.message, clientId: client } : a.message);
    }
    // The newest page says who the agent is now (a join we missed while connecting, or before a reload).
    if (newest && s && agent?.username !== s.agent?.username) {
      s.agent = agent;
      save();
      emit?.({ type: 'agent', agent });
    }
    return out;
  }

  /** After the end, the transcript as we kept it: pages of `limit`, newest first, cursor `c:<end>`. */
  function keptPage(cursor: string | undefined, limit: number) {
    const all = [...items.values()].sort((a, b) => Date.parse(a.AbsoluteTime ?? '') - Date.parse(b.AbsoluteTime ?? ''));
    const end = cursor?.startsWith('c:') ? Number(cursor.slice(2)) : all.length;
    const start = Math.max(0, end - limit);
    return { messages: adaptPage(all.slice(start, end), false), ...(start > 0 ? { earlier: `c:${start}` } : {}) };
  }

  const features = (cur: Session | undefined): Partial<Features> => ({
    markdown: cur?.markdown ?? types().includes('text/markdown'),
    attachments: cur?.attachments ?? false,
    // ATTACHMENTS permits both ways: files the agent sends, and files the visitor sends.
    uploads: cur?.attachments ?? false,
    emailTranscript: cur?.transcript ?? !!transcriptUrl(),
  });

  function live(item: TranscriptItem): void {
    if (!s || (item.InitialContactId !== s.contactId && item.ContactId !== s.contactId && item.Type !== 'MESSAGEMETADATA')) return;
    remember([item]);
    const a = adaptItem(item, me());
    if (a.typing !== undefined) emit?.({ type: 'typing', name: a.typing, typing: true });
    if (a.receipt) emit?.({ type: 'receipt', ...a.receipt });
    if (a.agent !== undefined) {
      s.agent = a.agent ?? undefined;
      save();
      emit?.({ type: 'agent', agent: s.agent });
    }
    const m = a.message;
    if (m) {
      if (m.from === 'visitor') {
        const client = ids.get(m.id);
        if (client) m.clientId = client;
        // Our own message, back before SendMessage answered: its answer will say which one it is.
        else if (inFlight) return void held.set(m.id, m);
      } else if (m.from === 'agent') receipts((x) => x.delivered(m.id));
      emit?.({ type: 'message', message: m });
    }
    if (a.ended) finish();
  }

  const config = (): ServerConfig => ({
    enabled: true,
    // Connect says nothing of staffing before a chat: the contact flow answers (or queues) every chat.
    online: true,
    theme: { title: '', color: '', offlineTitle: '', offlineColor: '', position: 'right' },
    features: {
      finishChat: true,
      offlineForm: false,
      registrationForm: false,
      departments: false,
      readReceipts: true,
      typing: true,
      pageVisits: 'never',
      visitorStatus: false,
      visitorToken: false,
      changeDepartment: false,
      removeVisitor: false,
      survey: false,
      triggers: false,
      ...(features(s) as Pick<Features, 'markdown' | 'attachments' | 'uploads' | 'emailTranscript'>),
    },
    nameField: false,
    emailField: false,
    agentHidden: false,
    forgetWhenEnded: false,
    // SendMessage takes at most 1024 characters of text (contract §1.1).
    limitTextLength: 1024,
    hiddenSystemMessages: [],
    texts: {},
    departments: [],
    customFields: [],
    ...(s && !s.ended ? { openConversation: { id: s.contactId, ...(s.agent ? { agent: s.agent } : {}) } } : {}),
  });

  return {
    loadConfig: async () => config(),

    // The visitor is known to Connect only through the chat it starts: nothing to tell before.
    identify: async ({ name, email }) => ({ name, email }),

    async startChat({ details }) {
      if (s && !s.ended) return { id: s.contactId, ...(s.agent ? { agent: s.agent } : {}), features: features(s) };
      const attributes = { ...o.attributes };
      for (const f of details.customFields ?? []) attributes[f.key] = f.value;
      const r = await postOnce<StartChatResponseBody>(
        o.startChatUrl,
        // (JSON leaves out what is undefined.)
        {
          ParticipantDetails: { DisplayName: (details.name || o.displayName || 'Customer').slice(0, 256) },
          SupportedMessagingContentTypes: types(),
          Attributes: Object.keys(attributes).length ? attributes : undefined,
          InitialMessage: o.initialMessage ? { ContentType: 'text/plain', Content: o.initialMessage } : undefined,
          ChatDurationInMinutes: o.chatDurationInMinutes,
          InstanceId: o.instanceId,
          ContactFlowId: o.contactFlowId,
        },
        o.headers,
      );
      const res = r?.data?.startChatResult;
      if (!res?.ContactId || !res.ParticipantId || !res.ParticipantToken) throw new ChatError('server', 'no startChatResult');
      const fp = r.data.featurePermissions;
      items.clear();
      storage?.remove(ITEMS);
      s = {
        contactId: res.ContactId,
        participantId: res.ParticipantId,
        participantToken: res.ParticipantToken,
        markdown: fp?.MESSAGING_MARKDOWN ?? types().includes('text/markdown'),
        attachments: fp?.ATTACHMENTS === true,
        transcript: !!transcriptUrl() && r.data.transcriptEmail !== false,
      };
      save();
      // Within five minutes of the start, or the chat is dropped: connect now, and keep the URL for the socket.
      socketUrl = { url: await connect(), at: Date.now() };
      return { id: s.contactId, features: features(s) };
    },

    async sendMessage({ id, text, choice }) {
      const cur = need();
      // A choice answers as amazon-connect-chat-interface answers one: its title, as plain text.
      const markdown = cur.markdown && !choice;
      inFlight++;
      try {
        let r: SendMessageResponse;
        try {
          r = await call('message', { ContentType: markdown ? 'text/markdown' : 'text/plain', Content: text, ClientToken: id });
        } catch (e) {
          // The contact does not take markdown after all (a backend that ignored our content types).
          if (!markdown || !isChatError(e) || e.kind !== 'invalid-params') throw e;
          cur.markdown = false;
          save();
          r = await call('message', { ContentType: 'text/plain', Content: text, ClientToken: id });
        }
        if (!r.Id) throw new ChatError('server', 'no Id');
        ids.set(r.Id, id);
        held.delete(r.Id);
        return { id: r.Id, clientId: id, text, at: Date.parse(r.AbsoluteTime ?? '') || Date.now(), from: 'visitor', format: markdown && cur.markdown ? undefined : 'plain' };
      } finally {
        // Echoes nobody claimed are someone else's doing (another device): show them.
        if (!--inFlight) {
          for (const m of held.values()) emit?.({ type: 'message', message: m });
          held.clear();
        }
      }
    },

    async loadHistory({ cursor, limit }) {
      if (s && !s.ended && !cursor?.startsWith('c:')) {
        try {
          const r = await call<GetTranscriptResponse>('transcript', transcriptBody(limit, cursor));
          const list = r.Transcript ?? [];
          remember(list);
          return { messages: adaptPage(list, !cursor), ...(r.NextToken ? { earlier: r.NextToken } : {}) };
        } catch (e) {
          if (!isChatError(e) || e.kind !== 'room-closed') throw e;
        }
      }
      // The chat is over, and its token with it: what we kept is all there is.
      return keptPage(cursor, limit);
    },

    async closeChat() {
      const cur = need();
      cur.leaving = true;
      save();
      try {
        await call('disconnect', { ClientToken: randomId() });
      } catch (e) {
        // Refused because it already ended: the visitor's wish is met all the same.
        if (!isChatError(e) || e.kind !== 'room-closed') {
          cur.leaving = false;
          save();
          throw e;
        }
      }
      finish();
    },

    async requestTranscript({ email }) {
      const url = transcriptUrl();
      if (!s || !url) throw new ChatError('disabled', 'no transcript route');
      await postOnce(url, { ContactId: s.contactId, ParticipantToken: s.participantToken, Email: email }, o.headers);
    },

    sendOfflineMessage: () => Promise.reject(new ChatError('disabled', 'no offline messages')),
    setVisitorStatus: async () => undefined,
    pageVisited: async () => undefined,

    async attachmentUrl({ id }) {
      const r = await call<{ Url?: string }>('attachment', { AttachmentId: id, UrlExpiryInSeconds: 300 });
      if (!r.Url) throw new ChatError('server', 'no Url');
      return r.Url;
    },

    uploadRules: async () => (await uploads()).CONNECT_UPLOAD_RULES,
    async uploadFile({ file, onProgress, signal }) {
      if (!need().attachments) throw new ChatError('disabled', 'this chat takes no attachments');
      await (await uploads()).uploadToConnect(call, { file, ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
      // The file's item arrives on the websocket.
      return undefined;
    },
    // Rocket.Chat's extras have no Participant Service counterpart (features say so).
    transferChat: () => Promise.reject(new ChatError('disabled', 'no departments on Amazon Connect')),
    sendSurvey: () => Promise.reject(new ChatError('disabled', 'no survey on Amazon Connect')),
    removeVisitor: () => Promise.reject(new ChatError('disabled', 'no visitor record on Amazon Connect')),
    triggers: async () => [],
    nextAgent: async () => undefined,

    watch(_p, onEvent) {
      emit = onEvent;
      let typedAt = -Infinity;
      const socket = chatSocket(
        {
          connect: async () => {
            const fresh = socketUrl;
            socketUrl = undefined;
            return fresh && Date.now() - fresh.at < 60_000 ? fresh.url : connect();
          },
          item: live,
          state: (state, retryInMs) => onEvent({ type: 'connection', state, ...(retryInMs !== undefined ? { retryInMs } : {}) }),
          resync: () => onEvent({ type: 'resync' }),
          refused: finish,
        },
        o.socket,
      );
      return {
        setTyping(typing) {
          const now = Date.now();
          if (!typing || now - typedAt < (o.typingEveryMs ?? 10_000)) return;
          typedAt = now;
          event('application/vnd.amazonaws.connect.event.typing');
        },
        markRead: (list) => receipts((x) => list.forEach((i) => x.read(i))),
        reconnectNow: socket.reconnectNow,
        close() {
          socket.close();
          void sender?.then((x) => x.stop());
          if (emit === onEvent) emit = undefined;
        },
      };
    },

    forget(scope) {
      if (scope === 'device') {
        memoryOnly = true;
        storage?.remove(SESSION);
        storage?.remove(ITEMS);
        return;
      }
      s = undefined;
      memoryOnly = false;
      items.clear();
      ids.clear();
      storage?.remove(SESSION);
      storage?.remove(ITEMS);
    },
  };
}
