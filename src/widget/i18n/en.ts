/** English: the source of every UI string key. Other locales are typed against it (`Messages`). */
export const en = {
  'launcher.open': 'Open chat',
  'launcher.close': 'Close chat',
  'launcher.unread': 'unread messages: {count}',
  'panel.label': 'Chat',
  'panel.loading': 'Loading chat…',
  'panel.minimize': 'Minimize chat',
  'panel.options': 'Chat options',
  'panel.unavailable': 'Chat is not available right now.',
  'panel.offline': 'Our team is offline right now. Please try again later.',
  'panel.memoryOnly': 'Your browser does not let this site store data, so this conversation will be lost if you reload the page.',

  'agent.generic': 'Agent',
  'agent.typing': '{name} is typing…',
  'agent.servedBy': 'Chatting with {name}',

  'connection.reconnecting': 'Connection lost. Reconnecting…',
  'connection.reconnectNow': 'Reconnect now',
  'connection.offline': 'You are offline. Your messages will be sent when you are back online.',
  'connection.polling': 'Live updates are unavailable; checking for new messages every few seconds.',

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
  'message.failed': 'Not sent.',
  'message.queued': 'Waiting to send',
  'message.retry': 'Retry',
  'message.autoRetry': 'Trying again automatically…',
  'message.edit': 'Edit',
  'message.edited': 'edited',

  'composer.label': 'Message',
  'composer.placeholder': 'Type your message…',
  'composer.send': 'Send',
  'composer.tooLong': 'Your message is {count} characters long; the limit is {limit}.',



  'transcript.fileTitle': 'chat transcript',
  'transcript.download': 'Download the transcript',
  'transcript.preparing': 'Preparing the transcript…',




  'title.unread': '({count}) New message',

  'error.retry': 'Try again',
  'error.dismiss': 'Dismiss',
  'error.network': 'You seem to be offline, or the chat server cannot be reached. We will keep trying.',
  'error.timeout': 'The chat server is taking too long to answer.',
  'error.cors': 'The chat server refused this website. The site owner needs to allow it in the chat server settings (CORS).',
  'error.server': 'Something went wrong on the chat server.',
  'error.rateLimited': 'Too many requests right now. We will try again shortly.',
  'error.unauthorized': 'Your chat session is no longer valid. Start a new chat to continue.',
  'error.notFound': 'This conversation could not be found.',
  'error.roomClosed': 'This chat has already finished.',
  'error.noAgent': 'No agent is available right now. Please try again later.',
  'error.disabled': 'Chat is switched off on this website.',
  'error.tooLong': 'That message is too long to send.',
  'error.invalidEmail': 'That email address was not accepted. Check it and try again.',
  'error.invalidParams': 'The chat server did not accept that request.',
  'error.rejected': 'The chat server did not accept that message.',
  'error.during.load': 'The chat could not be loaded.',
  'error.during.start': 'The chat could not be started.',
  'error.during.finish': 'The chat could not be finished.',
  'error.during.history': 'Earlier messages could not be loaded.',
} as const;

import type { enExtras } from './en-extras.ts';
import type { enForms } from './en-forms.ts';

/** Every UI string key: the panel's own and those of the screens and extras that load on demand. */
export type MessageKey = keyof typeof en | keyof typeof enForms | keyof typeof enExtras;
/** A translation: every key (other languages load as one chunk each). */
export type Messages = Record<MessageKey, string>;
