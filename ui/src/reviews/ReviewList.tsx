import { type KeyboardEvent, useEffect, useRef } from "react";

import { count, dateLabel } from "../accounts/format";
import type { Review } from "../bindings/Review";
import { TableHead } from "../shell/TableHead";
import { describeQuery } from "./words";

interface Props {
  reviews: Review[];
  /** The review to put focus on: the one the admin just came back from. */
  focusId: number | null;
  onOpen(reviewId: number): void;
}

function state(review: Review): string {
  if (review.appliedAt !== null) return `Applied ${dateLabel(Math.floor(review.appliedAt / 1000))}`;
  if (review.reviewed === review.total) return "Ready to apply";
  return review.reviewed === 0 ? "Not started" : "In progress";
}

/** The reviews on this connection, newest first: open one with Enter or a click; ↑/↓ move. */
export function ReviewList({ reviews, focusId, onOpen }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    if (focusId !== null) body.current?.querySelector<HTMLElement>(`[data-review-id="${focusId}"]`)?.focus();
  }, [focusId]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = [...(body.current?.querySelectorAll<HTMLElement>("[data-review-id]") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const next = buttons[at + (event.key === "ArrowDown" ? 1 : -1)];
    if (at < 0 || !next) return;
    event.preventDefault();
    next.focus();
  }

  return (
    <section className="panel review-list" aria-label="Access reviews">
      <table className="table">
        <TableHead columns={["Review", "Accounts", "Started", "Progress", "State"]} />
        <tbody ref={body} onKeyDown={onKeyDown}>
          {reviews.map((review) => (
            <tr key={review.id} className="review-list__row" data-applied={review.appliedAt !== null || undefined} onClick={() => onOpen(review.id)}>
              <td>
                <button type="button" className="review-list__open" data-review-id={review.id}>
                  {review.name}
                </button>
              </td>
              <td className="review-list__what">{describeQuery(review.query)}</td>
              <td className="review-list__when">{dateLabel(Math.floor(review.createdAt / 1000))}</td>
              <td>
                <div className="review-progress">
                  <progress
                    className="review-progress__bar"
                    max={Math.max(1, review.total)}
                    value={review.reviewed}
                    aria-label={`${review.name}: reviewed`}
                  />
                  <span className="review-progress__text">
                    {count.format(review.reviewed)} of {count.format(review.total)} reviewed
                  </span>
                </div>
              </td>
              <td>{state(review)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
