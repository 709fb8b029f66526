import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

import { count, dateLabel, productLabel, STATUS_LABEL } from "../accounts/format";
import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { AccountQuery } from "../bindings/AccountQuery";
import type { AccountStatus } from "../bindings/AccountStatus";
import type { Review } from "../bindings/Review";
import { Dialog } from "../shell/Dialog";
import { REVIEWS_KEY } from "./queries";

type Preset = "inactive" | "twoStepOff" | "product" | "all";

const INACTIVE_CHOICES = [30, 90, 180, 365];
const STATUSES = Object.entries(STATUS_LABEL) as [AccountStatus, string][];

interface Props {
  onClose(): void;
  onStarted(review: Review): void;
}

/** Starting a review: its name, and which accounts (a snapshot of those matching now). */
export function NewReviewDialog({ onClose, onStarted }: Props) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const formId = useId();
  // The same cache entry as the account list's filters.
  const facets = useQuery({ queryKey: ["accounts", "facets"], queryFn: () => backend.accountFacets() });
  const products = facets.data?.products ?? [];
  const [preset, setPreset] = useState<Preset>("inactive");
  const [days, setDays] = useState(90);
  const [chosenProduct, setProduct] = useState("");
  const product = chosenProduct || products[0]?.name || "";
  const [text, setText] = useState("");
  // Deactivated accounts need no review of their access, as a rule: active ones by default.
  const [statuses, setStatuses] = useState<AccountStatus[]>(["active"]);
  // Null: the name follows what is reviewed, until the admin types one.
  const [typedName, setTypedName] = useState<string | null>(null);
  const [today] = useState(() => dateLabel(Math.floor(Date.now() / 1000)));

  const what: Record<Preset, string> = {
    inactive: `Inactive ${days}+ days`,
    twoStepOff: "2SV off",
    product: product ? `${productLabel(product)} access` : "Product access",
    all: "All accounts",
  };
  const name = typedName ?? `${what[preset]} — ${today}`;
  const query: AccountQuery = {
    text,
    filter: {
      statuses,
      domain: null,
      managedBy: null,
      product: preset === "product" ? product || null : null,
      twoStepEnabled: preset === "twoStepOff" ? false : null,
      inactiveDays: preset === "inactive" ? days : null,
    },
    sort: "name",
    descending: false,
    offset: 0,
    limit: 0,
  };

  const start = useMutation<Review, BackendError>({
    mutationFn: () => backend.startReview(name, query),
    onSuccess: (review) => {
      queryClient.setQueryData<Review[]>(REVIEWS_KEY, (reviews) => [review, ...(reviews ?? [])]);
      void queryClient.invalidateQueries({ queryKey: REVIEWS_KEY, exact: true });
      onStarted(review);
    },
  });
  const noProduct = preset === "product" && !product;

  function radio(value: Preset, label: string) {
    return (
      <label className="review-new__option">
        <input type="radio" name="what" value={value} checked={preset === value} onChange={() => setPreset(value)} />
        <span>{label}</span>
      </label>
    );
  }

  return (
    <Dialog
      title="New access review"
      onClose={onClose}
      busy={start.isPending}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={start.isPending}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={start.isPending || noProduct}>
            {start.isPending ? "Starting…" : "Start review"}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="review-new"
        onSubmit={(event) => {
          event.preventDefault();
          if (!noProduct) start.mutate();
        }}
      >
        <label className="field">
          <span className="field__label">Name</span>
          <input className="input" value={name} onChange={(event) => setTypedName(event.target.value)} data-autofocus />
        </label>
        <fieldset className="review-new__group">
          <legend className="field__label">What to review</legend>
          <div className="review-new__row">
            {radio("inactive", "Inactive for")}
            <select
              className="select"
              aria-label="Days inactive"
              value={days}
              onChange={(event) => (setDays(Number(event.target.value)), setPreset("inactive"))}
            >
              {INACTIVE_CHOICES.map((choice) => (
                <option key={choice} value={choice}>{`${choice} days or more`}</option>
              ))}
            </select>
          </div>
          {radio("twoStepOff", "Two-step verification off")}
          <div className="review-new__row">
            {radio("product", "Access to a product")}
            <select
              className="select"
              aria-label="Product"
              value={product}
              disabled={products.length === 0}
              onChange={(event) => (setProduct(event.target.value), setPreset("product"))}
            >
              {products.length === 0 && <option value="">No product in the cache</option>}
              {products.map((facet) => (
                <option key={facet.name} value={facet.name}>{`${productLabel(facet.name)} (${count.format(facet.accounts)})`}</option>
              ))}
            </select>
          </div>
          {radio("all", "Every account matching the search")}
        </fieldset>
        <label className="field">
          <span className="field__label">Search (optional)</span>
          <input
            className="input"
            type="search"
            placeholder="Name, email, job title, department"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <fieldset className="review-new__group">
          <legend className="field__label">Status (none checked: any)</legend>
          <div className="review-new__row">
            {STATUSES.map(([status, label]) => (
              <label key={status} className="review-new__option">
                <input
                  type="checkbox"
                  checked={statuses.includes(status)}
                  onChange={(event) =>
                    setStatuses(event.target.checked ? [...statuses, status] : statuses.filter((other) => other !== status))
                  }
                />
                <span>{label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p className="field__hint">
          The review holds the accounts that match when it starts, at most 10,000; accounts that match later are not added.
        </p>
        {start.error && (
          <p className="notice notice--error" role="alert">
            {start.error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
