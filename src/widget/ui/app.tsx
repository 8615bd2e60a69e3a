import type { Signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { Chat } from '../state/chat.ts';
import { isEmail } from '../state/chat.ts';
import type { AgentLabel } from './message-text.ts';
import { direction, language, t } from '../i18n/index.ts';
import { Avatar } from './avatar.tsx';
import { Composer } from './composer.tsx';
import { ConnectionStatus } from './connection-status.tsx';
import { withName } from './bidi.tsx';
import { Header } from './header.tsx';
import { MessageList } from './message-list.tsx';
import { lazy } from './lazy.tsx';

export type Sheet = 'none' | 'finish' | 'transcript' | 'department' | 'forget';

// Not part of an open chat: fetched when first shown.
// The finish confirmation, the transcript sheet and the end of a chat: one chunk, wired there.
const Sheets = lazy(() => import('./app-sheets.tsx').then((m) => m.Sheets));
// The pre-chat and offline forms, with their wiring.
const Forms = lazy(() => import('./app-forms.tsx').then((m) => m.Forms));
// Shown only when something is wrong: fetched at idle once the chat is up (`preloadTrouble`), so it
// is here when the network is not.
export const preloadTrouble = () => import('./trouble.tsx');
const NoticeBanner = lazy(() => import('./trouble.tsx').then((m) => m.NoticeBanner));
const PanelTrouble = lazy(() => import('./trouble.tsx').then((m) => m.PanelTrouble));
const Welcome = lazy(() => import('./welcome.tsx').then((m) => m.Welcome));
// The queue place, change department, forget my data, the survey: one chunk, on first use.
const Extra = lazy(() => import('./extras.tsx').then((m) => m.Extra));
// The attach button shows in every chat where the server takes files: a small chunk of its own, which
// fetches the tray of files on their way (their state, texts and rules) when it has something to show.
const Uploads = lazy(() => import('./attach.tsx').then((m) => m.Uploads));

export interface AppProps {
  chat: Chat;
  sheet: Signal<Sheet>;
  /** Title set by the site owner (data-title / setTheme), over the server's. */
  titleOverride: Signal<string | undefined>;
  composerRef: { current: HTMLTextAreaElement | null };
  /** Set (to where focus was parked) when the panel opened before its content was ready. */
  focusWanted?: Signal<HTMLElement | null>;
  sound?: Signal<boolean>;
  onToggleSound?: () => void;
  onMinimize: () => void;
  /** An agent's picture by username, where the server serves one. */
  avatarUrl?: (username: string) => string | undefined;
}

/** The panel: reads the chat's signals, renders the screen it is on, and hands actions back. */
export function App({ chat, sheet, titleOverride, composerRef, focusWanted, sound, onToggleSound, onMinimize, avatarUrl }: AppProps) {
  const screen = chat.screen.value;
  useEffect(() => {
    const parked = focusWanted?.value;
    const target = composerRef.current;
    if (!parked || !target) return;
    // Only if the visitor has not moved on: focus is still where the panel parked it.
    const active = (target.getRootNode() as Document | ShadowRoot).activeElement;
    if (active === parked || active === null) target.focus();
    focusWanted!.value = null;
  });
  const config = chat.config.value;
  const agent = chat.agent.value;
  const notice = chat.notice.value;
  const queue = chat.queue.value;
  const ended = chat.ended.value;
  const online = config?.online !== false || !!chat.conversationId.value;
  // A server without a theme (Amazon Connect) gets the widget's own name for the panel.
  const title = titleOverride.value ?? ((config ? (online ? config.theme.title : config.theme.offlineTitle) : '') || t('panel.label'));
  const agentHidden = config?.agentHidden === true || agent?.hidden === true;
  // A proactive message's configured sender (no username) is nobody's identity: its name shows even where agents are hidden.
  // The same function from render to render: each message is drawn again only when its own props change,
  // not on every signal this panel reads (an agent's name, the connection, a notice) — on a slow phone each
  // of those redrew the whole conversation in one long task.
  const agentLabel = useMemo<AgentLabel>(
    () => (m) => (agentHidden && m.author?.username !== '' ? t('agent.generic') : m.author?.name || m.author?.username || t('agent.generic')),
    [agentHidden],
  );
  const agentName = agent && !agentHidden ? agent.name || agent.username : undefined;
  // No pictures of agents the server keeps anonymous.
  const avatarOf = agentHidden ? undefined : avatarUrl;
  const inChat = screen === 'chat' && !!chat.conversationId.value && !ended;
  const email = chat.visitor.value?.email ?? chat.guest.value.email;
  const uploads = screen === 'chat' && config?.features.uploads === true && !ended;
  const closeSheet = () => {
    sheet.value = 'none';
    queueMicrotask(() => composerRef.current?.focus());
  };

  const download = chat.download.value;
  const onDownload = (format: 'text' | 'html') =>
    void chat.downloadTranscript(async (messages) => {
      // The file builders are a separate chunk, fetched only when someone downloads.
      const file = await import('./transcript-file.ts');
      file.downloadTranscriptFile(format, messages, { title, agentLabel });
    });

  // A session the server refused again: the way on is a new chat, not the same request.
  const startOver = notice?.error.kind === 'unauthorized' && notice.during !== 'recovered';
  const noticeRetry = startOver
    ? chat.startOver
    : notice
    ? notice.during === 'load'
      ? () => void chat.load()
      : notice.during === 'start'
        ? chat.retryStart
        : notice.during === 'finish'
          ? () => void chat.finish()
          : undefined
    : undefined;

  return (
    <div class="shell" dir={direction.value} lang={language.value}>

      <Header
        title={title}
        subtitle={agentName && !ended ? withName('agent.servedBy', agentName) : undefined}
        {...(agentName && !ended ? { agent: { name: agentName, avatar: avatarOf?.(agent!.username) } } : {})}
        canFinish={inChat && config?.features.finishChat !== false}
        canRequestTranscript={inChat && config?.features.emailTranscript === true}
        canDownload={inChat}
        onFinish={() => {
          sheet.value = 'finish';
          // The survey follows the confirmation: here before the visitor's next Tab would look for it.
          if (config?.survey) Extra.preload();
        }}
        onTranscript={() => (sheet.value = 'transcript')}
        onDownload={onDownload}
        {...(inChat && config?.features.changeDepartment ? { onChangeDepartment: () => (sheet.value = 'department') } : {})}
        {...(sound && onToggleSound ? { soundOn: sound.value, onToggleSound } : {})}
        {...(config?.features.removeVisitor && (chat.visitor.value || chat.conversationId.value) ? { onForget: () => (sheet.value = 'forget') } : {})}
        onMinimize={onMinimize}
      />
      <ConnectionStatus state={chat.connection.value} onReconnect={chat.reconnect} />
      {/* Always in the page while chatting, so screen readers announce a place as it appears or changes. */}
      {inChat && (
        <div class="queue" role="status">
          {queue && <Extra part="queue" chat={chat} />}
        </div>
      )}
      {notice && (
        <NoticeBanner notice={notice} onRetry={noticeRetry} {...(startOver ? { retryLabel: t('recovery.startOver') } : {})} onDismiss={chat.dismissNotice} />
      )}
      {(!chat.persistent || download.status === 'error' || (screen === 'error' && !notice) || screen === 'unavailable' || (screen === 'offline' && !config?.features.offlineForm)) && (
        <PanelTrouble
          memoryOnly={!chat.persistent}
          {...(download.status === 'error' ? { download: download.error } : {})}
          screen={screen === 'error' && notice ? '' : screen === 'offline' && config?.features.offlineForm ? '' : screen}
          offlineText={config?.texts.offlineUnavailableMessage}
          onLoad={() => void chat.load()}
        />
      )}
      {download.status === 'preparing' && (
        <p class="memory-note" role="status">
          {t('transcript.preparing')}
        </p>
      )}

      {screen === 'loading' && (
        <p class="centered" role="status">
          {t('panel.loading')}
        </p>
      )}
      {((screen === 'offline' && config?.features.offlineForm) || (screen === 'prechat' && config)) && <Forms chat={chat} composerRef={composerRef} />}

      {(screen === 'chat' || screen === 'ended') && (
        <MessageList
          messages={chat.messages.value}
          agentLabel={agentLabel}
          typingName={chat.typing.value ? (agentHidden ? t('agent.generic') : (agentName ?? chat.typing.value)) : undefined}
          canLoadEarlier={!!chat.conversationId.value && !chat.historyComplete.value}
          onLoadEarlier={chat.loadEarlier}
          onRetry={chat.retry}
          onEdit={chat.discard}
          onChoose={chat.choose}
          fileUrl={chat.attachmentUrl}
          onJumped={() => composerRef.current?.focus()}
          {...(avatarOf ? { avatarOf } : {})}
          // The welcome greets a new chat only: an ongoing one shows its history (the plain line while it loads).
          empty={screen === 'chat' && !chat.conversationId.value ? <Welcome agent={agentName && <Avatar name={agentName} src={avatarOf?.(agent!.username)} />} /> : undefined}
        />
      )}

      {((screen === 'chat' && inChat && (sheet.value === 'finish' || sheet.value === 'transcript')) || (screen === 'ended' && ended)) && (
        <Sheets
          chat={chat}
          sheet={sheet}
          email={email}
          isEmail={isEmail}
          onDownload={onDownload}
          composerRef={composerRef}
          {...(screen === 'ended' && config?.survey ? { survey: <Extra key={chat.conversationId.value} part="survey" chat={chat} /> } : {})}
        />
      )}
      {screen === 'chat' && sheet.value === 'department' && inChat && <Extra part="department" chat={chat} onClose={closeSheet} />}
      {sheet.value === 'forget' && <Extra part="forget" chat={chat} onClose={closeSheet} />}
      {uploads && <Uploads part="tray" chat={chat} />}
      {screen === 'chat' && sheet.value === 'none' && (
        <Composer
          draft={chat.draft}
          limit={config?.limitTextLength}
          onSend={chat.send}
          onTyping={chat.setTyping}
          inputRef={composerRef}
          {...(uploads ? { before: <Uploads part="attach" chat={chat} /> } : {})}
        />
      )}
    </div>
  );
}
