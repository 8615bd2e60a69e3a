/** `GET livechat/config` (contract §2): the settings-derived widget config plus the visitor's state. */
import type { LivechatConfig, LivechatConfigCustomField } from '../../shared/rocketchat/wire.ts';
import type { Store } from '../store/store.ts';
import { agentInfo } from './agents.ts';
import { queueInfoFor } from './queue.ts';
import { resolveDepartment } from './visitors.ts';

/** The satisfaction survey the widget shows, and which `livechat/room.survey` accepts (sic "Resposiveness"). */
export const SURVEY: { readonly items: readonly string[]; readonly values: readonly string[] } = {
  items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
  values: ['1', '2', '3', '4', '5'],
};

export function buildConfig(store: Store, token: string | undefined, department: string | undefined): LivechatConfig {
  const s = store.settings;
  if (!s.Livechat_enabled) return { enabled: false };

  const departmentId = department ? resolveDepartment(store, department) : undefined;
  const online = s.Livechat_accept_chats_with_no_agents || store.availableAgents(departmentId).length > 0;
  const config: LivechatConfig = {
    enabled: true,
    settings: {
      registrationForm: s.Livechat_registration_form,
      allowSwitchingDepartments: s.Livechat_allow_switching_departments,
      nameFieldRegistrationForm: s.Livechat_name_field_registration_form,
      emailFieldRegistrationForm: s.Livechat_email_field_registration_form,
      displayOfflineForm: s.Livechat_display_offline_form,
      videoCall: false,
      fileUpload: s.Livechat_fileupload_enabled && s.FileUpload_Enabled,
      language: s.Language,
      transcript: s.Livechat_enable_transcript,
      historyMonitorType: s.Livechat_history_monitor_type,
      forceAcceptDataProcessingConsent: s.Livechat_force_accept_data_processing_consent,
      showConnecting: s.Livechat_Show_Connecting,
      agentHiddenInfo: !s.Livechat_show_agent_info,
      clearLocalStorageWhenChatEnded: s.Livechat_clear_local_storage_when_chat_ended,
      limitTextLength: s.Livechat_enable_message_character_limit
        ? s.Livechat_message_character_limit || s.Message_MaxAllowedSize
        : false,
      hiddenSystemMessages: [...s.Livechat_hide_system_messages],
      visitorsCanCloseChat: s.Omnichannel_allow_visitors_to_close_conversation,
    },
    theme: {
      title: s.Livechat_title,
      color: s.Livechat_title_color,
      offlineTitle: s.Livechat_offline_title,
      offlineColor: s.Livechat_offline_title_color,
      position: s.Livechat_widget_position,
    },
    messages: {
      offlineMessage: s.Livechat_offline_message,
      offlineSuccessMessage: s.Livechat_offline_success_message,
      offlineUnavailableMessage: s.Livechat_offline_form_unavailable,
      conversationFinishedMessage: s.Livechat_conversation_finished_message,
      conversationFinishedText: s.Livechat_conversation_finished_text,
      transcriptMessage: s.Livechat_transcript_message,
      registrationFormMessage: s.Livechat_registration_form_message,
      dataProcessingConsentText: s.Livechat_data_processing_consent_text,
    },
    survey: { items: [...SURVEY.items], values: [...SURVEY.values] },
    // findEnabled, picked to what the widget runs.
    triggers: [...store.triggers.values()]
      .filter((t) => t.enabled)
      .map(({ _id, actions, conditions, runOnce }) => ({ _id, actions, conditions, runOnce })),
    // Rocket.Chat lists enabled departments that have agents.
    departments: [...store.departments.values()]
      .filter((d) => d.enabled && d.agentIds.length > 0)
      .map(({ _id, name, showOnRegistration, showOnOfflineForm }) => ({ _id, name, showOnRegistration, showOnOfflineForm })),
    resources: { sound: `${s.Site_Url.replace(/\/$/, '')}/sounds/chime.mp3`, emojis: [] },
    online,
  };

  const visitor = token ? store.visitorByTokenOf(token) : undefined;
  let openRoom: ReturnType<Store['openRoomsOf']>[number] | undefined;
  if (visitor) {
    config.guest = {
      _id: visitor._id,
      username: visitor.username,
      token: visitor.token,
      ...(visitor.name ? { name: visitor.name } : {}),
      ...(visitor.visitorEmails ? { visitorEmails: visitor.visitorEmails } : {}),
      ...(visitor.department ? { department: visitor.department } : {}),
    };
    const room = store.openRoomsOf(visitor.token)[0];
    openRoom = room;
    if (room) {
      config.room = { _id: room._id, open: true, ...(room.departmentId ? { departmentId: room.departmentId } : {}) };
      if (room.servedBy) {
        config.room.servedBy = { ...room.servedBy, ts: room.servedBy.ts.toISOString() };
        const agent = store.users.get(room.servedBy._id);
        if (agent) config.agent = agentInfo(store, agent);
      }
    }
  }
  // Enterprise's livechat.onLoadConfigApi hook adds both; queueInfo is null unless the room is queued.
  if (store.edition === 'enterprise') {
    config.queueInfo = queueInfoFor(store, openRoom);
    config.customFields = publicCustomFields(store);
  }
  return config;
}

/** Enterprise's `getLivechatCustomFields`: visible, visitor-scoped, public fields, in the config's shape. */
export function publicCustomFields(store: Store): LivechatConfigCustomField[] {
  return [...store.customFields.values()]
    .filter((f) => f.visibility === 'visible' && (f.scope ?? 'visitor') === 'visitor' && f.public === true)
    .map(({ _id, label, regexp, required = false, type, defaultValue, options }) => ({
      _id,
      label,
      ...(regexp !== undefined ? { regexp } : {}),
      required,
      ...(type !== undefined ? { type } : {}),
      defaultValue: defaultValue ?? null,
      // Rocket.Chat splits without trimming, and leaves `options` out when the setting is empty.
      ...(options ? { options: options.split(',') } : {}),
    }));
}
