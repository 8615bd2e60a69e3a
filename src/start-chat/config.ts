/**
 * Configuration of the reference start-chat backend, from the environment (Lambda, `npm run start-chat`)
 * or given in code (the stand-in mounts it). Everything a site owner sets is here; nothing comes from the
 * browser except the visitor's own input, which `validate.ts` bounds.
 */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
}

export interface StartChatConfig {
  region: string;
  instanceId: string;
  contactFlowId: string;
  /** Connect API endpoint override (the stand-in); `'self'` = the origin this request arrived on. */
  connectEndpoint?: string;
  /** Participant Service endpoint override; default `https://participant.connect.<region>.amazonaws.com`. */
  participantEndpoint?: string;
  /** Static credentials (the stand-in takes any); default: the SDK's provider chain (Lambda role, env). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Origins allowed to call (CORS); `*` allows any. */
  allowedOrigins: string[];
  /** Content types a page may ask for; text/plain is always added. */
  allowedContentTypes: string[];
  /** Sent back to the page as featurePermissions.ATTACHMENTS (needs an attachments bucket on the instance). */
  attachments: boolean;
  maxDisplayNameLength: number;
  maxAttributes: number;
  maxAttributeValueLength: number;
  /** When set, only these attribute keys are accepted from the page. */
  allowedAttributeKeys?: string[];
  chatDurationInMinutes?: number;
  transcript: TranscriptConfig;
}

export interface TranscriptConfig {
  /** Needs a long-lived process (the Node server): the backend holds a connection per live chat. */
  enabled: boolean;
  smtp?: SmtpSettings | (() => SmtpSettings | undefined);
  from: { name: string; address: string };
  subject: string;
  /** How long a finished chat's transcript is kept for mailing. */
  keepMinutes: number;
  perContactPerHour: number;
  perAddressPerHour: number;
}

export const DEFAULT_CONTENT_TYPES = [
  'text/plain',
  'text/markdown',
  'application/vnd.amazonaws.connect.message.interactive',
  'application/vnd.amazonaws.connect.message.interactive.response',
];

const list = (v: string | undefined): string[] | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<StartChatConfig> = {}): StartChatConfig {
  const need = (key: string): string => {
    const v = env[key];
    if (!v) throw new Error(`start-chat: set ${key}`);
    return v;
  };
  const smtpHost = env.SMTP_HOST;
  return {
    region: env.AWS_REGION || env.CONNECT_REGION || 'us-east-1',
    instanceId: overrides.instanceId ?? need('CONNECT_INSTANCE_ID'),
    contactFlowId: overrides.contactFlowId ?? need('CONNECT_CONTACT_FLOW_ID'),
    ...(env.CONNECT_ENDPOINT ? { connectEndpoint: env.CONNECT_ENDPOINT } : {}),
    ...(env.PARTICIPANT_ENDPOINT ? { participantEndpoint: env.PARTICIPANT_ENDPOINT } : {}),
    allowedOrigins: list(env.ALLOWED_ORIGINS) ?? [],
    allowedContentTypes: list(env.ALLOWED_CONTENT_TYPES) ?? DEFAULT_CONTENT_TYPES,
    attachments: env.ATTACHMENTS_ENABLED === 'true',
    maxDisplayNameLength: Number(env.MAX_DISPLAY_NAME_LENGTH || 64),
    maxAttributes: Number(env.MAX_ATTRIBUTES || 20),
    maxAttributeValueLength: Number(env.MAX_ATTRIBUTE_VALUE_LENGTH || 1024),
    ...(list(env.ALLOWED_ATTRIBUTE_KEYS) ? { allowedAttributeKeys: list(env.ALLOWED_ATTRIBUTE_KEYS)! } : {}),
    ...(env.CHAT_DURATION_MINUTES ? { chatDurationInMinutes: Number(env.CHAT_DURATION_MINUTES) } : {}),
    transcript: {
      enabled: env.TRANSCRIPT_EMAIL === 'true' && !!smtpHost,
      ...(smtpHost
        ? {
            smtp: {
              host: smtpHost,
              port: Number(env.SMTP_PORT || 587),
              secure: env.SMTP_SECURE === 'true',
              ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
              ...(env.SMTP_PASS ? { pass: env.SMTP_PASS } : {}),
            },
          }
        : {}),
      from: { name: env.MAIL_FROM_NAME || 'Customer support', address: env.MAIL_FROM_ADDRESS || 'no-reply@example.com' },
      subject: env.MAIL_SUBJECT || 'Your chat transcript',
      keepMinutes: Number(env.TRANSCRIPT_KEEP_MINUTES || 24 * 60),
      perContactPerHour: Number(env.TRANSCRIPT_PER_CONTACT_PER_HOUR || 3),
      perAddressPerHour: Number(env.TRANSCRIPT_PER_ADDRESS_PER_HOUR || 5),
    },
    ...overrides,
  };
}
