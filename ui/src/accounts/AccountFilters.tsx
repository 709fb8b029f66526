import { forwardRef } from "react";

import type { AccountFilter } from "../bindings/AccountFilter";
import type { AccountStatus } from "../bindings/AccountStatus";
import type { ManagedBy } from "../bindings/ManagedBy";
import type { Facets } from "../bindings/Facets";
import { count, MANAGED_BY_LABEL, STATUS_LABEL } from "./format";

interface Props {
  text: string;
  filter: AccountFilter;
  facets: Facets | undefined;
  onText(text: string): void;
  onFilter(filter: AccountFilter): void;
}

const INACTIVE_CHOICES = [30, 90, 180, 365];

function Choice({ label, value, onChange, children }: {
  label: string;
  value: string;
  onChange(value: string): void;
  children: React.ReactNode;
}) {
  return (
    <label className="field field--inline">
      <span className="field__label">{label}</span>
      <select className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </label>
  );
}

/** The search box and the filters above the account list. */
export const AccountFilters = forwardRef<HTMLInputElement, Props>(function AccountFilters(
  { text, filter, facets, onText, onFilter },
  searchRef,
) {
  const set = (change: Partial<AccountFilter>) => onFilter({ ...filter, ...change });
  return (
    <div className="toolbar" role="search">
      <label className="search">
        <span className="visually-hidden">Search accounts</span>
        <input
          ref={searchRef}
          className="search__input"
          type="search"
          placeholder="Search name, email, job title, department"
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-keyshortcuts="/"
          onChange={(event) => onText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape" && text) {
              event.preventDefault();
              onText("");
            }
          }}
        />
        <kbd className="search__hint" aria-hidden="true">/</kbd>
      </label>
      <Choice
        label="Status"
        value={filter.statuses[0] ?? ""}
        onChange={(value) => set({ statuses: value ? [value as AccountStatus] : [] })}
      >
        <option value="">Any</option>
        {Object.entries(STATUS_LABEL).map(([status, label]) => (
          <option key={status} value={status}>{label}</option>
        ))}
      </Choice>
      <Choice
        label="Managed by"
        value={filter.managedBy ?? ""}
        onChange={(value) => set({ managedBy: value ? (value as ManagedBy) : null })}
      >
        <option value="">Anyone</option>
        <option value="invited">{MANAGED_BY_LABEL.invited}</option>
        <option value="identityProvider">{MANAGED_BY_LABEL.identityProvider}</option>
      </Choice>
      <Choice
        label="2SV"
        value={filter.twoStepEnabled === null ? "" : String(filter.twoStepEnabled)}
        onChange={(value) => set({ twoStepEnabled: value === "" ? null : value === "true" })}
      >
        <option value="">Any</option>
        <option value="true">On</option>
        <option value="false">Off</option>
      </Choice>
      <Choice label="Domain" value={filter.domain ?? ""} onChange={(value) => set({ domain: value || null })}>
        <option value="">Any</option>
        {facets?.domains.map((domain) => (
          <option key={domain.name} value={domain.name}>{`${domain.name} (${count.format(domain.accounts)})`}</option>
        ))}
      </Choice>
      <Choice label="Product" value={filter.product ?? ""} onChange={(value) => set({ product: value || null })}>
        <option value="">Any</option>
        {facets?.products.map((product) => (
          <option key={product.name} value={product.name}>{`${product.name} (${count.format(product.accounts)})`}</option>
        ))}
      </Choice>
      <Choice
        label="Inactive"
        value={filter.inactiveDays === null ? "" : String(filter.inactiveDays)}
        onChange={(value) => set({ inactiveDays: value ? Number(value) : null })}
      >
        <option value="">Any time</option>
        {INACTIVE_CHOICES.map((days) => (
          <option key={days} value={days}>{`${days}+ days`}</option>
        ))}
      </Choice>
    </div>
  );
});
