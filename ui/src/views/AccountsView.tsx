import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";

import { AccountFilters } from "../accounts/AccountFilters";
import { AccountPage } from "../account/AccountPage";
import { PHOTO_VERSION_KEY, PhotoDialog } from "../account/PhotoDialog";
import { useFileDrop } from "../account/useFileDrop";
import { usePhotoStaging } from "../account/usePhotoStaging";
import { AccountTable } from "../accounts/AccountTable";
import { BulkBar } from "../accounts/BulkBar";
import { ExportButton } from "../accounts/ExportButton";
import { count } from "../accounts/format";
import { type AccountSearch, useAccountRows } from "../accounts/useAccountRows";
import { useSelection } from "../accounts/useSelection";
import { useBackend } from "../backend/BackendContext";
import type { Account } from "../bindings/Account";
import type { AccountFilter } from "../bindings/AccountFilter";
import type { SortColumn } from "../bindings/SortColumn";
import { EXPERIENCE_HELP } from "../organization/experience";
import { useOrganization } from "../organization/useOrganization";
import { useSync } from "../sync/SyncContext";
import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";

const NO_FILTER: AccountFilter = {
  statuses: [],
  domain: null,
  managedBy: null,
  product: null,
  twoStepEnabled: null,
  inactiveDays: null,
};

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
}

export function AccountsView() {
  const backend = useBackend();
  const sync = useSync();
  const [text, setText] = useState("");
  const [filter, setFilter] = useState<AccountFilter>(NO_FILTER);
  const [sort, setSort] = useState<SortColumn>("name");
  const [descending, setDescending] = useState(false);
  const [visible, setVisible] = useState({ start: 0, end: 60 });
  const [open, setOpen] = useState<Account | null>(null);
  const { organization } = useOrganization();
  const searchBox = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [now] = useState(nowInSeconds);

  // Typing stays responsive: the list follows the text as soon as React has time.
  const deferredText = useDeferredValue(text);
  const search: AccountSearch = useMemo(
    () => ({ text: deferredText, filter, sort, descending }),
    [deferredText, filter, sort, descending],
  );
  const rows = useAccountRows(search, visible);
  const selection = useSelection(search);
  const photoVersion = useQuery({ queryKey: PHOTO_VERSION_KEY, queryFn: () => Date.now(), staleTime: Infinity }).data ?? 0;

  // A photo dropped on a row is for that account.
  const [photoFor, setPhotoFor] = useState<{ accountId: string; name: string }>({ accountId: "", name: "" });
  const staging = usePhotoStaging(photoFor.accountId);
  const rowAt = (x: number, y: number) => {
    const row = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-account-id]");
    const accountId = row?.dataset.accountId;
    return accountId ? { accountId, name: row.dataset.accountName ?? "" } : null;
  };
  const hover = useFileDrop(open === null && staging.available, (paths, x, y) => {
    const target = rowAt(x, y);
    const path = paths[0];
    if (!target || !path) return;
    setPhotoFor(target);
    void staging.fromFileFor(target.accountId, path);
  });
  const dropTarget = hover ? (rowAt(hover.x, hover.y)?.accountId ?? null) : null;
  const facets = useQuery({ queryKey: ["accounts", "facets"], queryFn: () => backend.accountFacets() });
  const everyone = useQuery({
    queryKey: ["accounts", "count"],
    queryFn: () => backend.searchAccounts({ text: "", filter: NO_FILTER, sort: "name", descending: false, offset: 0, limit: 0 }),
  });

  // "/" jumps to the search box from anywhere in the view.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "/" || isTyping(event.target) || list.current?.inert) return;
      event.preventDefault();
      searchBox.current?.focus();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  function onSort(column: SortColumn) {
    if (column === sort) setDescending(!descending);
    else {
      setSort(column);
      setDescending(false);
    }
  }

  const all = everyone.data?.total;
  const narrowed = deferredText.trim() !== "" || JSON.stringify(filter) !== JSON.stringify(NO_FILTER);

  if (all === 0) {
    return (
      <>
        <ViewHeader title="Managed accounts">
          The accounts whose email domain your organization has verified and claimed.
        </ViewHeader>
        <EmptyState view="accounts" title={sync.running ? "Reading the directory…" : "No managed accounts yet"}>
          <p>
            Once Custodian is connected to a directory and has synced, your organization's managed accounts
            appear here: name, email, status, product access, last active and two-step verification.
          </p>
          <p>They are kept in a cache on this computer, so search is instant and you can review them offline.</p>
        </EmptyState>
      </>
    );
  }

  function closeAccount() {
    setOpen(null);
    // Back to the list, on the row that was open.
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>('[role="grid"]')?.focus());
  }

  return (
    <div className="accounts">
      {/* The list stays mounted under an open account, so its scroll and focus survive. */}
      <div className="accounts__list" ref={list} inert={open !== null} aria-hidden={open !== null}>
        <ViewHeader title="Managed accounts">{organization?.experience && EXPERIENCE_HELP[organization.experience]}</ViewHeader>
        <AccountFilters
          ref={searchBox}
          text={text}
          filter={filter}
          facets={facets.data}
          onText={setText}
          onFilter={setFilter}
        />
        <div className="accounts__summary">
          <p className="accounts__count" role="status" data-testid="match-count">
            {rows.total === undefined
              ? "Reading the cache…"
              : narrowed && all !== undefined
                ? `${count.format(rows.total)} of ${count.format(all)} accounts match`
                : `${count.format(rows.total)} accounts`}
          </p>
          <ExportButton search={search} disabled={!rows.total} />
        </div>
        {selection.ids.size > 0 && <BulkBar selection={selection} matching={rows.total ?? 0} facets={facets.data} />}
        {rows.error && (
          <p className="notice notice--error" role="alert">
            The accounts could not be read from the cache: {rows.error.message}
          </p>
        )}
        <div className="accounts__body">
          {rows.total === 0 ? (
            <div className="accounts__none">
              <p>No accounts match.</p>
              <button type="button" className="button" onClick={() => (setText(""), setFilter(NO_FILTER))}>
                Clear search and filters
              </button>
            </div>
          ) : (
            <AccountTable
              rows={rows}
              sort={sort}
              descending={descending}
              onSort={onSort}
              onVisibleChange={setVisible}
              onOpen={setOpen}
              selection={selection}
              dropTarget={dropTarget}
              photoVersion={photoVersion}
              now={now}
            />
          )}
        </div>
      </div>
      {open && <AccountPage account={open} onClose={closeAccount} />}
      {staging.error && open === null && (
        <p className="notice notice--error accounts__photo-error" role="alert">
          {photoFor.name}: {staging.error}{" "}
          <button type="button" className="button button--quiet" onClick={staging.clearError}>
            Dismiss
          </button>
        </p>
      )}
      {staging.preview && (
        <PhotoDialog accountId={photoFor.accountId} name={photoFor.name} preview={staging.preview} onClose={staging.done} />
      )}
    </div>
  );
}
