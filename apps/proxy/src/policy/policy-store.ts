import { join } from 'node:path';
import type { Logger } from '../logger';
import { compilePolicy, type CompiledPolicy } from './compiled-policy';
import { readJsonFile, writeJsonAtomic } from './disk-state';

export type PolicySource = 'control-plane' | 'disk' | 'file';

export interface Rejection {
  version: number;
  reason: string;
}

/**
 * The live policy. `current` is swapped in one assignment, so a request that read
 * it at its start keeps that version to its end while new requests see the new one.
 * Every version applied from the control plane is saved as the last good policy, so
 * a restart without the control plane starts from it.
 */
export class PolicyStore {
  private live: CompiledPolicy | null = null;
  private lastRejection: Rejection | null = null;
  private readonly listeners: Array<(p: CompiledPolicy) => void> = [];
  private persisting: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly providerKey: (envName: string) => string | undefined,
    private readonly log: Logger,
  ) {}

  get current(): CompiledPolicy | null {
    return this.live;
  }

  /** The last version refused, reported in heartbeats until a newer version applies. */
  get rejected(): Rejection | null {
    return this.lastRejection;
  }

  get diskPath(): string {
    return join(this.dataDir, 'policy.json');
  }

  onChange(listener: (p: CompiledPolicy) => void): void {
    this.listeners.push(listener);
  }

  /** Validates and applies a snapshot; returns false (keeping the old version) if it cannot be applied. */
  apply(raw: unknown, source: PolicySource): boolean {
    const result = compilePolicy(raw, this.providerKey);
    if (!result.ok) {
      if (result.version !== null) this.lastRejection = { version: result.version, reason: result.reason };
      this.log.warn('policy rejected', { source, version: result.version, reason: result.reason });
      return false;
    }
    const next = result.policy;
    const prev = this.live;
    if (prev && prev.version === next.version && prev.snapshot.hash === next.snapshot.hash) return true;
    this.live = next;
    if (this.lastRejection && this.lastRejection.version <= next.version) this.lastRejection = null;
    if (next.missingKeys.length > 0) this.log.warn('provider API key variables are not set; requests go without Authorization', { providers: next.missingKeys });
    this.log.info('policy applied', { source, version: next.version, previous: prev?.version ?? null });
    if (source === 'control-plane') this.persist(next);
    for (const l of this.listeners) l(next);
    return true;
  }

  /** Loads the last good policy saved on disk (or the configured file); true when one was applied. */
  async loadFrom(path: string, source: PolicySource): Promise<boolean> {
    try {
      const raw = await readJsonFile(path);
      if (raw === null) return false;
      return this.apply(raw, source);
    } catch (err) {
      this.log.warn('could not read a saved policy', { path, error: (err as Error).message });
      return false;
    }
  }

  /** Resolves once every save started so far has finished. */
  flush(): Promise<void> {
    return this.persisting;
  }

  private persist(p: CompiledPolicy): void {
    this.persisting = this.persisting
      .then(() => writeJsonAtomic(this.diskPath, p.snapshot))
      .catch((err: Error) => this.log.error('could not save the policy to disk', { path: this.diskPath, error: err.message }));
  }
}
