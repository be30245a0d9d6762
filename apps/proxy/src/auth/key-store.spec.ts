import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keySet, makeKey } from '../../test/support/snapshot-factory';
import { createLogger } from '../logger';
import { KeyStore } from './key-store';

describe('KeyStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sy-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a key by the sha256 of the bearer value, and forgets a revoked key on the next set', () => {
    const store = new KeyStore(dir, createLogger('silent', 't'));
    const a = makeKey('growth', 'bulk');
    const b = makeKey('support');
    store.apply(keySet([a, b], 'r1'), 'file');
    expect(store.lookup(a.key)).toMatchObject({ team: 'growth', defaultBucket: 'bulk' });
    expect(store.lookup(a.key)).toMatchObject({ team: 'growth' });
    expect(store.lookup(`${a.key}x`)).toBeUndefined();
    store.apply(keySet([b], 'r2'), 'control-plane');
    expect(store.lookup(a.key)).toBeUndefined();
    expect(store.lookup(b.key)?.team).toBe('support');
  });

  it('refuses something that is not a key set and keeps the old one', () => {
    const store = new KeyStore(dir, createLogger('silent', 't'));
    const a = makeKey('growth');
    store.apply(keySet([a]), 'file');
    expect(store.apply({ revision: 'x', keys: [{ id: 1 }] }, 'control-plane')).toBe(false);
    expect(store.lookup(a.key)?.team).toBe('growth');
  });
});
