import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, parseConfig } from '../core/config/config';
import { openInfrastructure } from '../core/infrastructure';
import { BudgetEvaluator } from '../modules/budgets/budget-evaluator.service';
import { daysInclusive, eachDay, isDay, monthStart } from '../modules/rollups/days';
import { RollupService } from '../modules/rollups/rollup.service';
import { WorkerRootModule } from '../modules/rollups/worker-root.module';

const USAGE = 'usage: npm run rollup -- --from YYYY-MM-DD --to YYYY-MM-DD';

/**
 * Recomputes spend_daily for a day range from raw events, right here (not through the
 * queue), then re-checks the budgets of the months touched. Idempotent: running it
 * twice gives the same rows. Against DATABASE_URL; in embedded mode stop the control
 * plane first (its PGlite data folder takes one process at a time).
 */
export function parseArgs(argv: string[]): { from: string; to: string } {
  let from: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from') from = argv[++i];
    else if (argv[i] === '--to') to = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  if (!from || !isDay(from)) throw new Error(`--from needs a day like 2026-11-01\n${USAGE}`);
  to ??= from;
  if (!isDay(to)) throw new Error(`--to needs a day like 2026-11-30\n${USAGE}`);
  if (to < from) throw new Error(`--to (${to}) is before --from (${from})`);
  return { from, to };
}

async function main() {
  let range;
  let config;
  try {
    range = parseArgs(process.argv.slice(2));
    config = parseConfig(undefined, { runWorkers: false });
  } catch (err) {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(2);
  }
  const infra = await openInfrastructure(config);
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(infra), { logger: ['error', 'warn'] });
  try {
    await app.init();
    const rollups = app.get(RollupService);
    console.log(`Recomputing ${daysInclusive(range.from, range.to)} day(s), ${range.from} .. ${range.to}`);
    let rows = 0;
    for (const r of await rollups.recomputeRange(range.from, range.to)) {
      rows += r.rows;
      console.log(r.skipped ? `  ${r.day}  skipped: ${r.skipped}` : `  ${r.day}  ${String(r.rows).padStart(6)} rows  ${r.ms.toFixed(0).padStart(6)} ms`);
    }
    const months = [...new Set(eachDay(range.from, range.to).map(monthStart))];
    for (const m of months) await app.get(BudgetEvaluator).evaluateMonth(m);
    console.log(`Done: ${rows} rows; budgets re-checked for ${months.map((m) => m.slice(0, 7)).join(', ')}.`);
  } finally {
    await app.close();
    await infra.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
