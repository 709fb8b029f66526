import { useState } from "react";

import { useConnectionStatus } from "../backend/queries";
import type { PendingChange } from "../bindings/PendingChange";
import { EditPendingChange, isEditable } from "./EditPendingChange";
import { PENDING_STATE_LABEL } from "./labels";
import { useOutbox } from "./OutboxContext";
import { type Decision, useDecidePendingChange } from "./usePendingChanges";
import { yourValue } from "./yourValue";

/** For a conflict: each fact as the admin saw it, and as the directory has it now. */
function ConflictTable({ pending }: { pending: PendingChange }) {
  const now = pending.current ?? [];
  return (
    <table className="table pending-card__conflict">
      <thead>
        <tr>
          <th scope="col">Fact</th>
          <th scope="col">When you made the change</th>
          <th scope="col">On the directory now</th>
          <th scope="col">Your change</th>
        </tr>
      </thead>
      <tbody>
        {pending.base.map((fact) => {
          const current = now.find((other) => other.label === fact.label)?.value ?? "—";
          return (
            <tr key={fact.label} data-moved={current !== fact.value || undefined}>
              <th scope="row">{fact.label}</th>
              <td>{fact.value}</td>
              <td>{current}</td>
              <td>{yourValue(pending.change, fact.label) ?? pending.description}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One queued change, with what the admin can decide about it. */
export function PendingChangeCard({ pending }: { pending: PendingChange }) {
  const decide = useDecidePendingChange();
  const outbox = useOutbox();
  const offline = useConnectionStatus().data?.sync.offline ?? false;
  // A change put back in line goes at once when the directory answers.
  const sendIfOnline = () => {
    if (!offline) outbox.send();
  };
  const [editing, setEditing] = useState(false);
  const busy = decide.isPending;
  const act = (decision: Decision, then?: () => void) => decide.mutate(decision, then ? { onSuccess: () => then() } : {});
  const { id, state } = pending;
  // One an interrupted send left in doubt can be discarded while no send runs.
  const stuck = state === "sending" && !outbox.sending;
  const open = state === "pending" || state === "conflict" || state === "failed" || stuck;

  return (
    <li className="pending-card" data-state={state} data-testid="pending-change" aria-label={`${pending.description}, ${pending.accountName}`}>
      <div className="pending-card__head">
        <div>
          <div className="pending-card__what">{pending.description}</div>
          <div className="table__muted">
            {pending.accountName} · {pending.accountEmail} · made {new Date(pending.queuedAt).toLocaleString()}
            {pending.attempts > 0 && ` · ${pending.attempts === 1 ? "1 attempt" : `${pending.attempts} attempts`}`}
          </div>
        </div>
        <span className="badge pending-card__state" data-state={state}>
          {PENDING_STATE_LABEL[state]}
        </span>
      </div>
      {pending.message && <p className="pending-card__why">{pending.message}</p>}
      {state === "conflict" && <ConflictTable pending={pending} />}
      {editing ? (
        <EditPendingChange
          pending={pending}
          busy={busy}
          error={decide.error?.message ?? null}
          onCancel={() => setEditing(false)}
          onSave={(change) => act({ id, kind: "edit", change }, () => setEditing(false))}
        />
      ) : (
        open && (
          <div className="pending-card__actions">
            {state === "conflict" && (
              <button type="button" className="button button--primary" disabled={busy} onClick={() => act({ id, kind: "keep" }, sendIfOnline)}>
                Keep mine
              </button>
            )}
            {state === "failed" && (
              <button type="button" className="button button--primary" disabled={busy} onClick={() => act({ id, kind: "retry" }, sendIfOnline)}>
                Try again
              </button>
            )}
            {isEditable(pending.change) && !stuck && (
              <button type="button" className="button" disabled={busy} onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
            <button type="button" className="button button--danger" disabled={busy} onClick={() => act({ id, kind: "discard" })}>
              {state === "conflict" ? "Discard mine" : "Discard"}
            </button>
          </div>
        )
      )}
      {!editing && decide.error && (
        <p className="notice notice--error" role="alert">
          {decide.error.message}
        </p>
      )}
    </li>
  );
}
