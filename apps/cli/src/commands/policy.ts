import { basename } from 'node:path';
import { isApiError } from '@switchyard/api-client';
import { diffJson, type RolloutThresholds } from '@switchyard/contracts';
import { numberFlag, percentFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import { formatDiff } from '../diff-format';
import { policyToYaml } from '../policy-yaml/policy-yaml';
import { CommandFailed, connect, loadPolicyFile, type CliIo } from './context';
import { describeRollout } from './rollout';

/** `policy export [--out FILE]`: the live policy as YAML. */
export async function policyExport(args: ParsedArgs, io: CliIo): Promise<number> {
  const conn = await connect(args, io);
  const live = await conn.api.policies.live();
  if (!live) {
    io.err('Nothing is published yet: there is no live policy to export.');
    return 1;
  }
  const yaml = policyToYaml(
    live.snapshot.policy,
    `Switchyard routing policy — live version ${live.version} (${live.hash.slice(0, 12)}), published ${live.publishedAt} by ${live.author}.\n` +
      'Review changes with `npx switchyard policy diff FILE`; publish with `npx switchyard policy apply FILE [--rollout 10%]`.',
  );
  const out = stringFlag(args, 'out');
  if (out) {
    await io.writeFile(out, yaml);
    io.err(`Wrote live version ${live.version} to ${out}.`);
  } else {
    io.out(yaml.trimEnd());
  }
  return 0;
}

/** `policy diff FILE`: validates the file, then shows what would change against live. */
export async function policyDiff(args: ParsedArgs, io: CliIo): Promise<number> {
  const file = fileArg(args, 'diff');
  const conn = await connect(args, io);
  const content = await loadPolicyFile(file, conn, io);
  const live = await conn.api.policies.live();
  io.err(live ? `${file} against live version ${live.version}:` : `${file} (nothing is published yet):`);
  io.out(formatDiff(diffJson(live?.snapshot.policy ?? {}, content), io.env.color));
  return 0;
}

/**
 * `policy apply FILE [--message M] [--rollout 10%] [--dry-run]`: validates, shows the
 * diff, then publishes to every proxy — or, with --rollout, publishes to that share of
 * proxies as a staged rollout. Invalid files change nothing.
 */
export async function policyApply(args: ParsedArgs, io: CliIo): Promise<number> {
  const file = fileArg(args, 'apply');
  const canaryPercent = percentFlag(args, 'rollout');
  const thresholds = thresholdFlags(args);
  if (!canaryPercent && (Object.keys(thresholds).length > 0 || args.flags.has('no-auto-abort'))) {
    throw new UsageError('Rollout thresholds and --no-auto-abort need --rollout PERCENT.');
  }
  const message = stringFlag(args, 'message') ?? `Applied ${basename(file)} with the switchyard CLI`;
  const conn = await connect(args, io);
  const content = await loadPolicyFile(file, conn, io);
  const live = await conn.api.policies.live();
  const diff = diffJson(live?.snapshot.policy ?? {}, content);
  if (live && diff.length === 0) {
    io.out(`Nothing to apply: ${file} matches live version ${live.version}.`);
    return 0;
  }
  io.err(live ? `Changes against live version ${live.version}:` : 'Nothing is published yet; this becomes the first version:');
  io.out(formatDiff(diff, io.env.color));
  if (args.flags.has('dry-run')) {
    io.out('Dry run: nothing was changed.');
    return 0;
  }

  const draft = await conn.api.policies.createDraft({ name: `CLI: ${basename(file)}`, content });
  try {
    if (canaryPercent) {
      const rollout = await conn.rollouts.create({
        draftId: draft.id,
        canaryPercent,
        message,
        thresholds,
        autoAbort: !args.flags.has('no-auto-abort'),
      });
      io.out(`\nStarted rollout ${rollout.id}: version ${rollout.version} on ${rollout.canaryPercent}% of proxies; the rest stay on version ${rollout.baselineVersion}.`);
      io.out(describeRollout(rollout));
      io.out(`Watch it with \`npx switchyard rollout status ${rollout.id}\`; finish with \`rollout promote ${rollout.id}\` or \`rollout abort ${rollout.id}\`.`);
    } else {
      const published = await conn.api.policies.publishDraft(draft.id, { message });
      io.out(`\nPublished version ${published.version} (${published.hash.slice(0, 12)}) to every proxy.`);
    }
  } catch (err) {
    if (isApiError(err)) {
      io.err(`The control plane refused the change (nothing was published): ${err.message}`);
      for (const i of err.issues) io.err(`  ${i.path}: ${i.message}`);
      throw new CommandFailed();
    }
    throw err;
  } finally {
    // The version (or the rollout) now holds the content; a refused draft is noise.
    await conn.api.policies.deleteDraft(draft.id).catch(() => undefined);
  }
  return 0;
}

function fileArg(args: ParsedArgs, command: string): string {
  const file = args.positionals[2];
  if (!file) throw new UsageError(`policy ${command} needs a FILE: npx switchyard policy ${command} policy.yaml`);
  return file;
}

function thresholdFlags(args: ParsedArgs): Partial<RolloutThresholds> {
  const t: Partial<RolloutThresholds> = {};
  const set = <K extends keyof RolloutThresholds>(key: K, flag: string) => {
    const v = numberFlag(args, flag);
    if (v !== undefined) t[key] = v as RolloutThresholds[K];
  };
  set('maxErrorRateDelta', 'max-error-rate-delta');
  set('maxP95LatencyRatio', 'max-p95-ratio');
  set('maxCostPerRequestRatio', 'max-cost-ratio');
  set('minRequests', 'min-requests');
  return t;
}
