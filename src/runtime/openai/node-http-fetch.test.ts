import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch.js';

const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

describe('createNodeHttpFetch answers as Node’s fetch does', () => {
  const nodeFetch = createNodeHttpFetch();

  it('sends method, headers and body; returns status, headers and body', async () => {
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r1' });
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
      });
    });
    const init = { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{"a":"ñ"}' };
    for (const implementation of [fetch, nodeFetch]) {
      const response = await implementation(`${url}/v1/chat/completions`, init);
      expect(response.status).toBe(201);
      expect(response.headers.get('x-request-id')).toBe('r1');
      expect(await response.json()).toEqual({ method: 'POST', auth: 'Bearer k', body: '{"a":"ñ"}' });
    }
  });

  it('streams a body as it arrives, and decodes a gzip one', async () => {
    let release = () => {};
    const firstRead = new Promise<void>((resolve) => (release = resolve));
    const url = await serve((req, res) => {
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(gzipSync('comprimido'));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: uno\n\n');
      // The rest only once the client has read the first event: it was not buffered to the end.
      void firstRead.then(() => res.end('data: dos\n\n'));
    });
    const streamed = await nodeFetch(`${url}/sse`);
    const reader = (streamed.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: uno\n\n');
    release();
    let rest = '';
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest += decoder.decode(part.value);
    expect(rest).toBe('data: dos\n\n');
    expect(await (await nodeFetch(`${url}/gzip`)).text()).toBe('comprimido');
  });

  it('a body cut by a dropped connection fails with "terminated", like undici', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"choices": [');
      setTimeout(() => res.destroy(), 20);
    });
    for (const implementation of [fetch, nodeFetch]) {
      const response = await implementation(url);
      await expect(response.text()).rejects.toThrow(/^terminated$/);
    }
  });

  it('an abort rejects with an AbortError; a refused connection with TypeError "fetch failed"', async () => {
    const url = await serve(() => {});
    const controller = new AbortController();
    const pending = nodeFetch(url, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    const closed = await serve(() => {});
    servers.pop()!.close();
    const refused = await nodeFetch(closed).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TypeError);
    expect(refused).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });

  it('follows a redirect as fetch does', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/old') {
        res.writeHead(307, { location: '/new' });
        res.end();
        return;
      }
      res.end(`at ${req.url} by ${req.method}`);
    });
    const response = await nodeFetch(`${url}/old`, { method: 'POST', body: 'x' });
    expect(await response.text()).toBe('at /new by POST');
  });
});
