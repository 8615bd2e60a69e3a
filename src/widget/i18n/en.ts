/** English: the source of every UI string key. Other locales are typed against it (`Messages`). */
export const en = {
  'launcher.open': 'Open chat',
  'launcher.close': 'Close chat',
  'launcher.unread': 'unread messages: {count}',
  'panel.label': 'Chat',
  'panel.loading': 'Loading chat…',
  'panel.minimize': 'Minimize chat',
  'panel.options': 'Chat options',

  'agent.generic': 'Agent',
  'agent.typing': '{name} is typing…',
  'agent.servedBy': 'Chatting with {name}',


  'log.label': 'Conversation',
  'log.empty': 'Send us a message and we will reply here.',
  'log.loadEarlier': 'Load earlier messages',
  'log.jumpToLatest': 'Jump to the newest messages',
  'log.newBelow': 'New messages below',
  'log.you': 'You',
  'log.system.chatClosedByVisitor': 'You finished the chat.',
  'log.system.chatClosedByAgent': 'The agent finished the chat.',
  'log.system.agentJoined': '{name} joined the chat.',
  'log.system.agentLeft': '{name} left the chat.',
  'log.system.transfer': 'The chat was transferred.',
  'log.system.transferTo': 'The chat was transferred to {name}.',
  'log.system.transcriptRequested': 'A transcript was requested.',
  'log.system.chatStarted': 'Chat started.',

  'message.sending': 'Sending…',
  'message.queued': 'Waiting to send',
  'message.sent': 'Sent',
  'message.edited': 'edited',
  'message.delivered': 'Delivered',
  'message.read': 'Read',
  'message.linkNewTab': 'Opens in a new tab',
  'message.bidiControl': 'hidden text-direction character',

  'composer.label': 'Message',
  'composer.placeholder': 'Type your message…',
  'composer.send': 'Send',
  'composer.tooLong': 'Your message is {count} characters long; the limit is {limit}.',







  'title.unread': '({count}) New message',

} as const;

import type { enAttach } from './en-attach.ts';
import type { enExtras } from './en-extras.ts';
import type { enForms } from './en-forms.ts';
import type { enTrouble } from './en-trouble.ts';
import type { enWelcome } from './en-welcome.ts';

/** Every UI string key: the panel's own and those of the screens, notices and extras that load on demand. */
export type MessageKey = keyof typeof en | keyof typeof enForms | keyof typeof enTrouble | keyof typeof enExtras | keyof typeof enWelcome | keyof typeof enAttach;
/** A translation: every key (other languages load as one chunk each). */
export type Messages = Record<MessageKey, string>;
