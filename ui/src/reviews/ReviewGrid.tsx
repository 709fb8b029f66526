import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, type RefObject, useEffect, useRef, useState } from "react";

import { sinceLabel, STATUS_LABEL } from "../accounts/format";
import type { Decision } from "../bindings/Decision";
import type { ReviewItem } from "../bindings/ReviewItem";
import { decisionLabel, heldProducts } from "./words";

/** What a key press or a row's button asks of the current row. */
export type ReviewAction = Decision["kind"] | "clear" | "note";

export const CHOICES: { kind: Decision["kind"]; label: string; key: string }[] = [
  { kind: "keep", label: "Keep", key: "K" },
  { kind: "deactivate", label: "Deactivate", key: "D" },
  { kind: "removeProduct", label: "Remove access", key: "R" },
  { kind: "followUp", label: "Follow up", key: "F" },
];

const KEYS: Record<string, ReviewAction> = {
  k: "keep",
  d: "deactivate",
  r: "removeProduct",
  f: "followUp",
  n: "note",
  "0": "clear",
  backspace: "clear",
  delete: "clear",
};

/** The longest note Rust keeps, in characters. */
const MAX_NOTE = 1_000;
const ROW_HEIGHT = 48;
// Status and last activity share a column, so the grid fits a 1280-pixel window with the
// sidebar, outcome column included.
const COLUMNS = ["Account", "Status", "2SV", "Products", "Decision", "Note"];
const TEMPLATE = "minmax(160px, 2fr) 112px 40px minmax(100px, 1fr) 300px minmax(120px, 1.5fr)";
const TEMPLATE_APPLIED = `${TEMPLATE} minmax(120px, 1.2fr)`;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
}

interface Props {
  gridRef: RefObject<HTMLDivElement | null>;
  label: string;
  items: ReviewItem[];
  current: number;
  /** The review was applied: each row says what became of its decision. */
  applied: boolean;
  /** The row whose note is being written. */
  editing: number | null;
  /** Unix seconds, for "3 months ago". */
  now: number;
  onMove(position: number): void;
  onAction(item: ReviewItem, action: ReviewAction): void;
  /** The note written (null: cancelled); by Enter or Escape, rather than by leaving the field. */
  onNote(position: number, note: string | null, byKey: boolean): void;
}

function NoteEditor({ item, onDone }: { item: ReviewItem; onDone(note: string | null, byKey: boolean): void }) {
  const [note, setNote] = useState(item.note);
  // Enter, Escape and leaving the field each end the edit; only the first counts.
  const done = useRef(false);
  const finish = (value: string | null, byKey: boolean) => {
    if (done.current) return;
    done.current = true;
    onDone(value, byKey);
  };
  return (
    <input
      className="input review-grid__note-input"
      aria-label={`Note on ${item.name}`}
      placeholder="Enter saves, Esc cancels"
      value={note}
      maxLength={MAX_NOTE}
      autoFocus
      onChange={(event) => setNote(event.target.value)}
      onBlur={() => finish(note, false)}
      onKeyDown={(event) => {
        if (event.key !== "Enter" && event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        finish(event.key === "Enter" ? note : null, true);
      }}
    />
  );
}

function Products({ item }: { item: ReviewItem }) {
  const held = heldProducts(item);
  if (item.status === null) return <span className="table__muted">—</span>;
  if (held.length === 0) return <span className="table__muted">None</span>;
  const removing = item.decision?.kind === "removeProduct" ? item.decision.product : null;
  return (
    <>
      {held.map((product, i) => (
        <span key={product.product}>
          {i > 0 && ", "}
          {product.product === removing ? <del title="To be removed">{product.label}</del> : product.label}
        </span>
      ))}
    </>
  );
}

function Choices({ item, onAction }: { item: ReviewItem; onAction(action: ReviewAction): void }) {
  const chosen = item.decision;
  return (
    <div className="review-grid__choices" role="group" aria-label={`Decision on ${item.name}`}>
      {CHOICES.map((choice) => {
        const pressed = chosen?.kind === choice.kind;
        const text = pressed && chosen ? decisionLabel(chosen) : choice.label;
        return (
          <button
            key={choice.kind}
            type="button"
            tabIndex={-1}
            className="review-grid__choice"
            data-kind={choice.kind}
            aria-pressed={pressed}
            title={pressed ? `${text} (press again to clear)` : `${text} (${choice.key})`}
            onClick={() => onAction(pressed ? "clear" : choice.kind)}
          >
            {text}
          </button>
        );
      })}
    </div>
  );
}

/**
 * The accounts under review: a grid that renders only the rows in view, one row current,
 * walked and decided with the keys (or each row's buttons).
 */
export function ReviewGrid({ gridRef, label, items, current, applied, editing, now, onMove, onAction, onNote }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const total = items.length;
  const template = applied ? TEMPLATE_APPLIED : TEMPLATE;

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here to mis-memoize it
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // The current row stays in view, however it became current.
  useEffect(() => {
    if (current < total) virtualizer.scrollToIndex(current, { align: "auto" });
  }, [current, total, virtualizer]);

  function onKeyDown(event: KeyboardEvent) {
    if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: total - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      onMove(Math.max(0, Math.min(total - 1, to)));
      return;
    }
    const action = KEYS[event.key.toLowerCase()];
    const item = items[current];
    if (!action || !item) return;
    event.preventDefault();
    onAction(item, action);
  }

  return (
    <div
      ref={gridRef}
      className="grid review-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-activedescendant={total > 0 ? `review-row-${current}` : undefined}
      aria-keyshortcuts="ArrowUp ArrowDown Home End K D R F N 0 Backspace Delete"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid__head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {(applied ? [...COLUMNS, "Outcome"] : COLUMNS).map((column) => (
          <div key={column} role="columnheader" className="review-grid__heading">
            {column}
          </div>
        ))}
      </div>
      <div ref={scroller} className="grid__body" data-testid="review-rows">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const isCurrent = row.index === current;
            return (
              <div
                key={item.position}
                id={`review-row-${row.index}`}
                role="row"
                aria-rowindex={row.index + 2}
                aria-selected={isCurrent}
                className="grid__row review-grid__row"
                data-active={isCurrent || undefined}
                data-decision={item.decision?.kind}
                style={{ gridTemplateColumns: template, transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                onClick={(event) => {
                  if (event.target instanceof Element && event.target.closest("input")) return;
                  onMove(row.index);
                  // Keys go on from the row clicked, unless a note field just opened.
                  if (!(event.target instanceof Element && event.target.closest(".review-grid__note"))) {
                    gridRef.current?.focus({ preventScroll: true });
                  }
                }}
              >
                <div role="gridcell" className="grid__cell">
                  <div className="review-grid__name">{item.name}</div>
                  <div className="review-grid__email">{item.email}</div>
                </div>
                <div role="gridcell" className="grid__cell">
                  {item.status ? (
                    <>
                      <div data-status={item.status}>{STATUS_LABEL[item.status]}</div>
                      <div className="review-grid__since" title="Last active">
                        {sinceLabel(item.lastActive, now)}
                      </div>
                    </>
                  ) : (
                    <span className="table__muted" title="No longer in the cache: no longer managed, or deleted">
                      Not in the cache
                    </span>
                  )}
                </div>
                <div role="gridcell" className="grid__cell">
                  {item.twoStepEnabled === null ? "—" : item.twoStepEnabled ? "On" : "Off"}
                </div>
                <div role="gridcell" className="grid__cell" title={heldProducts(item).map((product) => product.label).join(", ") || undefined}>
                  <Products item={item} />
                </div>
                <div role="gridcell" className="review-grid__decision">
                  <Choices item={item} onAction={(action) => onAction(item, action)} />
                </div>
                <div role="gridcell" className="grid__cell review-grid__note-cell">
                  {editing === item.position ? (
                    <NoteEditor item={item} onDone={(note, byKey) => onNote(item.position, note, byKey)} />
                  ) : (
                    <button
                      type="button"
                      tabIndex={-1}
                      className="review-grid__note"
                      title={item.note || "Add a note (N)"}
                      onClick={() => onAction(item, "note")}
                    >
                      {item.note || <span className="review-grid__add-note">Add note</span>}
                    </button>
                  )}
                </div>
                {applied && (
                  <div role="gridcell" className="grid__cell review-grid__outcome" title={item.outcome ?? undefined}>
                    {item.outcome ?? <span className="table__muted">—</span>}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
