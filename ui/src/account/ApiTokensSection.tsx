import type { AccountToken } from "../bindings/AccountToken";
import type { Section } from "../bindings/Section";
import { dateLabel } from "../accounts/format";
import { PageSection, SectionBody } from "./SectionBody";

export function ApiTokensSection({ section }: { section: Section<AccountToken[]> }) {
  return (
    <PageSection id="api-tokens" title="API tokens">
      <SectionBody section={section}>
        {(tokens) =>
          tokens.length === 0 ? (
            <p className="section__note">No API tokens.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.tokenId}>
                    <td>{token.label}</td>
                    <td>{dateLabel(token.createdAt)}</td>
                    <td>{dateLabel(token.lastUsed)}</td>
                    <td>{token.expiresAt === null ? "Never" : dateLabel(token.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SectionBody>
    </PageSection>
  );
}
