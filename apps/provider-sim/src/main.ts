import { loadConfigFromEnv, SimConfigError } from './config';
import { startProviderSim } from './server';

async function main(): Promise<void> {
  let options;
  try {
    options = loadConfigFromEnv();
  } catch (err) {
    if (err instanceof SimConfigError) {
      console.error(`provider-sim: invalid configuration — ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const sim = await startProviderSim(options);
  console.log(`provider-sim listening on ${sim.url} (seed ${options.seed})`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('provider-sim failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
