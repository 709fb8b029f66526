import { useState } from "react";

import type { BulkAction } from "../bindings/BulkAction";
import type { Facets } from "../bindings/Facets";
import { useCapabilities } from "../connections/useCapabilities";
import { BULK_ACTIONS, BulkDialog } from "./BulkDialog";
import { count, productLabel } from "./format";
import type { Selection } from "./useSelection";

interface Props {
  selection: Selection;
  /** Every account the search and filters match. */
  matching: number;
  facets: Facets | undefined;
}

/** What to do with the selected accounts. */
export function BulkBar({ selection, matching, facets }: Props) {
  const [kind, setKind] = useState<BulkAction["kind"]>("deactivate");
  const [product, setProduct] = useState("");
  const [message, setMessage] = useState("");
  const [reviewing, setReviewing] = useState<BulkAction | null>(null);
  const size = selection.ids.size;
  const can = useCapabilities();
  const offered = BULK_ACTIONS.filter((a) => can[a.needs]);

  function action(): BulkAction | null {
    if (!offered.some((a) => a.kind === kind)) return null;
    switch (kind) {
      case "deactivate":
        return { kind, message: message.trim() || null };
      case "removeProduct":
        return product ? { kind, product } : null;
      default:
        return { kind };
    }
  }

  return (
    <div className="bulk" role="region" aria-label="Bulk actions">
      <span className="bulk__count" data-testid="selected-count">
        {count.format(size)} selected
      </span>
      {size < matching && (
        <button type="button" className="button button--quiet" disabled={selection.busy} onClick={() => void selection.selectAllMatching()}>
          Select all {count.format(matching)} matching
        </button>
      )}
      <button type="button" className="button button--quiet" onClick={selection.clear}>
        Clear
      </button>
      <span className="bulk__spacer" />
      <label className="field--inline">
        <span className="field__label">Action</span>
        <select className="select" value={kind} onChange={(event) => setKind(event.target.value as BulkAction["kind"])}>
          {offered.map((a) => (
            <option key={a.kind} value={a.kind}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      {kind === "removeProduct" && (
        <label className="field--inline">
          <span className="field__label">Product</span>
          <select className="select" value={product} onChange={(event) => setProduct(event.target.value)}>
            <option value="">Choose…</option>
            {facets?.products.map((p) => (
              <option key={p.name} value={p.name}>
                {productLabel(p.name)}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === "deactivate" && (
        <input
          className="input"
          placeholder="Message to the users (optional)"
          aria-label="Deactivation message"
          value={message}
          maxLength={1000}
          onChange={(event) => setMessage(event.target.value)}
        />
      )}
      <button type="button" className="button button--primary" disabled={!action()} onClick={() => setReviewing(action())}>
        Review…
      </button>
      {reviewing && (
        <BulkDialog
          accountIds={[...selection.ids]}
          action={reviewing}
          onClose={(finished) => {
            setReviewing(null);
            if (finished) selection.clear();
          }}
        />
      )}
    </div>
  );
}
