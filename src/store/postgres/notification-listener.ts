import pg from 'pg';
import type { Logger } from '../../support/logger.js';

export interface NotificationListenerOptions {
  connectionString: string;
  logger?: Logger;
  /** First wait before reconnecting; doubles up to 5 s. */
  retryMs?: number;
}

/**
 * One dedicated LISTEN connection per process, shared by every adapter that wants
 * notifications (the queue's wake-ups, inline replies), reconnecting by itself. Not from a
 * pool: a LISTEN lives on its session, and a pooled client would be handed to other queries.
 */
export class NotificationListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private closed = false;
  private backendPid: number | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private readonly stateHandlers = new Set<(connected: boolean) => void>();

  constructor(private readonly options: NotificationListenerOptions) {
    this.retryMs = options.retryMs ?? 250;
  }

  /** The server process of the LISTEN session while it is connected (others check it is alive). */
  get pid(): number | undefined {
    return this.backendPid;
  }

  /** Calls `handler` with each notification's payload on `channel` (a fixed identifier of ours). */
  listen(channel: string, handler: (payload: string) => void): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const client = this.client;
      if (client)
        void client.query(`LISTEN "${channel}"`).catch((error: unknown) => this.lost(client, error));
    }
    set.add(handler);
    void this.ready();
    return () => set.delete(handler);
  }

  /** Told true on every (re)connection, false when the connection is lost: notifications may have been missed. */
  onState(handler: (connected: boolean) => void): () => void {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  /** Connects if needed; resolves true once listening, false if this try failed (it retries on its own). */
  async ready(): Promise<boolean> {
    if (this.client) return true;
    if (this.closed) return false;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    await this.connecting;
    return this.client !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.backendPid = undefined;
    this.handlers.clear();
    this.stateHandlers.clear();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: 'kavak-listen',
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    try {
      await client.connect();
      const result = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      for (const channel of this.handlers.keys()) await client.query(`LISTEN "${channel}"`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      this.backendPid = result.rows[0]?.pid;
      this.retryMs = this.options.retryMs ?? 250;
      for (const handler of this.stateHandlers) handler(true);
    } catch (error) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      this.scheduleReconnect(error);
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.backendPid = undefined;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    for (const handler of this.stateHandlers) handler(false);
    this.scheduleReconnect(error);
  }

  private scheduleReconnect(error: unknown): void {
    if (this.closed || this.retryTimer) return;
    this.options.logger?.warn('postgres_listen_lost', {
      error: error instanceof Error ? error.message : String(error),
      retryInMs: this.retryMs,
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.ready();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
  }
}
