/**
 * The test environment, read once: which real servers the suite may use.
 * DATABASE_URL unset → integration tests run on embedded PGlite.
 * REDIS_URL unset → tests that need Redis are skipped, and the runner says so.
 */
export const testConfig = {
  databaseUrl: process.env.DATABASE_URL || null,
  redisUrl: process.env.REDIS_URL || null,
} as const;
