import { z } from 'zod';
import { bucketName } from './policy';

export const createApiKeyRequest = z.strictObject({
  name: z.string().min(1).max(200),
  team: z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'letters, digits, space, ".", "-" and "_"'),
  defaultBucket: bucketName.nullable().optional(),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequest>;

/** Returned once, at creation: `key` is never shown again. */
export interface CreatedApiKey {
  id: string;
  key: string;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  team: string;
  defaultBucket: string | null;
  /** First characters of the key, to recognise it. */
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What proxies sync: hashes only. */
export interface ProxyApiKey {
  id: string;
  /** Hex sha256 of the full key. */
  hash: string;
  team: string;
  defaultBucket: string | null;
}

export interface ProxyKeySet {
  /** Changes whenever any key is created or revoked. */
  revision: string;
  keys: ProxyApiKey[];
}

/** Client API keys look like `sk-sy-` followed by 40 base62 characters. */
export const API_KEY_PREFIX = 'sk-sy-';
