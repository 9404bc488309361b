import type { Request } from 'express';

/**
 * The URL the provider signed: the public URL when given (a path on it is kept, so both
 * https://host and https://host/twilio/whatsapp work), else the protocol and host the request
 * came with — which behind a proxy are the forwarded ones only when express trusts that proxy.
 */
export function signedUrl(req: Request, publicUrl?: string): string {
  if (publicUrl) {
    const base = publicUrl.replace(/\/+$/, '');
    const query = req.originalUrl.slice(req.path.length);
    return base.endsWith(req.path) ? base + query : base + req.originalUrl;
  }
  return `${req.protocol}://${req.host ?? 'localhost'}${req.originalUrl}`;
}
