import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ProxyApiKey, ProxyKeySet } from '@switchyard/contracts';
import type { Logger } from '../logger';
import { readJsonFile, writeJsonAtomic } from '../policy/disk-state';

export type KeySource = 'control-plane' | 'disk' | 'file';

/**
 * Client API keys as the control plane syncs them: sha256 hashes only. A request's
 * bearer key is hashed and looked up; the set is replaced whole on every change and
 * saved to disk, so a restart without the control plane still authenticates.
 */
export class KeyStore {
  private byHash = new Map<string, ProxyApiKey>();
  /**
   * Keys already verified, by their raw value: saves a sha256 per request. Only keys
   * that exist are remembered, so its size is bounded by the key set; it is rebuilt
   * with every new set, so a revoked key stops working on the next sync.
   */
  private verified = new Map<string, ProxyApiKey>();
  private _revision: string | null = null;
  private persisting: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  get revision(): string | null {
    return this._revision;
  }

  get size(): number {
    return this.byHash.size;
  }

  get diskPath(): string {
    return join(this.dataDir, 'keys.json');
  }

  /** The key record for a raw bearer key, or undefined. */
  lookup(rawKey: string): ProxyApiKey | undefined {
    const known = this.verified.get(rawKey);
    if (known) return known;
    const key = this.byHash.get(createHash('sha256').update(rawKey).digest('hex'));
    if (key) this.verified.set(rawKey, key);
    return key;
  }

  apply(raw: unknown, source: KeySource): boolean {
    const set = parseKeySet(raw);
    if (!set) {
      this.log.warn('key set rejected: not a ProxyKeySet', { source });
      return false;
    }
    if (set.revision === this._revision) return true;
    this.byHash = new Map(set.keys.map((k) => [k.hash.toLowerCase(), k]));
    this.verified = new Map();
    this._revision = set.revision;
    this.log.info('api keys applied', { source, revision: set.revision, keys: set.keys.length });
    if (source === 'control-plane') {
      this.persisting = this.persisting
        .then(() => writeJsonAtomic(this.diskPath, set))
        .catch((err: Error) => this.log.error('could not save the key set', { error: err.message }));
    }
    return true;
  }

  async loadFrom(path: string, source: KeySource): Promise<boolean> {
    try {
      const raw = await readJsonFile(path);
      return raw === null ? false : this.apply(raw, source);
    } catch (err) {
      this.log.warn('could not read a saved key set', { path, error: (err as Error).message });
      return false;
    }
  }

  flush(): Promise<void> {
    return this.persisting;
  }
}

function parseKeySet(raw: unknown): ProxyKeySet | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { revision, keys } = raw as { revision?: unknown; keys?: unknown };
  if (typeof revision !== 'string' || !Array.isArray(keys)) return null;
  for (const k of keys) {
    if (typeof k !== 'object' || k === null) return null;
    const { id, hash, team, defaultBucket } = k as Record<string, unknown>;
    if (typeof id !== 'string' || typeof hash !== 'string' || !/^[a-fA-F0-9]{64}$/.test(hash) || typeof team !== 'string') return null;
    if (defaultBucket !== null && defaultBucket !== undefined && typeof defaultBucket !== 'string') return null;
  }
  return { revision, keys: (keys as ProxyApiKey[]).map((k) => ({ id: k.id, hash: k.hash, team: k.team, defaultBucket: k.defaultBucket ?? null })) };
}
