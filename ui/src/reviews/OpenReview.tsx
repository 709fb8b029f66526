import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { count, dateLabel } from "../accounts/format";
import { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Review } from "../bindings/Review";
import type { ReviewItem } from "../bindings/ReviewItem";
import { useOutbox } from "../outbox/OutboxContext";
import { ViewHeader } from "../views/ViewHeader";
import { ApplyReviewDialog } from "./ApplyReviewDialog";
import { DeleteReviewDialog } from "./DeleteReviewDialog";
import { ProductPicker } from "./ProductPicker";
import { REVIEWS_KEY, reviewKey, useReviewItems } from "./queries";
import { ReviewGrid, type ReviewAction } from "./ReviewGrid";
import { ReviewKeys } from "./ReviewKeys";
import { useDecide } from "./useDecide";
import { describeQuery, heldProducts, queuedText } from "./words";

interface Props {
  review: Review;
  onBack(): void;
  onDeleted(): void;
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Where a walk resumes: the first account without a decision. */
function firstUndecided(items: ReviewItem[]): number {
  return Math.max(0, items.findIndex((item) => item.decision === null));
}

/** One review, walked through with the keys: decide, note, apply, export, delete. */
export function OpenReview({ review, onBack, onDeleted }: Props) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const outbox = useOutbox();
  const loaded = useReviewItems(review.id);
  const { decide, refused, dismiss } = useDecide(review.id);
  const [chosen, setChosen] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [picking, setPicking] = useState<number | null>(null);
  const [dialog, setDialog] = useState<"apply" | "delete" | null>(null);
  const [queued, setQueued] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [now] = useState(nowInSeconds);
  const grid = useRef<HTMLDivElement>(null);
  const exporting = useMutation({ mutationFn: () => backend.exportReviewCsv(review.id) });

  const items = loaded.data ?? [];
  const total = loaded.data ? items.length : review.total;
  const reviewed = loaded.data ? items.filter((item) => item.decision !== null).length : review.reviewed;
  const current = Math.min(chosen ?? firstUndecided(items), Math.max(0, items.length - 1));
  const applied = review.appliedAt !== null;

  // Keys work as soon as the accounts are in.
  const ready = loaded.data !== undefined;
  useEffect(() => {
    if (ready) grid.current?.focus({ preventScroll: true });
  }, [ready]);

  // The list of reviews shows this progress without reading them all again.
  useEffect(() => {
    if (!ready) return;
    queryClient.setQueryData<Review[]>(REVIEWS_KEY, (reviews) =>
      reviews?.map((other) => (other.id === review.id && other.reviewed !== reviewed ? { ...other, reviewed } : other)),
    );
  }, [queryClient, ready, review.id, reviewed]);

  // Once a send ends, what became of the applied decisions has changed.
  const wasSending = useRef(outbox.sending);
  useEffect(() => {
    if (wasSending.current && !outbox.sending && (applied || queued !== null)) {
      void queryClient.invalidateQueries({ queryKey: reviewKey(review.id) });
    }
    wasSending.current = outbox.sending;
  }, [outbox.sending, applied, queued, queryClient, review.id]);

  /** After a decision: on to the next account without one (from the top again at the end). */
  function advance(from: number) {
    const after = items.findIndex((item, i) => i > from && item.decision === null);
    const before = items.findIndex((item, i) => i < from && item.decision === null);
    setChosen(after >= 0 ? after : before >= 0 ? before : Math.min(from + 1, items.length - 1));
  }

  function removeProduct(item: ReviewItem, product: string) {
    decide(item, { kind: "removeProduct", product }, item.note);
    advance(item.position);
  }

  function act(item: ReviewItem, action: ReviewAction) {
    setRefusal(null);
    setChosen(item.position);
    switch (action) {
      case "note":
        setEditing(item.position);
        return;
      case "clear":
        if (item.decision !== null) decide(item, null, item.note);
        return;
      case "removeProduct": {
        // A review of one product's access removes that one; otherwise the account's only
        // product, or the one the admin picks.
        const named = review.query.filter.product;
        const held = heldProducts(item);
        if (named !== null) removeProduct(item, named);
        else if (held.length === 1 && held[0]) removeProduct(item, held[0].product);
        else if (held.length === 0) setRefusal(`${item.name} has no product access to remove.`);
        else setPicking(item.position);
        return;
      }
      case "keep":
      case "deactivate":
      case "followUp":
        decide(item, { kind: action }, item.note);
        advance(item.position);
        return;
    }
  }

  function onNote(position: number, note: string | null, byKey: boolean) {
    setEditing(null);
    const item = items[position];
    if (item && note !== null && note !== item.note) decide(item, item.decision, note);
    if (byKey) grid.current?.focus({ preventScroll: true });
  }

  const alert = refusal ?? (refused ? `Not recorded for ${refused.account}: ${refused.message}` : null);
  const pickingItem = picking === null ? undefined : items[picking];

  return (
    <div className="review">
      <button type="button" className="button button--quiet review__back" onClick={onBack}>
        ← Access reviews
      </button>
      <ViewHeader title={review.name}>
        {describeQuery(review.query)} · started {dateLabel(Math.floor(review.createdAt / 1000))}
        {review.appliedAt !== null && ` · applied ${dateLabel(Math.floor(review.appliedAt / 1000))}`}
      </ViewHeader>
      <div className="review__bar">
        <div className="review-progress review-progress--wide">
          <progress className="review-progress__bar" max={Math.max(1, total)} value={reviewed} aria-label="Reviewed" />
          <span className="review-progress__text" role="status" data-testid="review-progress">
            {count.format(reviewed)} of {count.format(total)} reviewed
          </span>
        </div>
        <span className="review__spacer" />
        <button type="button" className="button button--primary" onClick={() => setDialog("apply")}>
          Apply review…
        </button>
        <button type="button" className="button" disabled={exporting.isPending} onClick={() => exporting.mutate()}>
          {exporting.isPending ? "Exporting…" : "Export CSV"}
        </button>
        <button type="button" className="button button--danger" onClick={() => setDialog("delete")}>
          Delete review
        </button>
      </div>
      {queued !== null && (
        <p className="notice review__queued" role="status">
          {queuedText(queued)}
        </p>
      )}
      {exporting.data && (
        <p className="accounts__export-result" role="status">
          Exported {count.format(exporting.data.accounts)} {exporting.data.accounts === 1 ? "account" : "accounts"} to{" "}
          {exporting.data.path}
        </p>
      )}
      {exporting.error && (
        <p className="notice notice--error" role="alert">
          The export failed: {BackendError.from(exporting.error).message}. Nothing was saved.
        </p>
      )}
      <ReviewKeys />
      {alert && (
        <p className="notice notice--error review__refused" role="alert">
          {alert}{" "}
          <button type="button" className="button button--quiet" onClick={() => (setRefusal(null), dismiss())}>
            Dismiss
          </button>
        </p>
      )}
      {loaded.error && (
        <p className="notice notice--error" role="alert">
          The review could not be read: {loaded.error.message}
        </p>
      )}
      {loaded.isPending ? (
        <p className="accounts__count">Reading the review…</p>
      ) : (
        <ReviewGrid
          gridRef={grid}
          label={`Accounts in ${review.name}`}
          items={items}
          current={current}
          applied={applied}
          editing={editing}
          now={now}
          onMove={(position) => setChosen(position)}
          onAction={act}
          onNote={onNote}
        />
      )}
      {pickingItem && (
        <ProductPicker
          item={pickingItem}
          onClose={() => setPicking(null)}
          onPick={(product) => {
            setPicking(null);
            removeProduct(pickingItem, product);
          }}
        />
      )}
      {dialog === "apply" && (
        <ApplyReviewDialog
          review={review}
          onClose={() => setDialog(null)}
          onApplied={(changes) => {
            setDialog(null);
            setQueued(changes);
          }}
        />
      )}
      {dialog === "delete" && <DeleteReviewDialog review={review} onClose={() => setDialog(null)} onDeleted={onDeleted} />}
    </div>
  );
}
