// Deciding about accounts as fast as the admin presses keys. The row shows the decision at
// once; the decisions go to Rust one after another, in the order they were made (each
// carries the row's whole state, so a note saved just before a decision is kept), and each
// answer replaces the row. A refused decision puts the row back as Rust last had it.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";

import { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Decision } from "../bindings/Decision";
import type { ReviewItem } from "../bindings/ReviewItem";
import { reviewItemsKey } from "./queries";

export interface RefusedDecision {
  /** The account's name, so the message says which one. */
  account: string;
  message: string;
}

export function useDecide(reviewId: number) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [refused, setRefused] = useState<RefusedDecision | null>(null);
  const line = useRef<Promise<void>>(Promise.resolve());
  const sent = useRef(0);
  // Per position with decisions on their way: the last one sent, and the row as Rust last
  // answered it (what a refusal goes back to).
  const last = useRef(new Map<number, number>());
  const confirmed = useRef(new Map<number, ReviewItem>());

  const put = useCallback(
    (item: ReviewItem) =>
      queryClient.setQueryData<ReviewItem[]>(reviewItemsKey(reviewId), (items) =>
        items?.map((other) => (other.position === item.position ? item : other)),
      ),
    [queryClient, reviewId],
  );

  const decide = useCallback(
    (item: ReviewItem, decision: Decision | null, note: string) => {
      const { position } = item;
      const mine = ++sent.current;
      if (!last.current.has(position)) confirmed.current.set(position, item);
      last.current.set(position, mine);
      setRefused(null);
      put({ ...item, decision, note });

      const settle = (answer: ReviewItem | undefined) => {
        if (answer) confirmed.current.set(position, answer);
        if (last.current.get(position) !== mine) return;
        const row = confirmed.current.get(position);
        if (row) put(row);
        last.current.delete(position);
        confirmed.current.delete(position);
      };
      line.current = line.current.then(() =>
        backend.decideReviewItem(reviewId, position, decision, note).then(settle, (reason: unknown) => {
          setRefused({ account: item.name, message: BackendError.from(reason).message });
          settle(undefined);
        }),
      );
    },
    [backend, put, reviewId],
  );

  return { decide, refused, dismiss: useCallback(() => setRefused(null), []) };
}
