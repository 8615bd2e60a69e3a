/**
 * `npm run bench:connect`: throughput of the Connect stand-in on loopback. Prints SendMessage requests per
 * second (raw fetch with keep-alive, and through the official SDK), the send → websocket delivery latency,
 * and GetTranscript over a long chat. Bounded in count; loopback only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectParticipantClient, SendMessageCommand } from '@aws-sdk/client-connectparticipant';
import WebSocket from 'ws';
import { createStandin } from '../src/server/app.ts';
import { ChatSocket } from '../src/shared/amazon-connect/chat-socket.ts';
import { ParticipantClient } from '../src/shared/amazon-connect/participant-client.ts';

const N = Number(process.env.BENCH_N ?? 3000);
const CONCURRENCY = 8;
const standin = createStandin({ controls: true, connect: {} });
const server = createServer((req, res) => standin.handle(req, res, () => res.end()));
standin.attach(server);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const pc = new ParticipantClient({ endpoint: base });

async function newChat() {
  const res = await fetch(`${base}/connect-backend/start-chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ParticipantDetails: { DisplayName: 'Bench' } }) });
  const { startChatResult } = ((await res.json()) as { data: { startChatResult: { ParticipantToken: string } } }).data;
  const conn = await pc.createConnection(startChatResult.ParticipantToken);
  return { token: conn.ConnectionCredentials!.ConnectionToken!, url: conn.Websocket!.Url! };
}

async function rate(label: string, send: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < N) await send(next++);
  }));
  const s = (performance.now() - t0) / 1000;
  console.log(`${label}: ${Math.round(N / s)} requests/s (${N} sends, ${CONCURRENCY} at a time, ${s.toFixed(2)} s)`);
}

const a = await newChat();
await rate('SendMessage, fetch + keep-alive', (i) => pc.sendMessage(a.token, { ContentType: 'text/plain', Content: `m${i}` }));
const b = await newChat();
const sdk = new ConnectParticipantClient({ region: 'us-east-1', endpoint: base, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
await rate('SendMessage, @aws-sdk/client-connectparticipant', (i) => sdk.send(new SendMessageCommand({ ConnectionToken: b.token, ContentType: 'text/plain', Content: `m${i}` })));

const c = await newChat();
const socket = await ChatSocket.open(c.url, WebSocket as unknown as new (url: string) => globalThis.WebSocket);
const latencies: number[] = [];
for (let i = 0; i < 200; i++) {
  const text = `lat${i}`;
  const got = new Promise<void>((resolve) => {
    const off = socket.onItem((item) => {
      if (item.Content === text) {
        off();
        resolve();
      }
    });
  });
  const t0 = performance.now();
  await pc.sendMessage(c.token, { ContentType: 'text/plain', Content: text });
  await got;
  latencies.push(performance.now() - t0);
}
latencies.sort((x, y) => x - y);
console.log(`SendMessage → own websocket echo: median ${latencies[100]!.toFixed(2)} ms, p95 ${latencies[190]!.toFixed(2)} ms (200 sends)`);

const t0 = performance.now();
const all = await pc.fullTranscript(a.token);
console.log(`GetTranscript of a ${all.length}-item chat, 100 per page: ${(performance.now() - t0).toFixed(1)} ms`);
socket.close();
await standin.close();
server.closeAllConnections();
server.close();
