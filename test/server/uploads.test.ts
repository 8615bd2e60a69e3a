// @vitest-environment node
/**
 * `POST livechat/upload/:rid` and `/file-upload/<id>/<name>` (Rocket.Chat 7.x `livechat/upload`,
 * `sendFileLivechatMessage`, `FileUpload.requestCanAccessFiles`): the message shape, the settings that
 * refuse a file, and who may read it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireMessage } from '../../src/shared/rocketchat/wire.ts';
import {
  PNG_1X1,
  RawDdp,
  agent,
  client,
  eventArgs,
  history,
  http,
  isEvent,
  openRoom,
  registerVisitor,
  startStandin,
  upload,
  type Client,
  type Running,
} from './harness.ts';

let running: Running;
let api: Client;
let ana: AgentClient;
let rid: string;
let otherRid: string;

type UploadReply = WireMessage & { success: true };

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false },
    agents: [{ username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true }],
  });
  running.standin.store.settings.Site_Url = running.baseUrl;
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
  await registerVisitor(api, { token: 'tok-up', name: 'Uma' });
  await registerVisitor(api, { token: 'tok-other', name: 'Otto' });
  rid = (await openRoom(api, 'tok-up')).room._id;
  otherRid = (await openRoom(api, 'tok-other')).room._id;
});

afterAll(async () => {
  await running?.close();
});

const fileUrl = (path: string, token = 'tok-up', room = rid) =>
  `${running.baseUrl}${path}?rc_room_type=l&rc_rid=${encodeURIComponent(room)}&rc_token=${encodeURIComponent(token)}`;

describe('uploading an image', () => {
  let message: UploadReply;

  beforeAll(async () => {
    const ddp = await RawDdp.open(running.wsUrl);
    await ddp.sub('stream-room-messages', [rid, { useCollection: false, args: [{ token: 'tok-up', visitorToken: 'tok-up' }] }]);
    const reply = await upload<UploadReply>(running.baseUrl, rid, 'tok-up', [
      { name: 'file', value: PNG_1X1, filename: 'dot 1.png', type: 'image/png' },
      { name: 'description', value: 'A dot' },
      { name: 'msg', value: 'see https://example.com/a?b=1' },
    ]);
    expect(reply.status, reply.text).toBe(200);
    message = reply.body;
    const live = await ddp.next(isEvent('stream-room-messages', rid));
    expect((eventArgs(live)[0] as { _id: string })._id).toBe(message._id);
    ddp.close();
  });

  it('answers with the message itself, success merged in, carrying file, files and one attachment', () => {
    const id = message.file!._id;
    const path = `/file-upload/${id}/dot%201.png`;
    expect(message).toMatchObject({
      success: true,
      rid,
      msg: 'see https://example.com/a?b=1',
      token: 'tok-up',
      groupable: false,
      u: { username: expect.stringMatching(/^guest-/), name: 'Uma' },
      file: { _id: id, name: 'dot 1.png', type: 'image/png' },
      files: [{ _id: id, name: 'dot 1.png', type: 'image/png' }],
      urls: [{ url: 'https://example.com/a?b=1', meta: {} }],
    });
    expect(message.attachments).toEqual([
      {
        title: 'dot 1.png',
        type: 'file',
        description: 'A dot',
        title_link: path,
        title_link_download: true,
        image_url: path,
        image_type: 'image/png',
        image_size: PNG_1X1.length,
        image_dimensions: { width: 1, height: 1 },
      },
    ]);
  });

  it('is in the history with the full file URL added, as normalizeMessageFileUpload adds it', async () => {
    const [latest] = await history(api, 'tok-up', rid, { limit: '1' });
    expect(latest!.fileUpload).toEqual({
      publicFilePath: `${running.baseUrl}/file-upload/${message.file!._id}/dot%201.png`,
      type: 'image/png',
      size: PNG_1X1.length,
    });
  });

  it('is served back to the visitor with rc_room_type, rc_rid and rc_token, inline and not sniffable', async () => {
    const res = await fetch(fileUrl(message.attachments![0]!.title_link));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG_1X1);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'x-content-type-options', 'content-security-policy'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'image/png',
      'content-disposition': "inline; filename*=UTF-8''dot%201.png",
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
    });
  });

  it('is served with the same values as cookies, and to a logged-in agent', async () => {
    const path = message.attachments![0]!.title_link;
    const byCookie = await fetch(`${running.baseUrl}${path}`, { headers: { cookie: `rc_room_type=l; rc_rid=${rid}; rc_token=tok-up` } });
    expect(byCookie.status).toBe(200);
    const byAgent = await fetch(`${running.baseUrl}${path}`, { headers: { 'X-User-Id': ana.userId, 'X-Auth-Token': ana.authToken } });
    expect(byAgent.status).toBe(200);
  });

  it('is refused without credentials, to another visitor, and with a wrong token; an unknown id is 404', async () => {
    const path = message.attachments![0]!.title_link;
    expect((await fetch(`${running.baseUrl}${path}`)).status).toBe(403);
    expect((await fetch(fileUrl(path, 'tok-other', otherRid))).status).toBe(403);
    expect((await fetch(fileUrl(path, 'tok-other', rid))).status).toBe(403);
    expect((await fetch(fileUrl('/file-upload/nope/x.png'))).status).toBe(404);
  });
});

describe('an upload made the way a browser makes it', () => {
  it('accepts FormData sent with fetch (its own boundary, a Blob with a type) from another origin', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG_1X1], { type: 'image/png' }), 'photo.png');
    form.append('description', 'From the browser');
    const res = await fetch(`${running.baseUrl}/api/v1/livechat/upload/${rid}`, {
      method: 'POST',
      body: form,
      headers: { 'x-visitor-token': 'tok-up', Origin: 'https://shop.example' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as UploadReply;
    expect(body.attachments?.[0]).toMatchObject({ title: 'photo.png', description: 'From the browser', image_type: 'image/png' });
  });
});

describe('what kind of file is stored, and how it is served', () => {
  it('types an octet-stream by its extension, and serves a PDF inline', async () => {
    const reply = await upload<UploadReply>(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: '%PDF-1.4', filename: 'terms.pdf', type: 'application/octet-stream' }]);
    expect(reply.body.file?.type).toBe('application/pdf');
    expect(reply.body.attachments?.[0]).toEqual({
      title: 'terms.pdf',
      type: 'file',
      title_link: `/file-upload/${reply.body.file!._id}/terms.pdf`,
      title_link_download: true,
    });
    const res = await fetch(fileUrl(reply.body.attachments![0]!.title_link));
    expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
  });

  it('serves HTML as a download, never as a page of the server', async () => {
    const reply = await upload<UploadReply>(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: '<script>alert(1)</script>', filename: 'x.html', type: 'text/html' }]);
    expect(reply.status).toBe(200);
    const res = await fetch(fileUrl(reply.body.attachments![0]!.title_link));
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('gives audio files audio_* fields', async () => {
    const reply = await upload<UploadReply>(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: Buffer.alloc(8), filename: 'hi.mp3', type: 'audio/mpeg' }]);
    expect(reply.body.attachments?.[0]).toMatchObject({ audio_type: 'audio/mpeg', audio_size: 8, audio_url: reply.body.attachments![0]!.title_link });
  });
});

describe('the settings that refuse a file', () => {
  const setSetting = (id: string, value: unknown) => ana.setSetting(id, value);

  it('refuses SVG by the default black list', async () => {
    const reply = await upload(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: '<svg/>', filename: 'a.svg', type: 'image/svg+xml' }]);
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 400, body: { reason: 'error-type-not-allowed', success: false } });
  });

  it('honours a white list with wildcards', async () => {
    await setSetting('FileUpload_MediaTypeWhiteList', 'image/*, application/pdf');
    try {
      const text = await upload(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: 'hi', filename: 'a.txt', type: 'text/plain' }]);
      expect(text.body).toEqual({ reason: 'error-type-not-allowed', success: false });
      const png = await upload(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: PNG_1X1, filename: 'a.png', type: 'image/png' }]);
      expect(png.status).toBe(200);
    } finally {
      await setSetting('FileUpload_MediaTypeWhiteList', '');
    }
  });

  // busboy (which Rocket.Chat uses too) counts a file that reaches the limit exactly as truncated.
  it('refuses a file that reaches FileUpload_MaxFileSize and takes one a byte smaller', async () => {
    await setSetting('FileUpload_MaxFileSize', 10);
    try {
      const over = await upload(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: 'x'.repeat(10), filename: 'a.txt', type: 'text/plain' }]);
      expect({ status: over.status, body: over.body }).toEqual({
        status: 400,
        body: { success: false, error: '[error-file-too-large]', errorType: 'error-file-too-large' },
      });
      const under = await upload(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: 'x'.repeat(9), filename: 'a.txt', type: 'text/plain' }]);
      expect(under.status).toBe(200);
    } finally {
      await setSetting('FileUpload_MaxFileSize', 104_857_600);
    }
  });

  for (const id of ['FileUpload_Enabled', 'Livechat_fileupload_enabled']) {
    it(`says error-file-upload-disabled when ${id} is off, and the config says fileUpload: false`, async () => {
      await setSetting(id, false);
      try {
        const reply = await upload(running.baseUrl, rid, 'tok-up', [{ name: 'file', value: 'x', filename: 'a.txt', type: 'text/plain' }]);
        expect({ status: reply.status, body: reply.body }).toEqual({ status: 400, body: { reason: 'error-file-upload-disabled', success: false } });
        const config = (await api.get<{ config: { settings: { fileUpload: boolean } } }>('livechat/config')).body.config;
        expect(config.settings.fileUpload).toBe(false);
      } finally {
        await setSetting(id, true);
      }
    });
  }
});

describe('bodies that are not a good upload', () => {
  it('survives a body cut off in the middle of the file and still serves the next request', async () => {
    const { body } = await import('./harness.ts').then((h) => h.multipart([{ name: 'file', value: Buffer.alloc(1000, 1), filename: 'a.bin' }]));
    const reply = await http(running.baseUrl, {
      method: 'POST',
      route: `livechat/upload/${rid}`,
      rawBody: body.subarray(0, 500),
      headers: { 'content-type': 'multipart/form-data; boundary=standinBoundary7MA4YWxkTrZu0gW', 'x-visitor-token': 'tok-up' },
    });
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 400, body: { success: false, error: 'Unexpected end of form' } });
    expect((await api.get('/api/info')).status).toBe(200);
  });
});
