/**
 * `POST livechat/upload/:rid` as Rocket.Chat 7.x answers it: the visitor token in `x-visitor-token`
 * (403 `unauthorized` without it, for an unknown visitor, or for a room that is not the visitor's open
 * room), the two upload settings (`{ reason: 'error-file-upload-disabled' }`), the multipart body with one
 * `file` under `FileUpload_MaxFileSize`, the type lists, then the file message, answered as the message
 * itself with `success: true` merged in.
 */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { HttpFailure } from '../../errors.ts';
import { sendVisitorFileMessage, type FileMessageData } from '../../livechat/messages.ts';
import { check, Match } from '../../validation/check.ts';
import { fileMessageParts, saveUpload } from '../../uploads/files.ts';
import { isAllowedContentType, storedMimeType } from '../../uploads/mime.ts';
import { readMultipart } from '../../uploads/multipart.ts';

const FORBIDDEN = new HttpFailure(403, { success: false, error: 'unauthorized' });

/** `API.v1.failure({ reason })`: the object itself with `success: false`. */
const reason = (r: string, extra: object = {}) => new HttpFailure(400, { ...extra, reason: r, success: false });

// sendFileLivechatMessage checks the form's other fields: only these, and only strings (Match.Optional).
const msgDataPattern = {
  avatar: Match.Maybe(String),
  emoji: Match.Maybe(String),
  alias: Match.Maybe(String),
  groupable: Match.Maybe(Boolean),
  msg: Match.Maybe(String),
};

export function registerUploadRoutes(api: Api, { store }: StandinContext): void {
  api.post('livechat/upload/:rid', { rawBody: true }, async ({ params, headers, raw }) => {
    const tokenHeader = headers['x-visitor-token'];
    const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
    if (!token) throw FORBIDDEN;
    const s = store.settings;
    if (!(s.Livechat_fileupload_enabled && s.FileUpload_Enabled)) throw reason('error-file-upload-disabled');
    const visitor = store.visitorByTokenOf(token);
    if (!visitor) throw FORBIDDEN;
    const room = store.rooms.get(params.rid!);
    if (!room || room.t !== 'l' || !room.open || room.v.token !== token) throw FORBIDDEN;

    const maxFileSize = s.FileUpload_MaxFileSize || 104_857_600;
    const { file, fields } = await readMultipart(raw, { field: 'file', sizeLimit: maxFileSize });
    const type = storedMimeType(file!.mimetype, file!.filename);
    if (!isAllowedContentType(type, s.FileUpload_MediaTypeWhiteList, s.FileUpload_MediaTypeBlackList)) {
      throw reason('error-type-not-allowed');
    }
    const { description, ...msgData } = fields;
    check({ ...msgData }, msgDataPattern);

    const upload = saveUpload(store, {
      name: file!.filename,
      type,
      data: file!.data,
      rid: room._id,
      visitorToken: token,
      ...(description !== undefined ? { description } : {}),
    });
    return sendVisitorFileMessage(store, visitor, room, fileMessageParts(upload), msgData as FileMessageData);
  });
}
