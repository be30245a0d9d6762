/** "vendor/model" with a line-break opportunity after the vendor, so long ids wrap where they read well. */
export function ModelName({ id }: { id: string }) {
  const slash = id.indexOf('/');
  if (slash < 0) return <strong>{id}</strong>;
  return (
    <span title={id}>
      <span className="faint">{id.slice(0, slash + 1)}</span>
      <wbr />
      <strong>{id.slice(slash + 1)}</strong>
    </span>
  );
}
