// What a detail page (one node, one incident) shows before and around its data: "not found",
// "loading" or "could not load" in place of the page, or a "showing older data" note above it.
export function DetailGate({
  notFound,
  notFoundTestId,
  pending,
  stale,
  children,
}: {
  /** Set when the thing does not exist (and nothing was ever shown). */
  notFound: string | null;
  notFoundTestId: string;
  /** Set while there is nothing to show yet: loading, or why loading failed. */
  pending: string | null;
  /** Set when the data shown is older than a failed reload. */
  stale: string | null;
  children: React.ReactNode;
}) {
  if (notFound !== null)
    return (
      <p
        className="panel px-5 py-8 text-center text-fg-muted"
        role="alert"
        data-testid={notFoundTestId}
      >
        {notFound}
      </p>
    );
  if (pending !== null)
    return <p className="panel px-5 py-8 text-center text-fg-muted">{pending}</p>;
  return (
    <>
      {stale !== null && (
        <p
          className="rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm text-warn"
          role="status"
        >
          {stale}
        </p>
      )}
      {children}
    </>
  );
}
