import { bucketOfPath, describePath, type IssueIndex } from '../lib/issues';

/** All problems in one list (each also shows at its field); a click opens the bucket it is in. */
export function IssueSummary({ issues, bucketNames, onOpenBucket }: {
  issues: IssueIndex;
  bucketNames: readonly string[];
  onOpenBucket(index: number): void;
}) {
  if (issues.count === 0) return null;
  return (
    <div className="notice notice-danger" role="alert" aria-label="Problems in this draft">
      <strong>
        {issues.count === 1 ? '1 problem' : `${issues.count} problems`} to fix before publishing
      </strong>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {issues.all.map((issue, i) => {
          const bucket = bucketOfPath(issue.path);
          return (
            <li key={i}>
              {bucket !== null ? (
                <button type="button" className="link-button" onClick={() => onOpenBucket(bucket)}>
                  {describePath(issue.path, bucketNames)}
                </button>
              ) : (
                <span>{describePath(issue.path, bucketNames)}</span>
              )}
              : {issue.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
