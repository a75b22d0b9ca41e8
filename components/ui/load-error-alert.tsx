// A page's "could not load" notice: amber box, announced, and worded (colour never alone).
export function LoadErrorAlert({ message }: { message: string }) {
  return (
    <p
      className="rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm text-warn"
      role="alert"
    >
      {message}
    </p>
  );
}
