/**
 * Chat attachment rules of Amazon Connect's feature specifications (its administrator guide, "Enable
 * attachments"): file types, 20 MB, 35 per chat. The stand-in enforces them; the widget checks a file
 * against them before it sends it.
 */
export const ATTACHMENT_TYPES: readonly string[] = [
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/jpeg',
  'application/pdf',
  'image/png',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'text/plain',
  'audio/wav',
  'audio/x-wav',
  'audio/vnd.wave',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CHAT = 35;
/** How long the presigned upload URL of StartAttachmentUpload stays valid (a guess: S3 presigns vary). */
export const UPLOAD_URL_TTL_MS = 5 * 60_000;
