import type { ProductAccess } from "../bindings/ProductAccess";
import { productLabel, siteLabel, sinceLabel } from "../accounts/format";
import { PageSection } from "./SectionBody";

export function ProductAccessSection({ products, nowSeconds }: { products: ProductAccess[]; nowSeconds: number }) {
  return (
    <PageSection id="products" title="Product access">
      {products.length === 0 ? (
        <p className="section__note">No product access.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Site</th>
              <th scope="col">Role</th>
              <th scope="col">Last active</th>
            </tr>
          </thead>
          <tbody>
            {products.map((access) => (
              <tr key={`${access.product} ${access.site}`}>
                <td>{productLabel(access.product)}</td>
                <td className="table__muted" title={access.site}>
                  {siteLabel(access.site)}
                </td>
                <td>{access.role ?? "User"}</td>
                <td>{sinceLabel(access.lastActive, nowSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PageSection>
  );
}
