import fc from 'fast-check';
import { usageEvent } from '@switchyard/contracts';
import { fastUsageEvent, isCanonicalTs } from './fast-usage-event';

const validEvent = fc.record({
  id: fc.uuid(),
  ts: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  proxyId: fc.string({ minLength: 1, maxLength: 128 }),
  policyVersion: fc.nat(),
  kind: fc.constantFrom('production', 'evaluation'),
  endpoint: fc.constantFrom('chat.completions', 'embeddings'),
  bucket: fc.string({ minLength: 1, maxLength: 64 }),
  requestedModel: fc.string({ maxLength: 200 }),
  servedModel: fc.option(fc.string({ maxLength: 200 })),
  apiKeyId: fc.option(fc.string({ maxLength: 64 })),
  team: fc.string({ maxLength: 128 }),
  stream: fc.boolean(),
  promptTokens: fc.nat(),
  completionTokens: fc.nat(),
  cachedTokens: fc.nat(),
  usageEstimated: fc.boolean(),
  cache: fc.constantFrom('miss', 'exact', 'semantic', 'bypass'),
  costUsd: fc.stringMatching(/^\d{1,12}(\.\d{1,12})?$/),
  baselineCostUsd: fc.stringMatching(/^\d{1,12}(\.\d{1,12})?$/),
  cacheSavedUsd: fc.stringMatching(/^\d{1,12}(\.\d{1,12})?$/),
  ttftMs: fc.option(fc.double({ min: 0, max: 86_400_000, noNaN: true })),
  totalMs: fc.double({ min: 0, max: 86_400_000, noNaN: true }),
  status: fc.integer({ min: 100, max: 599 }),
  errorType: fc.option(fc.string({ maxLength: 128 })),
  attempts: fc.integer({ min: 0, max: 100 }),
});

/** Valid events with one field broken (or removed, or an extra one added). */
const brokenEvent = fc
  .tuple(
    validEvent,
    fc.constantFrom(...Object.keys(usageEvent.shape), 'extra'),
    fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string({ maxLength: 300 }),
      fc.double(),
      fc.integer({ min: -5, max: 700 }),
      fc.boolean(),
      fc.constant('2026-02-30T00:00:00.000Z'),
      fc.constant('2026-01-01T10:00:00+02:00'),
      fc.constant('0.1234567890123'),
      fc.constant('00000000-0000-0000-0000-000000000000'),
      fc.constant([]),
    ),
  )
  .map(([e, key, value]) => {
    const copy: Record<string, unknown> = { ...e };
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });

describe('fast usage-event check', () => {
  it('accepts every canonical valid event, with the output zod gives', () => {
    fc.assert(
      fc.property(validEvent, (e) => {
        const fast = fastUsageEvent(e);
        expect(fast).not.toBeNull();
        expect(fast).toEqual(usageEvent.parse(e));
      }),
      { numRuns: 500 },
    );
  });

  it('never accepts what zod rejects (it may leave to zod what zod accepts)', () => {
    fc.assert(
      fc.property(brokenEvent, (e) => {
        const fast = fastUsageEvent(e);
        const slow = usageEvent.safeParse(e);
        if (fast !== null) {
          expect(slow.success).toBe(true);
          expect(fast).toEqual(slow.data);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('checks canonical timestamps like zod, calendar included', () => {
    const ts = usageEvent.shape.ts;
    const cases = [
      '2026-02-28T23:59:59.999Z', '2026-02-29T00:00:00.000Z', '2024-02-29T12:00:00.000Z', '2000-02-29T00:00:00.000Z', '1900-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z', '2026-12-31T23:59:59.999Z', '2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-01-00T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z', '2026-01-01T23:60:00.000Z', '2026-01-01T23:59:60.000Z', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000+00:00',
    ];
    for (const c of cases) {
      if (isCanonicalTs(c)) expect([c, ts.safeParse(c).success]).toEqual([c, true]);
    }
    expect(cases.filter(isCanonicalTs)).toEqual(['2026-02-28T23:59:59.999Z', '2024-02-29T12:00:00.000Z', '2000-02-29T00:00:00.000Z', '2026-12-31T23:59:59.999Z']);
  });

  it('defaults kind like the schema and leaves offsets and odd shapes to zod', () => {
    const e = fc.sample(validEvent, 1)[0] as Record<string, unknown>;
    delete e.kind;
    expect(fastUsageEvent(e)?.kind).toBe('production');
    expect(fastUsageEvent({ ...e, ts: '2026-01-01T10:00:00+02:00' })).toBeNull();
    expect(usageEvent.safeParse({ ...e, ts: '2026-01-01T10:00:00+02:00' }).success).toBe(true);
    expect(fastUsageEvent(null)).toBeNull();
    expect(fastUsageEvent([e])).toBeNull();
  });
});
