import type { z } from 'zod';

/** One problem with an input, located by a dotted path such as `buckets.1.targets.0.weight`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Body of every 400 the control plane returns for invalid input. */
export interface ValidationErrorBody {
  statusCode: 400;
  error: 'Bad Request';
  message: string;
  issues: ValidationIssue[];
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Parses with a schema and returns either the value or every issue with its path. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; issues: ValidationIssue[] } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: zodIssues(r.error) };
}
