import type { Request } from 'express';
import twilio from 'twilio';

/** How the webhook decides a request comes from Twilio. */
export type SignaturePolicy =
  | {
      kind: 'verify';
      /** The auth token, then during a rotation the secondary one: a signature by either passes. */
      authTokens: string[];
      /** The URL Twilio calls, e.g. https://bot.example.com */
      publicUrl?: string;
    }
  | { kind: 'insecure' };

type FormParams = Record<string, string | string[]>;

/**
 * The URL Twilio signed: the public URL when given (a path on it is kept, so both
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

/** Checks X-Twilio-Signature with the twilio SDK (HMAC-SHA1 of the URL and every form field). */
export function hasValidSignature(
  req: Request,
  params: FormParams,
  policy: Extract<SignaturePolicy, { kind: 'verify' }>,
): boolean {
  const signature = req.get('x-twilio-signature');
  if (!signature) return false;
  const url = signedUrl(req, policy.publicUrl);
  return policy.authTokens.some((token) => twilio.validateRequest(token, signature, url, params));
}

/** Signs a Twilio-style request, as Twilio would (for `kavak send` and tests). */
export function signTwilioRequest(authToken: string, url: string, params: FormParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
