/**
 * What a page may send to the start-chat and transcript-email routes, bounded. Failures name the field
 * and say what is wrong, for the widget to show or log. Instance and flow always come from the server's
 * configuration: ids a page sends (as Amazon's samples let it) are ignored.
 */
import type { StartChatConfig } from './config.ts';

export interface InputError {
  code: 'InvalidInput';
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: InputError };

export interface StartChatInput {
  displayName: string;
  attributes: Record<string, string>;
  contentTypes: string[];
  initialMessage?: { ContentType: 'text/plain'; Content: string };
  chatDurationInMinutes?: number;
}

const fail = (field: string, message: string): { ok: false; error: InputError } => ({ ok: false, error: { code: 'InvalidInput', field, message } });
// Control characters have no place in a name, an attribute or an address.
const CONTROL = /[\u0000-\u001f\u007f]/;
const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function validateStartChat(body: unknown, config: StartChatConfig): Checked<StartChatInput> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return fail('', 'The body must be a JSON object.');
  const b = body as Record<string, unknown>;
  const details = b.ParticipantDetails;
  const name = details && typeof details === 'object' ? (details as Record<string, unknown>).DisplayName : undefined;
  if (typeof name !== 'string' || !name.trim()) return fail('ParticipantDetails.DisplayName', 'A display name is required.');
  const displayName = name.trim();
  if (displayName.length > config.maxDisplayNameLength) return fail('ParticipantDetails.DisplayName', `The display name is longer than ${config.maxDisplayNameLength} characters.`);
  if (CONTROL.test(displayName)) return fail('ParticipantDetails.DisplayName', 'The display name contains control characters.');

  const attributes: Record<string, string> = {};
  if (b.Attributes !== undefined && b.Attributes !== null) {
    if (typeof b.Attributes !== 'object' || Array.isArray(b.Attributes)) return fail('Attributes', 'Attributes must be an object of strings.');
    const entries = Object.entries(b.Attributes as Record<string, unknown>);
    if (entries.length > config.maxAttributes) return fail('Attributes', `At most ${config.maxAttributes} attributes are accepted.`);
    for (const [k, v] of entries) {
      if (!ATTRIBUTE_KEY.test(k)) return fail(`Attributes.${k}`, 'Attribute names are 1–64 letters, digits, "-" or "_".');
      if (config.allowedAttributeKeys && !config.allowedAttributeKeys.includes(k)) return fail(`Attributes.${k}`, 'This attribute is not accepted.');
      if (typeof v !== 'string') return fail(`Attributes.${k}`, 'Attribute values must be strings.');
      if (v.length > config.maxAttributeValueLength) return fail(`Attributes.${k}`, `Attribute values are at most ${config.maxAttributeValueLength} characters.`);
      if (CONTROL.test(v)) return fail(`Attributes.${k}`, 'Attribute values contain control characters.');
      attributes[k] = v;
    }
  }

  const contentTypes = ['text/plain'];
  if (b.SupportedMessagingContentTypes !== undefined) {
    const types = b.SupportedMessagingContentTypes;
    if (!Array.isArray(types) || types.length > 10) return fail('SupportedMessagingContentTypes', 'A list of content types is expected.');
    for (const t of types) {
      if (typeof t !== 'string' || !config.allowedContentTypes.includes(t)) return fail('SupportedMessagingContentTypes', `${String(t)} is not an allowed content type.`);
      if (!contentTypes.includes(t)) contentTypes.push(t);
    }
  }

  let initialMessage: StartChatInput['initialMessage'];
  if (b.InitialMessage !== undefined && b.InitialMessage !== null) {
    const m = b.InitialMessage as Record<string, unknown>;
    if (typeof m !== 'object' || (m.ContentType ?? 'text/plain') !== 'text/plain' || typeof m.Content !== 'string' || !m.Content.trim() || m.Content.length > 1024) {
      return fail('InitialMessage', 'An initial message is text/plain, 1–1024 characters.');
    }
    initialMessage = { ContentType: 'text/plain', Content: m.Content };
  }

  let chatDurationInMinutes = config.chatDurationInMinutes;
  if (b.ChatDurationInMinutes !== undefined && b.ChatDurationInMinutes !== null) {
    const d = b.ChatDurationInMinutes;
    const max = config.chatDurationInMinutes ?? 10080;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 60 || d > max) return fail('ChatDurationInMinutes', `A whole number of minutes from 60 to ${max}.`);
    chatDurationInMinutes = d;
  }
  return {
    ok: true,
    value: {
      displayName,
      attributes,
      contentTypes,
      ...(initialMessage ? { initialMessage } : {}),
      ...(chatDurationInMinutes !== undefined ? { chatDurationInMinutes } : {}),
    },
  };
}

export interface TranscriptEmailInput {
  contactId: string;
  participantToken: string;
  email: string;
}

// Deliberately plain: one @, no spaces, quotes, angle brackets, commas or semicolons, so the address is
// one mailbox and nothing else. It is passed to the mailer as a structured value, never joined into text.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function validateTranscriptEmail(body: unknown): Checked<TranscriptEmailInput> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return fail('', 'The body must be a JSON object.');
  const b = body as Record<string, unknown>;
  if (typeof b.ContactId !== 'string' || !b.ContactId || b.ContactId.length > 256) return fail('ContactId', 'The ContactId of the chat is required.');
  if (typeof b.ParticipantToken !== 'string' || !b.ParticipantToken || b.ParticipantToken.length > 1000) return fail('ParticipantToken', 'The ParticipantToken the chat started with is required.');
  if (typeof b.Email !== 'string' || b.Email.length > 254 || !EMAIL.test(b.Email.trim())) return fail('Email', 'A valid email address is required.');
  return { ok: true, value: { contactId: b.ContactId, participantToken: b.ParticipantToken, email: b.Email.trim() } };
}
