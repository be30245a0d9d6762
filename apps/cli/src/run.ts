import { isApiError } from '@switchyard/api-client';
import { parseArgs, UsageError } from './args';
import { CommandFailed, type CliIo } from './commands/context';
import { policyApply, policyDiff, policyExport } from './commands/policy';
import { rolloutCommand } from './commands/rollout';

export const USAGE = `Usage: npx switchyard <command> [options]

  policy export [--out FILE]            print the live policy as YAML
  policy diff FILE                      validate FILE and show what it changes against live
  policy apply FILE [--message M]       validate, show the diff, publish to every proxy
        [--rollout 10%]                   … or to that share of proxies as a staged rollout
        [--max-error-rate-delta 0.05] [--max-p95-ratio 1.5] [--max-cost-ratio 1.5]
        [--min-requests 50] [--no-auto-abort] [--dry-run]
  rollout list | status ID | promote ID | abort ID [--reason R]

Options: --url URL (or SWITCHYARD_URL; default http://127.0.0.1:3000)
         --token TOKEN (or SWITCHYARD_TOKEN; or SWITCHYARD_EMAIL + SWITCHYARD_PASSWORD)
Exit codes: 0 done, 1 refused or failed (nothing changed), 2 usage error.`;

/** Runs one CLI invocation and returns its exit code; all I/O goes through `io`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    const [group, command] = args.positionals;
    if (!group || args.flags.has('help') || group === 'help') {
      io.out(USAGE);
      return group ? 0 : 2;
    }
    if (group === 'policy' && command === 'export') return await policyExport(args, io);
    if (group === 'policy' && command === 'diff') return await policyDiff(args, io);
    if (group === 'policy' && command === 'apply') return await policyApply(args, io);
    if (group === 'rollout') return await rolloutCommand(args, io);
    throw new UsageError(`Unknown command "${args.positionals.slice(0, 2).join(' ')}".`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof CommandFailed) return 1;
    if (isApiError(err)) {
      io.err(`Error: ${err.message}`);
      for (const i of err.issues) io.err(`  ${i.path}: ${i.message}`);
      return 1;
    }
    io.err(`Error: ${(err as Error)?.stack ?? String(err)}`);
    return 1;
  }
}
