/**
 * What the demo's settings page offers: Rocket.Chat settings (changed through `POST settings/:_id`, as
 * an admin does on a real server) grouped by what a visitor would notice, plus the demo bot's switch.
 */

export type SettingKind =
  | { type: 'switch' }
  | { type: 'select'; options: readonly (readonly [value: string, label: string])[] }
  | { type: 'color' }
  | { type: 'text' }
  | { type: 'number'; min: number; max: number };

export interface SettingItem {
  /** The Rocket.Chat setting id, or `demo-bot` for the stand-in's bot. */
  id: string;
  label: string;
  hint?: string;
  kind: SettingKind;
}

export interface SettingGroup {
  title: string;
  intro?: string;
  items: readonly SettingItem[];
}

const sw = { type: 'switch' } as const;

export const LANGUAGES = [
  ['en', 'English'],
  ['pt-BR', 'Português (Brasil)'],
  ['es', 'Español'],
  ['de', 'Deutsch'],
  ['ar', 'العربية'],
] as const;

export const DEMO_BOT = 'demo-bot';

export const CATALOG: readonly SettingGroup[] = [
  {
    title: 'Who answers',
    intro: 'With the bot off and nobody signed in at the agent console, the widget says the team is offline.',
    items: [
      { id: DEMO_BOT, label: 'Demo bot answers while no agent is signed in', hint: 'It steps aside when an agent signs in at the console.', kind: sw },
      { id: 'Livechat_display_offline_form', label: 'Offline form when nobody is available', hint: 'Visitors leave a message instead.', kind: sw },
      { id: 'Livechat_show_agent_info', label: "Show the agent's name", kind: sw },
    ],
  },
  {
    title: 'Before the chat',
    items: [
      { id: 'Livechat_registration_form', label: 'Pre-chat form', hint: 'Asks for details before the first message.', kind: sw },
      { id: 'Livechat_name_field_registration_form', label: 'Ask for a name', kind: sw },
      { id: 'Livechat_email_field_registration_form', label: 'Ask for an email address', kind: sw },
      {
        id: 'Livechat_allow_switching_departments',
        label: 'Departments: visitors may choose',
        hint: 'The pre-chat and offline forms list the departments (Sales, Support).',
        kind: sw,
      },
    ],
  },
  {
    title: 'Look and language',
    items: [
      { id: 'Livechat_title', label: 'Title', kind: { type: 'text' } },
      { id: 'Livechat_title_color', label: 'Colour', hint: 'Text on it turns dark or light to stay readable.', kind: { type: 'color' } },
      {
        id: 'Livechat_widget_position',
        label: 'Position',
        kind: {
          type: 'select',
          options: [
            ['right', 'Bottom right'],
            ['left', 'Bottom left'],
          ],
        },
      },
      { id: 'Language', label: 'Language', hint: 'The demo site passes it to the widget (RocketChat.setLanguage).', kind: { type: 'select', options: LANGUAGES } },
    ],
  },
  {
    title: 'During and after the chat',
    items: [
      { id: 'Livechat_enable_transcript', label: 'Offer the transcript by email', kind: sw },
      { id: 'Livechat_transcript_send_always', label: 'Always email the transcript', kind: sw },
      { id: 'Omnichannel_allow_visitors_to_close_conversation', label: 'Visitors can finish the chat', kind: sw },
      { id: 'Livechat_fileupload_enabled', label: 'File uploads', hint: 'Read by the widget where it offers uploads.', kind: sw },
      { id: 'Livechat_enable_message_character_limit', label: 'Limit message length', kind: sw },
      { id: 'Livechat_message_character_limit', label: 'Character limit', kind: { type: 'number', min: 0, max: 5000 } },
    ],
  },
];

/** Where the demo site reads the language chosen here (it has no settings of its own). */
export const SITE_LANGUAGE_KEY = 'demo-site:language';
