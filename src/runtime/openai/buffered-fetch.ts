import { Agent, interceptors, request, type Dispatcher } from 'undici';

/**
 * A `fetch` for the SDK's whole (non-streamed) answers, on undici's request API, the body read
 * before the Response is made. Node 20's global fetch spends ~0.5 ms more CPU per call (WHATWG
 * streams, a tee of every request body): at eval -j 64 that CPU is what the event loop queues
 * on. Like it: a keep-alive pool, TLS, 300 s header and body timeouts, redirects followed.
 * Unlike it: no compressed answers asked for, and the SDK's timeout covers the body too (with
 * the global fetch it ended at the headers). Anything but a string body goes to the global fetch.
 */
export function createBufferedFetch(
  dispatcher: Dispatcher = new Agent().compose(interceptors.redirect({ maxRedirections: 20 })),
): typeof fetch {
  return async (input, init) => {
    const body = init?.body;
    if (input instanceof Request || (body != null && typeof body !== 'string')) return fetch(input, init);
    const answer = await request(input, {
      dispatcher,
      method: init?.method ?? 'GET',
      // The SDK's are a Headers already: undici takes its [name, value] pairs as they are.
      headers:
        init?.headers instanceof Headers || init?.headers === undefined
          ? init?.headers
          : new Headers(init.headers),
      body,
      signal: init?.signal ?? undefined,
    });
    const text = await answer.body.text();
    return new WholeResponse(text, { status: answer.statusCode, headers: responseHeaders(answer.headers) });
  };
}

/**
 * A Response whose body was read already: text(), json() and arrayBuffer() answer from it, so no
 * WHATWG stream is made for it (a third of this fetch's CPU). `body` is null; the SDK reads only these.
 */
class WholeResponse extends Response {
  readonly #text: string;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
  }

  override readonly text = (): Promise<string> => Promise.resolve(this.#text);
  // A body that is not JSON rejects, as Response.json() does (a cut-off answer).
  override readonly json = (): Promise<unknown> => new Promise((resolve) => resolve(JSON.parse(this.#text)));
  override readonly arrayBuffer = (): Promise<ArrayBuffer> =>
    Promise.resolve(new TextEncoder().encode(this.#text).buffer);
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
