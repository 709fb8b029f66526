import { useMutation, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";

import { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditQuery } from "../bindings/AuditQuery";
import type { ChangeResult } from "../bindings/ChangeResult";
import { count } from "../accounts/format";
import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";
import { TableHead } from "../shell/TableHead";

const OPERATIONS: [string, string][] = [
  ["editProfile", "Edit profile"],
  ["changeEmail", "Change email"],
  ["grantProduct", "Grant product access"],
  ["removeProduct", "Remove product access"],
  ["excludeFromTwoStep", "Exclude from 2SV"],
  ["includeInTwoStep", "Undo 2SV exclusion"],
  ["logOutDevice", "Log out a device"],
  ["requirePasswordReset", "Require password reset"],
  ["revokeToken", "Revoke an API token"],
  ["revokeAllTokens", "Revoke all API tokens"],
  ["deactivate", "Deactivate"],
  ["reactivate", "Reactivate"],
  ["delete", "Delete"],
  ["cancelDeletion", "Cancel deletion"],
  ["verifyDomain", "Verify domain"],
  ["claimDomain", "Claim accounts"],
];

function when(at: number): string {
  return new Date(at).toLocaleString();
}

function Row({ entry }: { entry: AuditEntry }) {
  return (
    <tr data-result={entry.result}>
      <td className="activity__when">{when(entry.at)}</td>
      <td>
        {entry.accountName ? (
          <>
            <div>{entry.accountName}</div>
            <div className="table__muted">{entry.accountEmail}</div>
          </>
        ) : (
          <span className="table__muted">Organization</span>
        )}
      </td>
      <td>{entry.description}</td>
      <td>
        {entry.result === "done" ? (
          <span data-status="active">Done</span>
        ) : (
          <>
            <span data-status="failed">Failed</span>
            <div className="activity__why">{entry.message}</div>
          </>
        )}
      </td>
      <td className="activity__diff">
        {entry.before !== null && (
          <>
            <div className="activity__before">{entry.before}</div>
            <div className="activity__after">{entry.after}</div>
          </>
        )}
      </td>
    </tr>
  );
}

/** Every change made from Custodian on this computer, newest first, with filters and CSV. */
export function ActivityView() {
  const backend = useBackend();
  const [text, setText] = useState("");
  const [operation, setOperation] = useState("");
  const [result, setResult] = useState<ChangeResult | "">("");
  const deferredText = useDeferredValue(text);
  const query: AuditQuery = {
    text: deferredText,
    operation: operation || null,
    result: result || null,
    since: null,
    limit: null,
  };
  const entries = useQuery<AuditEntry[], BackendError>({
    queryKey: ["activity", query],
    queryFn: () => backend.auditLog(query),
    placeholderData: (previous) => previous,
  });
  const exporting = useMutation({ mutationFn: () => backend.exportAuditCsv(query) });
  const filtered = deferredText !== "" || operation !== "" || result !== "";

  if (entries.data?.length === 0 && !filtered) {
    return (
      <>
        <ViewHeader title="Activity">Changes made from Custodian on this computer, newest first.</ViewHeader>
        <EmptyState view="activity" title="No changes made yet">
          <p>
            Every change you make to an account from Custodian is recorded here: when, on which connection, to which
            account, what changed, and whether the directory accepted it.
          </p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <ViewHeader title="Activity">Changes made from Custodian on this computer, newest first.</ViewHeader>
      <div className="toolbar">
        <input
          type="search"
          className="search__input"
          placeholder="Account or change"
          aria-label="Search the activity"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <label className="field--inline">
          <span className="field__label">Change</span>
          <select className="select" value={operation} onChange={(event) => setOperation(event.target.value)}>
            <option value="">Any</option>
            {OPERATIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field--inline">
          <span className="field__label">Result</span>
          <select className="select" value={result} onChange={(event) => setResult(event.target.value as ChangeResult | "")}>
            <option value="">Any</option>
            <option value="done">Done</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <button type="button" className="button" disabled={!entries.data?.length || exporting.isPending} onClick={() => exporting.mutate()}>
          {exporting.isPending ? "Exporting…" : "Export CSV"}
        </button>
        {exporting.data && (
          <span role="status">
            Exported {count.format(exporting.data.accounts)} changes to {exporting.data.path}
          </span>
        )}
        {exporting.error && (
          <span className="notice notice--error" role="alert">
            The export failed: {BackendError.from(exporting.error).message}. Nothing was saved.
          </span>
        )}
      </div>
      {entries.error && (
        <p className="notice notice--error" role="alert">
          The activity could not be read: {entries.error.message}
        </p>
      )}
      <p className="accounts__count" role="status" data-testid="activity-count">
        {entries.data
          ? entries.data.length >= 5_000
            ? "The newest 5,000 changes (Export CSV saves every one that matches)"
            : `${count.format(entries.data.length)} ${entries.data.length === 1 ? "change" : "changes"}`
          : "Reading…"}
      </p>
      {entries.data && entries.data.length > 0 && (
        <section className="panel activity" aria-label="Changes">
          <table className="table">
            <TableHead columns={["When", "Account", "Change", "Result", "Before → after"]} />
            <tbody>
              {entries.data.map((entry) => (
                <Row key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
