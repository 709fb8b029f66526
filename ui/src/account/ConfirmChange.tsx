import { type ReactNode, useState } from "react";

import type { Change } from "../bindings/Change";
import { Dialog } from "../shell/Dialog";
import { useApplyChange } from "./useApplyChange";

interface Props {
  accountId: string;
  title: string;
  /** What will happen, in the admin's words. */
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** The change to make; built when the admin confirms (so a dialog's inputs count). */
  change(): Change;
  /** When set, the admin types this text before the change can be confirmed. */
  typeToConfirm?: string;
  /** True while the dialog's own inputs are not acceptable yet. */
  blocked?: boolean;
  onClose(): void;
  onDone?(): void;
}

/** Asks before a change, makes it, and says why if the directory refused. */
export function ConfirmChange({
  accountId,
  title,
  children,
  confirmLabel,
  danger = false,
  change,
  typeToConfirm,
  blocked = false,
  onClose,
  onDone,
}: Props) {
  const apply = useApplyChange(accountId);
  const [typed, setTyped] = useState("");
  const confirmed = !blocked && (typeToConfirm === undefined || typed.trim().toLowerCase() === typeToConfirm.toLowerCase());

  function confirm() {
    if (!confirmed || apply.isPending) return;
    apply.mutate(change(), {
      onSuccess: () => {
        onDone?.();
        onClose();
      },
    });
  }

  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={apply.isPending}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={apply.isPending}>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? "button button--danger" : "button button--primary"}
            onClick={confirm}
            disabled={!confirmed || apply.isPending}
          >
            {apply.isPending ? "Working…" : confirmLabel}
          </button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        {children}
        {typeToConfirm !== undefined && (
          <label className="field">
            <span className="field__label">
              Type <strong>{typeToConfirm}</strong> to confirm
            </span>
            <input className="input" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" data-autofocus />
          </label>
        )}
        {apply.error && (
          <p className="notice notice--error" role="alert">
            {apply.error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
