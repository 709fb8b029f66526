import { useMutation } from "@tanstack/react-query";

import { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import { count } from "./format";
import type { AccountSearch } from "./useAccountRows";

/** Saves exactly what the list shows (search, filters, order) as a CSV file. */
export function ExportButton({ search, disabled }: { search: AccountSearch; disabled: boolean }) {
  const backend = useBackend();
  const exporting = useMutation({
    mutationFn: () => backend.exportAccountsCsv({ ...search, offset: 0, limit: 0 }),
  });
  const result = exporting.data;
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={disabled || exporting.isPending}
        onClick={() => exporting.mutate()}
      >
        {exporting.isPending ? "Exporting…" : "Export CSV"}
      </button>
      {result && (
        <span className="accounts__export-result" role="status">
          Exported {count.format(result.accounts)} {result.accounts === 1 ? "account" : "accounts"} to{" "}
          {result.path}
        </span>
      )}
      {exporting.error && (
        <span className="notice notice--error" role="alert">
          The export failed: {BackendError.from(exporting.error).message}. Nothing was saved.
        </span>
      )}
    </>
  );
}
