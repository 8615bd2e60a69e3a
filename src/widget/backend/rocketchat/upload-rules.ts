/**
 * What Rocket.Chat accepts to upload, read when a chat that allows uploads shows its attach button: its
 * own small chunk, so that first render does not fetch the rest of what a visitor does now and then.
 */
import type { UploadRules } from '../chat-backend.ts';
import { isObject } from '../shape.ts';
import type { ExtrasContext } from './visitor-extras.ts';

/** The upload settings are public on Rocket.Chat (its web client reads them): anonymous `settings.public`. */
const UPLOAD_SETTINGS = ['FileUpload_MaxFileSize', 'FileUpload_MediaTypeWhiteList', 'FileUpload_MediaTypeBlackList'];

const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean)
    : [];

export async function uploadRules(ctx: ExtrasContext): Promise<UploadRules> {
  // Rocket.Chat's defaults, for a server that will not say (then it still refuses what it must).
  const values: Record<string, unknown> = { FileUpload_MaxFileSize: 104_857_600, FileUpload_MediaTypeBlackList: 'image/svg+xml' };
  try {
    const body: unknown = await ctx.call('GET settings.public', { query: { _id: UPLOAD_SETTINGS.join(',') } });
    const settings = isObject(body) && Array.isArray(body.settings) ? body.settings : [];
    for (const s of settings) if (isObject(s) && typeof s._id === 'string') values[s._id] = s.value;
  } catch {
    // Without them the widget only refuses what the server's answer refuses.
  }
  const max = Number(values.FileUpload_MaxFileSize);
  // 0 means Rocket.Chat's 100 MiB default, negative means no limit.
  return {
    ...(max >= 0 ? { maxBytes: max || 104_857_600 } : {}),
    accept: list(values.FileUpload_MediaTypeWhiteList),
    refuse: list(values.FileUpload_MediaTypeBlackList),
  };
}
