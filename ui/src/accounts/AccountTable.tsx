import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";

import type { Account } from "../bindings/Account";
import type { SortColumn } from "../bindings/SortColumn";
import { COLUMNS, GRID_TEMPLATE } from "./columns";
import { type AccountRows } from "./useAccountRows";
import type { Selection } from "./useSelection";
import { Avatar } from "../account/Avatar";

const ROW_HEIGHT = 36;

interface Props {
  rows: AccountRows;
  sort: SortColumn;
  descending: boolean;
  onSort(column: SortColumn): void;
  onVisibleChange(range: { start: number; end: number }): void;
  onOpen(account: Account): void;
  selection: Selection;
  /** The row files are dragged over, highlighted as the drop's target. */
  dropTarget?: string | null;
  /** Changes when a photo changes, so the list loads it again. */
  photoVersion?: number;
  /** Unix seconds, for "3 days ago". */
  now: number;
}

/** The account list: a grid that renders only the rows in view, driven by mouse or keys. */
export function AccountTable({
  rows,
  sort,
  descending,
  onSort,
  onVisibleChange,
  onOpen,
  selection,
  dropTarget = null,
  photoVersion = 0,
  now,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const total = rows.total ?? 0;
  const [active, setActive] = useState(0);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here to mis-memoize it
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      const first = items[0];
      const last = items[items.length - 1];
      if (first && last) onVisibleChange({ start: first.index, end: last.index });
    },
  });

  // A new result starts at its top.
  useEffect(() => {
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [sort, descending, total, virtualizer]);

  function move(to: number) {
    const next = Math.max(0, Math.min(total - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  }

  function select(index: number, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) {
    const account = rows.row(index);
    if (!account) return;
    if (event.shiftKey) void selection.extendTo(index);
    else selection.toggle(account.accountId, index);
  }

  function onKeyDown(event: KeyboardEvent) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a") {
      event.preventDefault();
      void selection.selectAllMatching();
      return;
    }
    if (event.key === " ") {
      event.preventDefault();
      select(active, event);
      return;
    }
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const account = rows.row(active);
        if (account) onOpen(account);
      },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  return (
    <div
      className="grid"
      role="grid"
      aria-label="Managed accounts"
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      aria-activedescendant={total > 0 ? `account-row-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid__head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID_TEMPLATE }}>
        <div role="columnheader" className="grid__check">
          <span className="visually-hidden">Selected</span>
        </div>
        {COLUMNS.map((column) => (
          <div
            key={column.id}
            role="columnheader"
            aria-sort={column.id === sort ? (descending ? "descending" : "ascending") : "none"}
            className={column.align === "end" ? "grid__cell--end" : undefined}
          >
            <button type="button" className="grid__sort" tabIndex={-1} onClick={() => onSort(column.id)}>
              {column.label}
              <span className="grid__sort-mark" aria-hidden="true">
                {column.id === sort ? (descending ? "▼" : "▲") : ""}
              </span>
            </button>
          </div>
        ))}
      </div>
      <div ref={scroller} className="grid__body" data-testid="account-rows">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const account = rows.row(item.index);
            const picked = account !== undefined && selection.has(account.accountId);
            return (
              <div
                key={item.key}
                id={`account-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={picked}
                className="grid__row"
                data-active={item.index === active || undefined}
                data-selected={picked || undefined}
                data-account-id={account?.accountId}
                data-account-name={account?.name}
                data-drop-target={(account !== undefined && account.accountId === dropTarget) || undefined}
                style={{ gridTemplateColumns: GRID_TEMPLATE, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={(event) => {
                  setActive(item.index);
                  if (event.shiftKey || event.ctrlKey || event.metaKey) select(item.index, event);
                }}
                onDoubleClick={() => account && onOpen(account)}
              >
                <div role="gridcell" className="grid__check">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    checked={picked}
                    disabled={!account}
                    aria-label={account ? `Select ${account.name}` : "Select"}
                    onClick={(event) => event.stopPropagation()}
                    onChange={(event) => {
                      setActive(item.index);
                      select(item.index, { shiftKey: (event.nativeEvent as MouseEvent).shiftKey ?? false, ctrlKey: false, metaKey: false });
                    }}
                  />
                </div>
                {COLUMNS.map((column) => (
                  <div
                    key={column.id}
                    role="gridcell"
                    className={column.align === "end" ? "grid__cell grid__cell--end" : "grid__cell"}
                  >
                    {account && column.id === "name" ? (
                      <span className="grid__name">
                        <Avatar accountId={account.accountId} name={account.name} version={photoVersion} size="small" />
                        {column.cell(account, now)}
                      </span>
                    ) : account ? (
                      <span data-status={column.id === "status" ? account.status : undefined}>
                        {column.cell(account, now)}
                      </span>
                    ) : (
                      <span className="grid__placeholder" />
                    )}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
