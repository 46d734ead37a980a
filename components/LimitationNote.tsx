// What an analysis could not cover as a whole (REST only: the engine was not reachable in this
// mode), said above the results so it is not mistaken for a clean app.
export function LimitationNote({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p role="note" class="limitation sev-warning" data-testid="analysis-limitation">
      {text}
    </p>
  );
}
