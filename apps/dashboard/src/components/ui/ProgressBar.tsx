/** A horizontal bar for a percentage (may exceed 100: it is then full and red). */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const tone = percent >= 100 ? 'bar-danger' : percent >= 80 ? 'bar-warn' : '';
  return (
    <div className={`bar ${tone}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(Math.min(percent, 100))}>
      <span style={{ width: `${Math.max(0, Math.min(percent, 100))}%` }} />
    </div>
  );
}
