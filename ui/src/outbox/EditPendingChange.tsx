import { useState } from "react";

import type { Change } from "../bindings/Change";
import type { PendingChange } from "../bindings/PendingChange";
import { PROFILE_FIELDS } from "../account/ProfileForm";

/** Whether the admin can edit a queued change here: the kinds that carry values. */
export function isEditable(change: Change): boolean {
  return change.kind === "editProfile" || change.kind === "changeEmail" || change.kind === "deactivate";
}

interface Props {
  pending: PendingChange;
  busy: boolean;
  error: string | null;
  onSave(change: Change): void;
  onCancel(): void;
}

/** The values of a queued change, editable before it is sent. */
export function EditPendingChange({ pending, busy, error, onSave, onCancel }: Props) {
  const [change, setChange] = useState<Change>(pending.change);
  return (
    <form
      className="pending-edit"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(change);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      {change.kind === "editProfile" &&
        change.edits.map((edit, index) => (
          <label key={edit.field} className="field">
            <span className="field__label">{PROFILE_FIELDS.find((spec) => spec.field === edit.field)?.label ?? edit.field}</span>
            <input
              className="input"
              value={edit.value}
              autoFocus={index === 0}
              disabled={busy}
              onChange={(event) =>
                setChange({
                  kind: "editProfile",
                  edits: change.edits.map((other) => (other.field === edit.field ? { ...other, value: event.target.value } : other)),
                })
              }
            />
          </label>
        ))}
      {change.kind === "changeEmail" && (
        <label className="field">
          <span className="field__label">New email</span>
          <input
            className="input"
            type="email"
            value={change.email}
            autoFocus
            disabled={busy}
            onChange={(event) => setChange({ kind: "changeEmail", email: event.target.value })}
          />
        </label>
      )}
      {change.kind === "deactivate" && (
        <label className="field">
          <span className="field__label">Message to the user (optional)</span>
          <textarea
            className="input"
            value={change.message ?? ""}
            autoFocus
            disabled={busy}
            onChange={(event) => setChange({ kind: "deactivate", message: event.target.value || null })}
          />
        </label>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="pending-card__actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : "Save change"}
        </button>
      </div>
    </form>
  );
}
