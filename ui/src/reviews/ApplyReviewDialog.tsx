import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Review } from "../bindings/Review";
import type { ReviewSummary } from "../bindings/ReviewSummary";
import { useOutbox } from "../outbox/OutboxContext";
import { PENDING_CHANGES_KEY } from "../outbox/usePendingChanges";
import { Dialog } from "../shell/Dialog";
import { REVIEWS_KEY, useReviewSummary } from "./queries";
import { changesText, nothingToQueue, summaryText } from "./words";

interface Props {
  review: Review;
  onClose(): void;
  /** Applied: how many changes it queued. */
  onApplied(changes: number): void;
}

/**
 * Applying a review: what its decisions come to first, then its changes queued in the
 * outbox, the same way as every other change, and sent.
 */
export function ApplyReviewDialog({ review, onClose, onApplied }: Props) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const outbox = useOutbox();
  const summary = useReviewSummary(review.id);
  const apply = useMutation<ReviewSummary, BackendError>({
    mutationFn: () => backend.applyReview(review.id),
    // Even a partial failure queued the other decisions' changes: send them, show them.
    onSettled: () => {
      outbox.send();
      void queryClient.invalidateQueries({ queryKey: PENDING_CHANGES_KEY });
      void queryClient.invalidateQueries({ queryKey: REVIEWS_KEY });
    },
    onSuccess: (after) => onApplied(Math.max(0, after.alreadyQueued - (summary.data?.alreadyQueued ?? 0))),
  });
  const changes = summary.data?.changes ?? 0;
  const why = summary.data && changes === 0 ? nothingToQueue(summary.data) : null;

  return (
    <Dialog
      title={`Apply “${review.name}”`}
      onClose={onClose}
      busy={apply.isPending}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={apply.isPending}>
            {apply.error ? "Close" : "Cancel"}
          </button>
          {!apply.error && (
            <button
              type="button"
              className="button button--primary"
              disabled={changes === 0 || apply.isPending}
              title={why ?? undefined}
              onClick={() => apply.mutate()}
            >
              {apply.isPending ? "Queuing…" : `Queue ${changesText(changes)}`}
            </button>
          )}
        </>
      }
    >
      {summary.isPending && <p>Counting the decisions…</p>}
      {summary.error && (
        <p className="notice notice--error" role="alert">
          {summary.error.message}
        </p>
      )}
      {summary.data && (
        <>
          <p data-testid="review-summary">
            {summaryText(summary.data)}; {changes === 0 ? "no change" : changesText(changes)} will be queued.
          </p>
          {summary.data.alreadyQueued > 0 && (
            <p className="table__muted">
              An earlier apply queued {changesText(summary.data.alreadyQueued)}; they are not queued again.
            </p>
          )}
          <p className="table__muted">
            Keep, follow up and undecided accounts change nothing. The changes wait in Pending changes and are sent in order,
            each checked against the account as the directory has it then. You can go on deciding and apply again later.
          </p>
          {why && <p className="review-apply__why">{why}</p>}
        </>
      )}
      {apply.error && (
        <p className="notice notice--error" role="alert">
          {apply.error.message}
        </p>
      )}
    </Dialog>
  );
}
