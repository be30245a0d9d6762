#!/usr/bin/env node
// Runs the whole Jest suite and ends with the one line CI reads: "N passed, N failed".
// Extra arguments go to Jest (e.g. `npm test -- --selectProjects unit`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'switchyard-test-')), 'results.json');
// --forceExit: servers started in-process by integration tests (NestJS, undici pools,
// BullMQ connections) can leave a handle open after their file finished; the results
// are complete by then and must not wait for it.
const args = ['--json', `--outputFile=${out}`, '--forceExit', ...process.argv.slice(2)];
if (process.env.CI) args.push('--ci');
const jest = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...args], { stdio: 'inherit' });

let results;
try {
  results = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  console.error('Jest produced no results (see its output above).');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const skipped = results.testResults.flatMap((file) =>
  file.assertionResults.filter((t) => t.status === 'pending').map((t) => t.fullName),
);
if (skipped.length > 0) {
  console.log(`\nSkipped ${skipped.length} test(s):`);
  if (!process.env.REDIS_URL) console.log('  (REDIS_URL is not set: tests that need a real Redis were skipped. Set REDIS_URL=redis://127.0.0.1:6379 to run them.)');
  if (!process.env.DATABASE_URL) console.log('  (DATABASE_URL is not set: integration tests ran on embedded PGlite; tests that need a real Postgres server were skipped.)');
  for (const name of skipped) console.log(`  - ${name}`);
}
const suiteErrors = results.numRuntimeErrorTestSuites ?? 0;
const failed = results.numFailedTests + suiteErrors;
console.log(`\n${results.numPassedTests} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
