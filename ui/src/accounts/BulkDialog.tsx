import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { BulkAction } from "../bindings/BulkAction";
import type { BulkPreview } from "../bindings/BulkPreview";
import type { BulkProgress } from "../bindings/BulkProgress";
import type { BulkReport } from "../bindings/BulkReport";
import type { Capabilities } from "../bindings/Capabilities";
import type { Outcome } from "../bindings/Outcome";
import { Dialog } from "../shell/Dialog";
import { count } from "./format";
import { TableHead } from "../shell/TableHead";

/** Each with what the connection must be able to do to offer it. */
export const BULK_ACTIONS: { kind: BulkAction["kind"]; label: string; needs: keyof Capabilities }[] = [
  { kind: "deactivate", label: "Deactivate", needs: "lifecycle" },
  { kind: "reactivate", label: "Reactivate", needs: "lifecycle" },
  { kind: "requirePasswordReset", label: "Require a password reset", needs: "passwordReset" },
  { kind: "revokeAllTokens", label: "Revoke all API tokens", needs: "apiTokens" },
  { kind: "removeProduct", label: "Remove product access", needs: "productAccess" },
];

interface Props {
  accountIds: string[];
  action: BulkAction;
  onClose(finished: boolean): void;
}

function Preview({ preview }: { preview: BulkPreview }) {
  return (
    <>
      <p data-testid="bulk-summary">
        {count.format(preview.willChange)} {preview.willChange === 1 ? "account" : "accounts"} will change
        {preview.willSkip > 0 && `, ${count.format(preview.willSkip)} will be left as they are`}
        {preview.missing > 0 && `, ${count.format(preview.missing)} are no longer in the list`}.
      </p>
      <div className="bulk__table">
        <table className="table">
          <TableHead columns={["Account", "What happens"]} />
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.accountId} data-skip={row.skip !== null || undefined}>
                <td>
                  <div>{row.name}</div>
                  <div className="table__muted">{row.email}</div>
                </td>
                <td>{row.change ?? `Skipped: ${row.skip ?? ""}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const OUTCOME_LABEL: Record<Outcome, string> = {
  done: "Changed",
  queued: "Waiting to be sent",
  skipped: "Skipped",
  failed: "Failed",
};

function Report({ report }: { report: BulkReport }) {
  const notDone = report.results.filter((result) => result.outcome !== "done");
  return (
    <>
      <p role="status" data-testid="bulk-report">
        {count.format(report.done)} changed, {report.queued > 0 && `${count.format(report.queued)} waiting in Pending changes, `}
        {count.format(report.skipped)} skipped, {count.format(report.failed)} failed
        {report.cancelled && " (cancelled: the rest were not touched)"}.
      </p>
      {notDone.length > 0 && (
        <div className="bulk__table">
          <table className="table">
            <TableHead columns={["Account", "Result"]} />
            <tbody>
              {notDone.map((result) => (
                <tr key={result.accountId} data-outcome={result.outcome}>
                  <td>
                    <div>{result.name}</div>
                    <div className="table__muted">{result.email}</div>
                  </td>
                  <td>
                    <span data-status={result.outcome === "failed" ? "failed" : "suspended"}>{OUTCOME_LABEL[result.outcome]}</span>
                    <div className="activity__why">{result.reason}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A bulk action: exactly what will change first, then progress, then a result per account. */
export function BulkDialog({ accountIds, action, onClose }: Props) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const label = BULK_ACTIONS.find((a) => a.kind === action.kind)?.label ?? action.kind;
  const preview = useQuery<BulkPreview, BackendError>({
    queryKey: ["bulkPreview", action, accountIds],
    queryFn: () => backend.previewBulk(accountIds, action),
    gcTime: 0,
  });
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const run = useMutation<BulkReport, BackendError>({
    mutationFn: () => backend.applyBulk(accountIds, action, setProgress),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      void queryClient.invalidateQueries({ queryKey: ["activity"] });
      void queryClient.invalidateQueries({ queryKey: ["pendingChanges"] });
    },
  });
  const finished = run.data !== undefined;
  const willChange = preview.data?.willChange ?? 0;

  return (
    <Dialog
      title={finished ? `${label}: done` : `${label}: ${count.format(accountIds.length)} selected accounts`}
      onClose={() => onClose(finished)}
      busy={run.isPending}
      actions={
        run.isPending ? (
          <button type="button" className="button" onClick={() => void backend.cancelBulk()}>
            Cancel
          </button>
        ) : finished || run.error ? (
          <button type="button" className="button" onClick={() => onClose(finished)}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={() => onClose(false)}>
              Cancel
            </button>
            <button
              type="button"
              className={action.kind === "reactivate" ? "button button--primary" : "button button--primary button--danger"}
              disabled={willChange === 0}
              onClick={() => run.mutate()}
            >
              {`${label} ${count.format(willChange)} ${willChange === 1 ? "account" : "accounts"}`}
            </button>
          </>
        )
      }
    >
      {preview.isPending && <p>Working out what will change…</p>}
      {preview.error && (
        <p className="notice notice--error" role="alert">
          {preview.error.message}
        </p>
      )}
      {preview.data && !run.isPending && !finished && <Preview preview={preview.data} />}
      {run.isPending && (
        <div className="bulk__progress">
          <progress max={progress?.total ?? accountIds.length} value={progress?.done ?? 0} aria-label="Progress" />
          <p role="status">
            {count.format(progress?.done ?? 0)} of {count.format(progress?.total ?? accountIds.length)} accounts
            {progress && progress.failed > 0 && `, ${count.format(progress.failed)} failed`}
          </p>
        </div>
      )}
      {run.data && <Report report={run.data} />}
      {run.error && (
        <p className="notice notice--error" role="alert">
          {run.error.message}
        </p>
      )}
    </Dialog>
  );
}
