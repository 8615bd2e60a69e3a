/**
 * WebSocket upgrades nobody takes. Node leaves an upgrade no listener answers open forever, so the
 * stand-in's last listener refuses what its own listeners (DDP, the Connect transport) did not take: at
 * once when no other code listens on the server, or after a grace period when some does (Vite's HMR
 * socket), in case that listener takes it.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

const UNCLAIMED_UPGRADE_MS = 5_000;

type Listener = (...args: unknown[]) => void;

export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  // `end` leaves a half-open socket to a client that never closes its side.
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** Written to, ended or gone: some listener answered it. */
function answered(socket: Duplex): boolean {
  const s = socket as Partial<Socket> & Duplex;
  return s.destroyed || s.writableEnded || (s.bytesWritten ?? 0) > 0 || s.writableLength > 0;
}

/**
 * Attach the stand-in's own upgrade listeners through `attachOwn`, then a last one that refuses what
 * none of them (nor any other listener) answered.
 */
export function attachUpgrades(server: Server, attachOwn: () => void): void {
  const before = new Set(server.listeners('upgrade'));
  attachOwn();
  const own = new Set(server.listeners('upgrade').filter((l) => !before.has(l)));
  const last: Listener = (_req, rawSocket) => {
    const socket = rawSocket as Duplex;
    try {
      if (answered(socket)) return;
      socket.on('error', () => socket.destroy());
      const others = server.listeners('upgrade').some((l) => l !== last && !own.has(l));
      if (!others) return refuseUpgrade(socket, 404, 'Not Found');
      const t = setTimeout(() => {
        if (!answered(socket)) refuseUpgrade(socket, 404, 'Not Found');
      }, UNCLAIMED_UPGRADE_MS);
      t.unref();
      socket.once('close', () => clearTimeout(t));
    } catch {
      socket.destroy();
    }
  };
  server.on('upgrade', last as (req: IncomingMessage, socket: Duplex, head: Buffer) => void);
}
