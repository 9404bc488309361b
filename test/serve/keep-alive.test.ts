import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_TIMEOUT_MS } from '../../src/serve/server.js';
import { startServeHarness, type ServeHarness } from './helpers/serve-harness.js';

let harness: ServeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Node's own idle keep-alive limit: a balancer reusing a connection after it gets a 502. */
const NODE_DEFAULT_KEEP_ALIVE_MS = 5_000;

/** One GET /healthz on an open socket; resolves with the status line once the body arrived. */
async function get(socket: Socket, host: string): Promise<string> {
  let received = '';
  const done = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (received.includes('{"status":"ok"}')) {
        socket.off('data', onData);
        resolve(received.split('\r\n')[0]!);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('the server closed the keep-alive connection')));
  });
  socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  return done;
}

describe('kavak serve behind a load balancer', () => {
  it('keeps an idle keep-alive connection open past Node’s 5 s default, so a balancer can reuse it', async () => {
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    harness = await startServeHarness();
    const { hostname: host, port } = new URL(harness.server.url);
    const socket = connect(Number(port), host);
    await once(socket, 'connect');
    try {
      expect(await get(socket, host)).toBe('HTTP/1.1 200 OK');
      // Idle past Node's default: with it the server would have closed the socket by now.
      await new Promise((resolve) => setTimeout(resolve, NODE_DEFAULT_KEEP_ALIVE_MS + 1_000));
      expect(socket.destroyed).toBe(false);
      expect(await get(socket, host)).toBe('HTTP/1.1 200 OK');
    } finally {
      socket.destroy();
    }
  }, 20_000);
});
