import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * `fetch` for the OpenAI SDK on node:http(s) with keep-alive agents. Node 20's fetch (undici)
 * spends ~0.7 ms of CPU per call building WHATWG streams, a cloned Request and Headers; at
 * `kavak eval -j 64` that was a fifth of the run. Only the plain case is served here (a URL, a
 * string body): anything else, and any redirect, goes to the global fetch, so behaviour is the
 * same. Failures look like undici's: a rejected TypeError "fetch failed" with the cause, an
 * AbortError when the signal fires, and a body that errors with "terminated" when the
 * connection drops mid-answer.
 */
export function createNodeHttpFetch(): typeof fetch {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  return async (input, init = {}) => {
    const body = init.body;
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
    const plain = body === undefined || body === null || typeof body === 'string';
    if (!url || !plain || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      return globalThis.fetch(input, init);
    const response = await send(url, init, body ?? undefined, agents[url.protocol]);
    // undici follows redirects (and rewrites the method as the spec says): let it.
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      return globalThis.fetch(input, init);
    }
    return response;
  };
}

/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function send(url: URL, init: RequestInit, body: string | undefined, agent: http.Agent): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  if (body !== undefined && headers['content-length'] === undefined)
    headers['content-length'] = String(Buffer.byteLength(body));
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const status = res.statusCode ?? 0;
      const responseHeaders = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
        responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      let stream: ReadableStream<Uint8Array> | null = null;
      if (NULL_BODY.has(status) || init.method === 'HEAD') res.resume();
      else stream = bodyStream(res, decoded(res), signal);
      resolve(new Response(stream, { status, statusText: res.statusMessage, headers: responseHeaders }));
    });
    const onAbort = () => {
      const reason = abortReason(signal!);
      req.destroy(reason);
      reject(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
    req.end(body);
  });
}

/** No Accept-Encoding is sent, so servers answer plainly; a compressed answer is still decoded, as undici does. */
function decoded(res: http.IncomingMessage): Readable {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

function bodyStream(
  res: http.IncomingMessage,
  source: Readable,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      const fail = (error: unknown) => {
        if (done) return;
        done = true;
        controller.error(error);
      };
      const onAbort = () => {
        fail(abortReason(signal!));
        res.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      source.on('data', (chunk: Buffer) => {
        if (!done) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      });
      if (source !== res) source.on('error', () => fail(new TypeError('terminated')));
      source.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        if (done) return;
        done = true;
        controller.close();
      });
      res.on('close', () => {
        signal?.removeEventListener('abort', onAbort);
        if (!res.complete) fail(new TypeError('terminated'));
      });
    },
    cancel() {
      res.destroy();
    },
  });
}

/** What fetch rejects with on abort: the signal's reason, an AbortError DOMException by default. */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}
