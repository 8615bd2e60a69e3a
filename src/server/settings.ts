/**
 * The Rocket.Chat settings the stand-in honours, under their Rocket.Chat ids, with Rocket.Chat's defaults
 * (contract §0.6). An admin changes them with `POST /api/v1/settings/:_id`, as on a real server.
 */
import { DEFAULT_EMAIL_FOOTER, DEFAULT_EMAIL_HEADER } from './mail/templates.ts';

export const DEFAULT_SETTINGS = {
  Site_Url: 'http://127.0.0.1:3000',
  Site_Name: 'Rocket.Chat',
  Language: 'en',
  From_Email: 'no-reply@rocket.chat.example',
  Email_Header: DEFAULT_EMAIL_HEADER as string,
  Email_Footer: DEFAULT_EMAIL_FOOTER as string,
  SMTP_Host: '',
  SMTP_Port: 25,

  API_Enable_CORS: false,
  API_CORS_Origin: '*',
  API_Enable_Rate_Limiter: true,
  API_Enable_Rate_Limiter_Limit_Calls_Default: 10,
  API_Enable_Rate_Limiter_Limit_Time_Default: 60_000,

  Livechat_enabled: true,
  Livechat_title: 'Rocket.Chat',
  Livechat_title_color: '#C1272D',
  Livechat_offline_title: 'Leave a message',
  Livechat_offline_title_color: '#666666',
  Livechat_offline_message: '',
  Livechat_offline_success_message: '',
  Livechat_offline_form_unavailable: '',
  Livechat_offline_email: '',
  Livechat_display_offline_form: true,
  Livechat_validate_offline_email: true,
  Livechat_registration_form: true,
  Livechat_name_field_registration_form: true,
  Livechat_email_field_registration_form: true,
  Livechat_registration_form_message: '',
  Livechat_conversation_finished_message: '',
  Livechat_conversation_finished_text: '',
  Livechat_show_agent_info: true,
  Livechat_show_agent_email: true,
  Livechat_widget_position: 'right' as 'right' | 'left',
  Omnichannel_allow_visitors_to_close_conversation: true,
  Livechat_request_comment_when_closing_conversation: true,
  Livechat_enable_transcript: false,
  Livechat_transcript_send_always: false,
  Livechat_transcript_show_system_messages: false,
  Livechat_transcript_message: '',
  Livechat_transcript_email_subject: '',
  Livechat_history_monitor_type: 'url' as 'url' | 'title' | 'never',
  Livechat_Visitor_navigation_as_a_message: false,
  Livechat_fileupload_enabled: true,
  FileUpload_Enabled: true,
  /** Bytes; 0 means Rocket.Chat's 100 MiB fallback, -1 no limit. */
  FileUpload_MaxFileSize: 104_857_600,
  FileUpload_MediaTypeWhiteList: '',
  FileUpload_MediaTypeBlackList: 'image/svg+xml',
  FileUpload_ProtectFiles: true,
  Livechat_enable_message_character_limit: false,
  Livechat_message_character_limit: 0,
  Message_MaxAllowedSize: 5000,
  Message_AllowEditing: true,
  Message_AllowDeleting: true,
  Livechat_clear_local_storage_when_chat_ended: false,
  Livechat_allow_switching_departments: true,
  Livechat_Routing_Method: 'Auto_Selection' as 'Auto_Selection' | 'Manual_Selection',
  Livechat_accept_chats_with_no_agents: false,
  /** Enterprise: chats wait in a queue while every agent is at `Livechat_maximum_chats_per_agent`. */
  Livechat_waiting_queue: false,
  Livechat_waiting_queue_message: '',
  /** Enterprise: 0 means no limit. */
  Livechat_maximum_chats_per_agent: 0,
  Livechat_number_most_recent_chats_estimate_wait_time: 100,
  Omnichannel_calculate_dispatch_service_queue_statistics: true,
  /** GDPR mode: also lets `DELETE livechat/visitor/:token` remove a visitor whose chat is open. */
  Livechat_Allow_collect_and_store_HTTP_header_informations: false,
  Accounts_AvatarCacheTime: 0,
  UI_Use_Name_Avatar: false,
  Livechat_force_accept_data_processing_consent: false,
  Livechat_data_processing_consent_text: '',
  Livechat_Show_Connecting: false,
  Livechat_hide_system_messages: ['uj', 'ul', 'livechat-started'] as string[],
  Livechat_guest_count: 1,
};

export type Settings = typeof DEFAULT_SETTINGS;
export type SettingId = keyof Settings;

export function isSettingId(id: string): id is SettingId {
  return Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS, id);
}

/** Coerce an admin-supplied value to the type of the setting's default, or say why not. */
export function coerceSetting(id: SettingId, value: unknown): { ok: true; value: Settings[SettingId] } | { ok: false } {
  const current = DEFAULT_SETTINGS[id];
  if (Array.isArray(current)) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string')
      ? { ok: true, value: value as string[] }
      : { ok: false };
  }
  if (typeof value === typeof current) return { ok: true, value: value as Settings[SettingId] };
  return { ok: false };
}
