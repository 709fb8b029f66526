import { useState } from "react";

import type { AccountDetails } from "../bindings/AccountDetails";
import type { ProductRow } from "../bindings/ProductRow";
import { productLabel, roleLabel, siteLabel, sinceLabel } from "../accounts/format";
import { ConfirmChange } from "./ConfirmChange";
import { GrantAccessDialog } from "./GrantAccessDialog";
import { PageSection } from "./SectionBody";
import { TableHead } from "../shell/TableHead";

function siteText(access: ProductRow): string {
  return access.siteUrl?.replace(/^https?:\/\//, "") ?? siteLabel(access.site);
}

export function ProductAccessSection({ details, nowSeconds }: { details: AccountDetails; nowSeconds: number }) {
  const { account, products } = details;
  const [removing, setRemoving] = useState<ProductRow | null>(null);
  const [granting, setGranting] = useState(false);
  const canChange = account.status === "active" || account.status === "suspended";

  return (
    <PageSection
      id="products"
      wide
      title="Product access"
      actions={
        canChange && (
          <button type="button" className="button" onClick={() => setGranting(true)}>
            Grant access
          </button>
        )
      }
    >
      {products.length === 0 ? (
        <p className="section__note">No product access.</p>
      ) : (
        <table className="table">
          <TableHead columns={["Product", "Site", "Role", "Last active"]} actions={canChange} />
          <tbody>
            {products.map((access) => (
              <tr key={access.site}>
                <td>{access.productName ?? productLabel(access.product)}</td>
                <td className="table__muted" title={access.site}>
                  {siteText(access)}
                </td>
                <td>{access.roles.length === 0 ? "—" : access.roles.map(roleLabel).join(", ")}</td>
                <td>{sinceLabel(access.lastActive, nowSeconds)}</td>
                {canChange && (
                  <td className="table__action">
                    <button
                      type="button"
                      className="button button--quiet"
                      aria-label={`Remove ${access.productName ?? productLabel(access.product)} access on ${siteText(access)}`}
                      onClick={() => setRemoving(access)}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removing && (
        <ConfirmChange
          accountId={account.accountId}
          title={`Remove ${removing.productName ?? productLabel(removing.product)} access?`}
          confirmLabel="Remove access"
          danger
          change={() => ({ kind: "removeProduct", product: removing.product, site: removing.site })}
          onClose={() => setRemoving(null)}
        >
          <p>
            {account.name} loses every role on {siteText(removing)}. Their content there stays.
          </p>
        </ConfirmChange>
      )}
      {granting && <GrantAccessDialog details={details} onClose={() => setGranting(false)} />}
    </PageSection>
  );
}
