import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { AccountDetails } from "../bindings/AccountDetails";
import type { ProductSite } from "../bindings/ProductSite";
import { roleLabel } from "../accounts/format";
import { Dialog } from "../shell/Dialog";
import { ConfirmChange } from "./ConfirmChange";

/** Grants a role on a product site the organization has; the roles are the product's own. */
export function GrantAccessDialog({ details, onClose }: { details: AccountDetails; onClose(): void }) {
  const backend = useBackend();
  const sites = useQuery<ProductSite[], BackendError>({ queryKey: ["productSites"], queryFn: () => backend.productSites() });
  const [siteId, setSiteId] = useState("");
  const [role, setRole] = useState("");
  const site = sites.data?.find((s) => s.site === siteId);
  const roles = site?.roles.length ? site.roles : ["atlassian/user"];

  if (!sites.data) {
    return (
      <Dialog
        title="Grant product access"
        onClose={onClose}
        actions={
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        }
      >
        {sites.error ? (
          <p className="notice notice--error" role="alert">
            The organization&apos;s products could not be read: {sites.error.message}
          </p>
        ) : (
          <p>Reading the organization&apos;s products…</p>
        )}
      </Dialog>
    );
  }
  const chosenRole = roles.includes(role) ? role : (roles[0] ?? "");
  return (
    <ConfirmChange
      accountId={details.account.accountId}
      title="Grant product access"
      confirmLabel="Grant access"
      change={() => ({ kind: "grantProduct", product: site?.product ?? "", site: siteId, role: chosenRole })}
      blocked={!site}
      onClose={onClose}
    >
      <label className="field">
        <span className="field__label">Product</span>
        <select className="select" value={siteId} onChange={(event) => setSiteId(event.target.value)} data-autofocus>
          <option value="">Choose a product…</option>
          {sites.data.map((s) => (
            <option key={s.site} value={s.site}>
              {s.url ? `${s.name} (${s.url.replace(/^https?:\/\//, "")})` : s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Role</span>
        <select className="select" value={chosenRole} onChange={(event) => setRole(event.target.value)} disabled={!site}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </label>
    </ConfirmChange>
  );
}
