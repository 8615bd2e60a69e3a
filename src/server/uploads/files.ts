/**
 * Uploads as Rocket.Chat keeps them (`Uploads` collection, served under `/file-upload/<id>/<name>`) and
 * the file message `sendFileLivechatMessage` builds from one: `file`, `files`, and one attachment with
 * `title_link`, `title_link_download`, and `image_*` / `audio_*` / `video_*` by type.
 */
import { randomId } from '../../shared/rocketchat/random-id.ts';
import type { FileAttachment, MessageFile } from '../../shared/rocketchat/wire.ts';
import type { Store } from '../store/store.ts';
import type { Message, Upload } from '../store/types.ts';
import { imageSize } from './image-size.ts';

export interface NewUpload {
  name: string;
  type: string;
  data: Buffer;
  rid: string;
  visitorToken?: string;
  userId?: string;
  description?: string;
}

export function saveUpload(store: Store, input: NewUpload): Upload {
  const size = /^image\//.test(input.type) ? imageSize(input.data, input.type) : undefined;
  const upload: Upload = {
    _id: randomId(),
    name: input.name,
    size: input.data.length,
    type: input.type,
    rid: input.rid,
    ...(input.visitorToken ? { visitorToken: input.visitorToken } : {}),
    ...(input.userId ? { userId: input.userId } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    uploadedAt: store.now(),
    ...(size ? { identify: { size } } : {}),
    data: input.data,
  };
  store.uploads.set(upload._id, upload);
  return upload;
}

/** `FileUpload.getPath(`${_id}/${encodeURI(name)}`)`: relative to the server, as Rocket.Chat stores it. */
export function uploadPath(upload: Pick<Upload, '_id' | 'name'>): string {
  return `/file-upload/${upload._id}/${encodeURI(upload.name)}`;
}

export type FileMessageParts = Required<Pick<Message, 'file' | 'files' | 'attachments'>>;

export function fileMessageParts(upload: Upload): FileMessageParts {
  const url = uploadPath(upload);
  const attachment: FileAttachment = {
    title: upload.name,
    type: 'file',
    ...(upload.description !== undefined ? { description: upload.description } : {}),
    title_link: url,
    title_link_download: true,
  };
  if (/^image\/.+/.test(upload.type)) {
    attachment.image_url = url;
    attachment.image_type = upload.type;
    attachment.image_size = upload.size;
    if (upload.identify) attachment.image_dimensions = upload.identify.size;
  } else if (/^audio\/.+/.test(upload.type)) {
    attachment.audio_url = url;
    attachment.audio_type = upload.type;
    attachment.audio_size = upload.size;
  } else if (/^video\/.+/.test(upload.type)) {
    attachment.video_url = url;
    attachment.video_type = upload.type;
    attachment.video_size = upload.size;
  }
  const file: MessageFile = { _id: upload._id, name: upload.name, type: upload.type };
  return { file, files: [{ ...file }], attachments: [attachment] };
}

/**
 * `normalizeMessageFileUpload`: messages read back over REST get `fileUpload` with the file's full URL.
 * Returns a copy; the stored message is not changed (Rocket.Chat adds it to the copy it read).
 */
export function withFileUpload(store: Store, message: Message): Message {
  if (!message.file || message.fileUpload) return message;
  const upload = store.uploads.get(message.file._id);
  if (!upload) return message;
  const site = store.settings.Site_Url.replace(/\/+$/, '');
  return { ...message, fileUpload: { publicFilePath: `${site}${uploadPath(upload)}`, type: upload.type, size: upload.size } };
}
