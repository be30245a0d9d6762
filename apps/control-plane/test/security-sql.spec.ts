import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Only parameterised SQL: every value reaches Postgres as a `$n` parameter. This scans
 * the control plane's sources (with the TypeScript parser, not a regex) for SQL built
 * by interpolation — template literals that read like SQL and hold `${…}`, and string
 * concatenation with SQL text — and fails on any interpolation not listed below with
 * the reason it is safe. A new one must be reviewed and listed, or made a parameter.
 */
const root = join(__dirname, '../../..');
const SRC = join(root, 'apps/control-plane/src');

/** Upper-case SQL words, as this codebase writes SQL; prose in messages is lower-case. */
const SQL_WORDS = /\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|DROP\s+(TABLE|INDEX)|ALTER\s+TABLE|WHERE|GROUP\s+BY|ORDER\s+BY|LISTEN|NOTIFY|TRUNCATE|PARTITION\s+OF)\b/;

/**
 * Reviewed interpolations, by file and expression text. Each is a compile-time
 * constant, a value from a closed set validated before it gets here, or a
 * `$${n}` placeholder number — never request text.
 */
const ALLOWED: Record<string, Record<string, string>> = {
  'modules/usage/usage-partitions.service.ts': {
    'partitionName(day)': 'day passed isDay() (YYYY-MM-DD) in ensure(), or was parsed from an existing partition name by a strict regex in dropExpired()',
    day: 'checked by isDay() before the transaction (ensure())',
    'addDays(day, 1)': 'computed from a day checked by isDay()',
  },
  'modules/spend/spend.service.ts': {
    'params.length': 'a $n placeholder number',
    dim: "one of the literal dimension names 'bucket' | 'model' | 'team' (filters list in spendSource)",
    'periodSql(q.granularity)': "granularity is the zod enum 'day' | 'week' | 'month' (SpendQuery), validated by the pipe",
    granularity: "the zod enum 'day' | 'week' | 'month' (periodSql's parameter type)",
    'src.group': "'value' or q.groupBy, the zod enum 'bucket' | 'model' | 'team'",
    SUMS: 'a module constant',
    SERIES_TSV: 'a module constant',
    GROUP_SUMS: 'a module constant',
    points: 'one of two literal SELECTs whose interpolations are the reviewed ones of this file',
    'src.table': "the literal union 'spend_daily' | 'spend_daily_dim'",
    "src.where.join(' AND ')": 'conditions built in spendSource from literals and $n placeholders',
  },
  'modules/spend/performance.service.ts': {
    period: 'periodSql() of a zod-enum granularity',
    col: 'one of two literal column names chosen in code',
    where: 'conditions built from literals and $n placeholders',
  },
  'modules/spend/spend-summary.service.ts': {
    TOP: 'a numeric module constant',
  },
  'modules/rollups/rollup.sql.ts': {
    "METRIC_COLUMNS.join(', ')": 'a constant list of column names',
    HIT: 'a constant SQL fragment',
    ROUTED: 'a constant SQL fragment',
    "METRIC_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')": 'a constant list of column names',
    "METRIC_COLUMNS.map((c) => `t.${c}`).join(', ')": 'a constant list of column names',
    "METRIC_COLUMNS.map((c) => `sum(s.${c})`).join(', ')": 'a constant list of column names',
    col: "mergedHist() is called only with the literal column names 'latency_hist' and 'ttft_hist'",
    "mergedHist('latency_hist')": 'a literal column name',
    "mergedHist('ttft_hist')": 'a literal column name',
  },
  'modules/rollouts/rollout-metrics.ts': {
    ERROR_STATUS_SQL: 'a constant SQL fragment',
  },
  'core/bus/pg-change-bus.ts': {
    CHANNEL: 'a constant channel name (LISTEN takes no parameters)',
  },
};

interface Finding {
  file: string;
  line: number;
  expr: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(name) && !/\.(spec|integration-spec)\.ts$/.test(name) ? [p] : [];
  });
}

function literalText(n: ts.Node): string | null {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.head.text + n.templateSpans.map((s) => s.literal.text).join(' ');
  return null;
}

function scan(file: string): Finding[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const rel = relative(SRC, file);
  const out: Finding[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (n: ts.Node) => {
    if (ts.isTemplateExpression(n) && SQL_WORDS.test(literalText(n) ?? '')) {
      for (const span of n.templateSpans) out.push({ file: rel, line: at(span), expr: span.expression.getText(sf) });
      // Template literals nested in a span are part of that span's (listed) expression.
      return;
    }
    if (ts.isTemplateExpression(n)) {
      // A fragment without SQL words: its spans matter only if it is itself used as SQL, which the enclosing template reports.
      for (const span of n.templateSpans) visit(span.expression);
      return;
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const parts = [n.left, n.right].map(literalText);
      if (parts.some((p) => p !== null && SQL_WORDS.test(p))) {
        for (const side of [n.left, n.right]) if (literalText(side) === null) out.push({ file: rel, line: at(side), expr: side.getText(sf) });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('control plane: only parameterised SQL', () => {
  const files = sources(SRC);
  const findings = files.flatMap(scan);

  it('scans the whole control plane', () => {
    expect(files.length).toBeGreaterThan(50);
    // The scanner sees the known, reviewed interpolations (so a broken scanner cannot pass silently).
    expect(findings.some((f) => f.file === 'modules/usage/usage-partitions.service.ts' && f.expr === 'partitionName(day)')).toBe(true);
  });

  it('interpolates nothing into SQL but reviewed constants, enums and validated identifiers', () => {
    const unreviewed = findings.filter((f) => !(ALLOWED[f.file] && f.expr in ALLOWED[f.file])).map((f) => `${f.file}:${f.line}: \${${f.expr}}`);
    console.log(`sql scan: ${files.length} files, ${findings.length} interpolations in SQL, ${unreviewed.length} unreviewed`);
    expect(unreviewed).toEqual([]);
  });

  it('the partition DDL validates the day before it builds names from it', () => {
    const text = readFileSync(join(SRC, 'modules/usage/usage-partitions.service.ts'), 'utf8');
    const check = text.indexOf('if (!isDay(day)) throw');
    const ddl = text.indexOf('CREATE TABLE ${partitionName(day)}');
    expect(check).toBeGreaterThan(0);
    expect(ddl).toBeGreaterThan(check);
  });
});
