import { useState } from "react";

import { NewReviewDialog } from "../reviews/NewReviewDialog";
import { OpenReview } from "../reviews/OpenReview";
import { useReviews } from "../reviews/queries";
import { ReviewList } from "../reviews/ReviewList";
import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";

const LEDE =
  "Go through a set of accounts, such as those inactive for 90 days or without two-step verification, and decide for each: keep, " +
  "deactivate, remove a product's access or follow up. Decisions are kept on this computer, online or offline; applying a " +
  "review sends its changes through Pending changes.";

/** Access reviews: the list of them, or the one open. */
export function ReviewsView() {
  const reviews = useReviews();
  const [openId, setOpenId] = useState<number | null>(null);
  // The review last open, to put focus back on when the list returns.
  const [cameFrom, setCameFrom] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleted, setDeleted] = useState<string | null>(null);
  const open = openId === null ? undefined : reviews.data?.find((review) => review.id === openId);

  if (open) {
    return (
      <OpenReview
        key={open.id}
        review={open}
        onBack={() => (setCameFrom(open.id), setOpenId(null))}
        onDeleted={() => (setDeleted(`Deleted “${open.name}”.`), setCameFrom(null), setOpenId(null))}
      />
    );
  }

  const newReview = (
    <button type="button" className="button button--primary" onClick={() => (setDeleted(null), setCreating(true))}>
      New review…
    </button>
  );
  return (
    <>
      <ViewHeader title="Access reviews">{LEDE}</ViewHeader>
      {deleted && (
        <p className="review-list__deleted" role="status">
          {deleted}
        </p>
      )}
      {reviews.data?.length === 0 ? (
        <EmptyState view="reviews" title="No access reviews yet">
          <p>
            Start one from a saved filter: accounts inactive for 90 days or more, accounts without two-step verification, or
            everyone with access to a product. You walk through them with the keyboard, and the progress is kept as you go.
          </p>
          <p>{newReview}</p>
        </EmptyState>
      ) : (
        <>
          <div className="toolbar review-list__toolbar">{newReview}</div>
          {reviews.error && (
            <p className="notice notice--error" role="alert">
              The reviews could not be read: {reviews.error.message}
            </p>
          )}
          {reviews.isPending && <p className="accounts__count">Reading the reviews…</p>}
          {reviews.data && <ReviewList reviews={reviews.data} focusId={cameFrom} onOpen={setOpenId} />}
        </>
      )}
      {creating && (
        <NewReviewDialog
          onClose={() => setCreating(false)}
          onStarted={(review) => (setCreating(false), setOpenId(review.id))}
        />
      )}
    </>
  );
}
