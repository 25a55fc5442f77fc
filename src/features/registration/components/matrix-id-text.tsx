/**
 * A Matrix ID as text that wraps only before the `:` of its server name, never inside a word
 * (`@ana:localhost:8` / `008` at 360 px was audit 2026-12 item 17). Each half is an inline block:
 * the line may break between them; inside one, only when that half alone is wider than the line.
 * Always left to right, also inside a right-to-left page.
 */
export function MatrixIdText({
  id,
  className = 'matrix-id',
  testId,
}: {
  id: string;
  className?: string;
  testId?: string;
}) {
  // The first `:` ends the localpart (a localpart has none; a server name may, before its port).
  const colon = id.indexOf(':');
  const parts = colon > 0 ? [id.slice(0, colon), id.slice(colon)] : [id];
  return (
    <span className={className} dir="ltr" data-testid={testId}>
      {parts.map((part) => (
        <span key={part} className="id-part">
          {part}
        </span>
      ))}
    </span>
  );
}
