/**
 * The inline-reply handoff on PostgreSQL, two "processes" (each its own pool and LISTEN
 * connection) on one database: the web side waits, the worker side offers. Whatever the timing,
 * each reply has exactly one way out: inline (the request got it and the worker sends nothing)
 * or by API (the request got null and the worker sends it).
 */
import { afterEach, expect, it } from 'vitest';
import { NotificationListener } from '../../src/store/postgres/notification-listener.js';
import { PostgresReplyHandoff } from '../../src/store/postgres/reply-handoff.js';
import { describeWithPostgres, freshMigratedSchema, testPool } from '../support/pg-url.js';

const key = (externalId: string) => ({ channel: 'whatsapp', externalId });

describeWithPostgres('inline replies across processes on PostgreSQL', (url) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const migratedSchema = async () => {
    const schema = await freshMigratedSchema(url);
    cleanups.push(() => schema.drop());
    return schema;
  };
  const replica = (schemaUrl: string) => {
    const pool = testPool({ connectionString: schemaUrl, max: 4 });
    const listener = new NotificationListener({ connectionString: schemaUrl });
    const handoff = new PostgresReplyHandoff(pool, listener);
    cleanups.push(async () => {
      await handoff.close();
      await listener.close();
      await pool.end();
    });
    return { handoff, listener };
  };

  it('hands the reply to the waiting request in another process, once; a retry of the offer still says inline', async () => {
    const schema = await migratedSchema();
    const web = replica(schema.url);
    const worker = replica(schema.url);
    const pending = await web.handoff.expect(key('SM1'), 10_000);
    expect(pending).toBeDefined();
    // A second request for the same message (Twilio's retry) does not wait too.
    expect(await web.handoff.expect(key('SM1'), 10_000)).toBeUndefined();
    expect(await worker.handoff.offer(key('SM1'), ['hola', 'adiós'])).toBe(true);
    expect(await pending!.reply).toEqual(['hola', 'adiós']);
    // The worker died before recording the delivery; its next attempt must not send it again.
    expect(await worker.handoff.offer(key('SM1'), ['hola', 'adiós'])).toBe(true);
    // A message nobody waits for goes by the API.
    expect(await worker.handoff.offer(key('SM2'), ['hola'])).toBe(false);
  });

  it('after the deadline the worker sends by API; a dead web process cannot take a reply', async () => {
    const schema = await migratedSchema();
    const web = replica(schema.url);
    const worker = replica(schema.url);
    const late = await web.handoff.expect(key('SM3'), 100);
    expect(await late!.reply).toBeNull();
    expect(await worker.handoff.offer(key('SM3'), ['tarde'])).toBe(false);

    // The web process's session is gone (SIGKILL): its row stays `waiting`, but no worker takes it.
    const dying = await web.handoff.expect(key('SM4'), 10_000);
    expect(dying).toBeDefined();
    await web.listener.close();
    expect(await worker.handoff.offer(key('SM4'), ['nadie'])).toBe(false);
  });

  it('decides each message once when deadlines and offers race', { timeout: 60_000 }, async () => {
    const schema = await migratedSchema();
    const web = replica(schema.url);
    const worker = replica(schema.url);
    const ids = Array.from({ length: 60 }, (_, i) => `SMrace${i}`);
    const outcomes = await Promise.all(
      ids.map(async (id, i) => {
        const pending = await web.handoff.expect(key(id), 200 + (i % 10) * 20);
        // Offers land around the deadlines: some before, some after, some at the same instant.
        await new Promise((done) => setTimeout(done, (i % 7) * 60));
        const [inline, reply] = await Promise.all([worker.handoff.offer(key(id), [id]), pending!.reply]);
        return { inline, reply };
      }),
    );
    // Both sides won some: the race was run, not avoided.
    expect(outcomes.some((o) => o.inline)).toBe(true);
    expect(outcomes.some((o) => !o.inline)).toBe(true);
    for (const [i, { inline, reply }] of outcomes.entries()) {
      // Inline: the request has it and the worker sends nothing. Not inline: the worker sends it, the request answered empty.
      expect(reply).toEqual(inline ? [ids[i]] : null);
    }
  });
});
