import { Document, isMap, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import { policyContent, validatePolicy, type CatalogEntry, type PolicyContent } from '@switchyard/contracts';
import { keysInSchemaOrder } from './key-order';
import { locate, type YamlLocation } from './yaml-locate';

/** One problem with a policy file, where it is and why. */
export interface PolicyYamlIssue extends YamlLocation {
  /** Dotted path into the policy (`buckets.1.targets`), `(yaml)` for a syntax error. */
  path: string;
  message: string;
}

export type ParsedPolicyYaml = { ok: true; content: PolicyContent } | { ok: false; issues: PolicyYamlIssue[] };

/**
 * Policy content as a readable YAML document: keys in the order of the policy schema
 * (so two exports of the same policy are byte-identical and reviews diff cleanly),
 * every value spelled out (defaults included: what you read is what runs), a blank
 * line between buckets and a comment saying where it came from.
 */
export function policyToYaml(content: PolicyContent, headerComment?: string): string {
  const doc = new Document(keysInSchemaOrder(content, policyContent));
  if (headerComment) doc.commentBefore = headerComment.split('\n').map((l) => ` ${l}`).join('\n');
  const buckets = isMap(doc.contents) ? doc.contents.get('buckets', true) : null;
  if (isSeq(buckets)) buckets.items.forEach((item, i) => i > 0 && isMap(item) && (item.spaceBefore = true));
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/**
 * Parses a policy file. Syntax errors, then schema errors, then (with a catalog) the
 * same checks the control plane makes before a publish — each located at its line and
 * column in the file. Returns the content with defaults filled in.
 */
export function parsePolicyYaml(text: string, catalog?: readonly CatalogEntry[]): ParsedPolicyYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: '(yaml)', line: pos.line, column: pos.col, message: firstLine(e.message) };
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // An alias to an anchor that is not set (or too many aliases): the yaml library throws here, not in doc.errors.
    return { ok: false, issues: [{ path: '(yaml)', ...aliasLocation(doc, lineCounter), message: firstLine((err as Error).message) }] };
  }
  if (value === null || value === undefined) {
    return { ok: false, issues: [{ path: '(root)', line: 1, column: 1, message: 'the file holds no policy: expected a mapping with defaultBucket, baselineModel and buckets' }] };
  }

  const structural = policyContent.safeParse(value);
  if (!structural.success) {
    return {
      ok: false,
      issues: structural.error.issues.flatMap((issue) => {
        const path = issue.path.map(String);
        if (issue.code === 'unrecognized_keys') {
          return issue.keys.map((key) => ({ path: [...path, key].join('.'), ...locate(doc, lineCounter, [...path, key], 'key'), message: `unknown field "${key}"` }));
        }
        const missing = issue.code === 'invalid_type' && getIn(value, path) === undefined;
        return [{
          path: path.length ? path.join('.') : '(root)',
          ...locate(doc, lineCounter, path),
          message: missing ? `missing required field "${path.at(-1)}"` : issue.message,
        }];
      }),
    };
  }
  if (!catalog) return { ok: true, content: structural.data };

  const checked = validatePolicy(value, catalog);
  if (checked.ok) return { ok: true, content: checked.policy };
  return {
    ok: false,
    issues: checked.issues.map((i) => ({ path: i.path, ...locate(doc, lineCounter, i.path === '(root)' ? [] : i.path.split('.')), message: i.message })),
  };
}

/** `file:line:column: path: message`, one per line — the format editors and CI logs link. */
export function formatIssues(file: string, issues: readonly PolicyYamlIssue[]): string {
  return issues
    .slice()
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((i) => `${file}:${i.line}:${i.column}: ${i.path === '(yaml)' ? 'YAML syntax' : i.path}: ${i.message}`)
    .join('\n');
}

function getIn(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** Where the first alias that does not resolve is (else the start of the file). */
function aliasLocation(doc: Document, lines: LineCounter): { line: number; column: number } {
  let at = 0;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) === undefined && node.range) {
        at = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const pos = lines.linePos(at);
  return { line: pos.line, column: pos.col };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
