/**
 * A PostgreSQL restart ends every session with FATAL 57P01. When that arrives in the same packet
 * as a new connection's ReadyForQuery, pg-pool has already handed the client out (and taken its
 * own 'error' listener off) while the caller's `await pool.connect()` has not resumed yet: with
 * no listener, the 'error' event ended the whole `kavak serve` process (seen in one restart e2e
 * run in ten). A tiny server speaking just enough of the protocol makes that packet every time.
 */
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { inTransaction, postgresPoolConfig } from '../../src/store/postgres/pool.js';

/** A backend message: type byte, int32 length (itself included), body. */
function backendMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const authenticationOk = backendMessage('R', Buffer.from([0, 0, 0, 0]));
const readyForQuery = backendMessage('Z', Buffer.from('I', 'latin1'));
const adminShutdown = backendMessage(
  'E',
  Buffer.from(
    ['SFATAL', 'VFATAL', 'C57P01', 'Mterminating connection due to administrator command']
      .map((field) => `${field}\0`)
      .join('') + '\0',
    'latin1',
  ),
);

/** Answers each startup with "ready" and, in the same write, "terminated"; then hangs up. */
async function serverThatEndsEachSessionAtOnce(): Promise<{ url: string; server: Server }> {
  const server = createServer((socket: Socket) => {
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < received.readInt32BE(0)) return;
      socket.end(Buffer.concat([authenticationOk, readyForQuery, adminShutdown]));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { url: `postgres://kavak@127.0.0.1:${address.port}/kavak`, server };
}

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('a session the server ends in the packet that made it ready fails the transaction, not the process', async () => {
  const { url, server } = await serverThatEndsEachSessionAtOnce();
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const pool = new pg.Pool(postgresPoolConfig(url, 2));
  pool.on('error', () => undefined);
  cleanups.push(() => pool.end());
  const uncaught: unknown[] = [];
  const hear = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', hear);
  cleanups.push(() => void process.off('uncaughtException', hear));

  for (let attempt = 0; attempt < 3; attempt++)
    await expect(inTransaction(pool, url, (client) => client.query('SELECT 1'))).rejects.toThrow(
      /PostgreSQL|connection|queryable/i,
    );
  expect(uncaught).toEqual([]);
  // The broken clients were discarded, not put back for the next caller.
  expect(pool.idleCount).toBe(0);
});
