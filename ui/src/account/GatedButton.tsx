import { type ReactNode, useId } from "react";

import type { Permission } from "../bindings/Permission";

interface Props {
  permission?: Permission | undefined;
  onClick(): void;
  children: ReactNode;
  danger?: boolean;
  quiet?: boolean;
  /** The accessible name, where the visible text needs its row to make sense. */
  label?: string;
}

/**
 * An action the directory may withhold. Withheld, it stays in the tab order but does
 * nothing, and says why: on hover (title) and to screen readers (aria-describedby).
 */
export function GatedButton({ permission, onClick, children, danger = false, quiet = false, label }: Props) {
  const reasonId = useId();
  const withheld = permission !== undefined && !permission.allowed;
  const classes = ["button", danger ? "button--danger" : "", quiet ? "button--quiet" : ""].filter(Boolean).join(" ");
  return (
    <>
      <button
        type="button"
        className={classes}
        aria-label={label}
        aria-disabled={withheld || undefined}
        aria-describedby={withheld ? reasonId : undefined}
        title={withheld ? (permission.reason ?? "Not allowed") : undefined}
        onClick={() => !withheld && onClick()}
      >
        {children}
      </button>
      {withheld && (
        <span id={reasonId} className="visually-hidden">
          {permission.reason ?? "Not allowed"}
        </span>
      )}
    </>
  );
}
