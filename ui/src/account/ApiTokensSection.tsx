import { useState } from "react";

import type { AccountDetails } from "../bindings/AccountDetails";
import type { AccountToken } from "../bindings/AccountToken";
import { dateLabel } from "../accounts/format";
import { ConfirmChange } from "./ConfirmChange";
import { GatedButton } from "./GatedButton";
import { PageSection, SectionBody } from "./SectionBody";
import { TableHead } from "../shell/TableHead";

export function ApiTokensSection({ details }: { details: AccountDetails }) {
  const { account, permissions, apiTokens } = details;
  const [revoking, setRevoking] = useState<AccountToken | "all" | null>(null);
  const tokens = apiTokens.state === "known" ? apiTokens.value : [];
  return (
    <PageSection
      id="api-tokens"
      wide
      title="API tokens"
      actions={
        tokens.length > 1 && (
          <GatedButton danger permission={permissions.revokeTokens} onClick={() => setRevoking("all")}>
            Revoke all
          </GatedButton>
        )
      }
    >
      <SectionBody section={apiTokens}>
        {(list) =>
          list.length === 0 ? (
            <p className="section__note">No API tokens.</p>
          ) : (
            <table className="table">
              <TableHead columns={["Label", "Created", "Last used", "Expires"]} actions />
              <tbody>
                {list.map((token) => (
                  <tr key={token.tokenId}>
                    <td>{token.label}</td>
                    <td>{dateLabel(token.createdAt)}</td>
                    <td>{dateLabel(token.lastUsed)}</td>
                    <td>{token.expiresAt === null ? "Never" : dateLabel(token.expiresAt)}</td>
                    <td className="table__action">
                      <GatedButton
                        quiet
                        label={`Revoke ${token.label}`}
                        permission={permissions.revokeTokens}
                        onClick={() => setRevoking(token)}
                      >
                        Revoke
                      </GatedButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SectionBody>
      {revoking === "all" && (
        <ConfirmChange
          accountId={account.accountId}
          title={`Revoke all ${tokens.length} API tokens?`}
          confirmLabel="Revoke all"
          danger
          change={() => ({ kind: "revokeAllTokens" })}
          onClose={() => setRevoking(null)}
        >
          <p>Every script and integration that uses one of {account.name}&apos;s tokens stops working at once.</p>
        </ConfirmChange>
      )}
      {revoking !== null && revoking !== "all" && (
        <ConfirmChange
          accountId={account.accountId}
          title={`Revoke "${revoking.label}"?`}
          confirmLabel="Revoke"
          danger
          change={() => ({ kind: "revokeToken", tokenId: revoking.tokenId })}
          onClose={() => setRevoking(null)}
        >
          <p>Whatever uses this token stops working at once.</p>
        </ConfirmChange>
      )}
    </PageSection>
  );
}
