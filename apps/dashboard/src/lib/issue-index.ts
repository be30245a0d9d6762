import type { ValidationIssue } from '@switchyard/contracts';

/** Validation issues looked up by the path of the field they belong to. */
export class IssueIndex {
  private readonly byPath = new Map<string, string[]>();

  constructor(readonly all: readonly ValidationIssue[]) {
    for (const issue of all) {
      const list = this.byPath.get(issue.path);
      if (list) list.push(issue.message);
      else this.byPath.set(issue.path, [issue.message]);
    }
  }

  /** Messages for exactly this path. */
  at(path: string): string[] {
    return this.byPath.get(path) ?? [];
  }

  /** Issues at this path or below it (`buckets.1` covers `buckets.1.targets.0.model`). */
  under(prefix: string): ValidationIssue[] {
    return this.all.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`));
  }

  get count(): number {
    return this.all.length;
  }
}

/** Problems to show at form fields: from local validation, or from a 400 the API returned. */
export function issuesFromError(error: unknown): IssueIndex {
  const issues = typeof error === 'object' && error !== null && 'issues' in error && Array.isArray(error.issues) ? (error.issues as ValidationIssue[]) : [];
  return new IssueIndex(issues);
}

export const NO_ISSUES = new IssueIndex([]);
