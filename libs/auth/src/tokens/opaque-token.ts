import { createHash, randomBytes } from 'node:crypto';

export interface OpaqueToken {
  /** Given to the client once; never stored or logged. */
  token: string;
  /** SHA-256 of the token (hex), the only form stored. */
  hash: string;
}

/** 256 random bits, URL-safe: refresh tokens and password reset tokens. */
export function newOpaqueToken(): OpaqueToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

/** A plain SHA-256 suffices: the input has 256 bits of entropy, so there is nothing to brute-force. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
