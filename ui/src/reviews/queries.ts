// Access reviews as the UI reads them. Every key starts with "reviews", so invalidating
// ["reviews"] reads the list, the items and the summaries again.
import { useQuery } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Review } from "../bindings/Review";
import type { ReviewItem } from "../bindings/ReviewItem";
import type { ReviewSummary } from "../bindings/ReviewSummary";

export const REVIEWS_KEY = ["reviews"] as const;

export function reviewKey(reviewId: number) {
  return ["reviews", reviewId] as const;
}

export function reviewItemsKey(reviewId: number) {
  return ["reviews", reviewId, "items"] as const;
}

/** The most items Rust answers at once. */
const PAGE = 500;

export function useReviews() {
  const backend = useBackend();
  return useQuery<Review[], BackendError>({ queryKey: REVIEWS_KEY, queryFn: () => backend.reviews() });
}

/**
 * Every account of a review, in its order (position i at index i). A review holds at most
 * 10,000, so all of them are read, a page at a time: moving and deciding never waits.
 */
export function useReviewItems(reviewId: number) {
  const backend = useBackend();
  return useQuery<ReviewItem[], BackendError>({
    queryKey: reviewItemsKey(reviewId),
    queryFn: async () => {
      const items: ReviewItem[] = [];
      for (;;) {
        const page = await backend.reviewItems(reviewId, items.length, PAGE);
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) return items;
      }
    },
  });
}

export function useReviewSummary(reviewId: number) {
  const backend = useBackend();
  return useQuery<ReviewSummary, BackendError>({
    queryKey: ["reviews", reviewId, "summary"],
    queryFn: () => backend.reviewSummary(reviewId),
    // Asked each time the admin is about to apply: never an old answer.
    gcTime: 0,
  });
}
