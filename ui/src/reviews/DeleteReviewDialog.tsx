import { useMutation, useQueryClient } from "@tanstack/react-query";

import { useBackend } from "../backend/BackendContext";
import type { Review } from "../bindings/Review";
import { Dialog } from "../shell/Dialog";
import { REVIEWS_KEY, reviewKey } from "./queries";

/** Deleting a review and its decisions, once the admin has said so. */
export function DeleteReviewDialog({ review, onClose, onDeleted }: { review: Review; onClose(): void; onDeleted(): void }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => backend.deleteReview(review.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: reviewKey(review.id) });
      queryClient.setQueryData<Review[]>(REVIEWS_KEY, (reviews) => reviews?.filter((other) => other.id !== review.id));
      void queryClient.invalidateQueries({ queryKey: REVIEWS_KEY, exact: true });
      onDeleted();
    },
  });
  return (
    <Dialog
      title={`Delete “${review.name}”?`}
      onClose={onClose}
      busy={remove.isPending}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            {remove.isPending ? "Deleting…" : "Delete review"}
          </button>
        </>
      }
    >
      <p>
        Its decisions and notes are deleted from this computer (Export CSV keeps a copy). Changes it already queued stay in
        Pending changes, to send or discard there.
      </p>
      {remove.error && (
        <p className="notice notice--error" role="alert">
          {remove.error.message}
        </p>
      )}
    </Dialog>
  );
}
