import type { Account } from "../bindings/Account";
import type { SortColumn } from "../bindings/SortColumn";
import { count, MANAGED_BY_LABEL, sinceLabel, STATUS_LABEL } from "./format";

export interface Column {
  id: SortColumn;
  label: string;
  /** CSS grid track for the column. */
  width: string;
  cell(account: Account, now: number): string;
  align?: "end";
}

export const COLUMNS: readonly Column[] = [
  { id: "name", label: "Name", width: "minmax(140px, 2fr)", cell: (a) => a.name },
  { id: "email", label: "Email", width: "minmax(160px, 2.4fr)", cell: (a) => a.email },
  { id: "status", label: "Status", width: "124px", cell: (a) => STATUS_LABEL[a.status] },
  { id: "productCount", label: "Products", width: "72px", cell: (a) => count.format(a.productCount), align: "end" },
  { id: "lastActive", label: "Last active", width: "108px", cell: (a, now) => sinceLabel(a.lastActive, now) },
  { id: "twoStep", label: "2SV", width: "40px", cell: (a) => (a.twoStepEnabled ? "On" : "Off") },
  { id: "managedBy", label: "Managed by", width: "120px", cell: (a) => MANAGED_BY_LABEL[a.managedBy] },
];

/** The selection checkbox first, then the columns. */
export const GRID_TEMPLATE = ["32px", ...COLUMNS.map((column) => column.width)].join(" ");
