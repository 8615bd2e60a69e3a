/**
 * The attachment operations: StartAttachmentUpload hands out a presigned PUT (served by attachment-http.ts),
 * CompleteAttachmentUpload posts the ATTACHMENT item, GetAttachment a presigned GET. Connect's rules:
 * the feature specifications' file types, 20 MB, 35 per chat (402 beyond), one id per completion.
 */
import { accessDenied, conflict, quotaExceeded, validation } from '../errors/aws-error.ts';
import { isoNow, newId, newToken } from '../store/ids.ts';
import { completeUploadInput, getAttachmentInput, startUploadInput } from '../validation/participant-input.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_CHAT, UPLOAD_URL_TTL_MS } from '../../../shared/amazon-connect/attachment-rules.ts';
import { ATTACHMENT_PATH, once, type Operation } from './operation.ts';

export const startAttachmentUpload: Operation = {
  name: 'StartAttachmentUpload',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = startUploadInput(ctx.body);
    const { contact, participant } = ctx.located;
    if (!ctx.store.instances.get(contact.instanceId)?.attachments) throw accessDenied();
    if (!ATTACHMENT_TYPES.includes(input.contentType.toLowerCase()) || input.size > MAX_ATTACHMENT_BYTES) throw validation();
    return once(ctx, 'StartAttachmentUpload', input.clientToken, () => {
      if (contact.attachments.size >= MAX_ATTACHMENTS_PER_CHAT) throw quotaExceeded('The number of attachments per contact exceeds the quota.');
      const id = `${contact.id}-${newId()}`;
      const uploadToken = newToken('');
      const expiresAt = Date.now() + UPLOAD_URL_TTL_MS;
      contact.attachments.set(id, {
        id,
        participantId: participant.id,
        name: input.name,
        contentType: input.contentType,
        declaredSize: input.size,
        uploadToken,
        uploadExpiresAt: expiresAt,
        completed: false,
      });
      return {
        AttachmentId: id,
        UploadMetadata: {
          Url: `${ctx.httpOrigin}${ATTACHMENT_PATH}${encodeURIComponent(id)}?X-Amz-Expires=${UPLOAD_URL_TTL_MS / 1000}&X-Amz-Signature=${uploadToken}`,
          UrlExpiry: isoNow(expiresAt),
          HeadersToInclude: { 'Content-Type': input.contentType },
        },
      };
    });
  },
};

export const completeAttachmentUpload: Operation = {
  name: 'CompleteAttachmentUpload',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = completeUploadInput(ctx.body);
    const { contact, participant } = ctx.located;
    return once(ctx, 'CompleteAttachmentUpload', input.clientToken, () => {
      const attachment = contact.attachments.get(input.attachmentIds[0]!);
      if (!attachment || attachment.participantId !== participant.id || !attachment.data) throw validation();
      if (attachment.completed) throw conflict('An attachment with that identifier is already uploaded');
      if (attachment.data.length !== attachment.declaredSize) throw validation();
      attachment.completed = true;
      ctx.store.attachmentItem(contact, participant, { id: attachment.id, name: attachment.name, contentType: attachment.contentType });
      return {};
    });
  },
};

export const getAttachment: Operation = {
  name: 'GetAttachment',
  method: 'POST',
  bearer: 'connection',
  run(ctx) {
    const input = getAttachmentInput(ctx.body);
    const attachment = ctx.located.contact.attachments.get(input.attachmentId);
    if (!attachment?.completed || !attachment.data) throw validation();
    const token = newToken('');
    const expiresAt = Date.now() + input.expirySeconds * 1000;
    ctx.downloads.set(token, { attachmentId: attachment.id, contactId: ctx.located.contact.id, expiresAt });
    return {
      Url: `${ctx.httpOrigin}${ATTACHMENT_PATH}${encodeURIComponent(attachment.id)}?X-Amz-Expires=${input.expirySeconds}&X-Amz-Signature=${token}`,
      UrlExpiry: isoNow(expiresAt),
      AttachmentSizeInBytes: attachment.data.length,
    };
  },
};
