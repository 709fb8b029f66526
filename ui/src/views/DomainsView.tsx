import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { ClaimPreview } from "../bindings/ClaimPreview";
import type { OrgDomain } from "../bindings/OrgDomain";
import { NotOnThisConnection } from "../connections/NotOnThisConnection";
import { useCapabilities } from "../connections/useCapabilities";
import { count } from "../accounts/format";
import { ORGANIZATION_KEY, useOrganization } from "../organization/useOrganization";
import { Dialog } from "../shell/Dialog";
import { useSync } from "../sync/SyncContext";
import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";
import { TableHead } from "../shell/TableHead";

const METHOD_LABEL: Record<string, string> = { dns: "DNS record", http: "HTTPS file" };

function VerifyDialog({ domain, onClose }: { domain: OrgDomain; onClose(): void }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function verify() {
    setBusy(true);
    try {
      const organization = await backend.verifyDomain(domain.domainId, domain.name);
      queryClient.setQueryData(ORGANIZATION_KEY, organization);
      queryClient.setQueryData(["organization", "refresh"], organization);
      onClose();
    } catch (reason) {
      setError((reason as BackendError).message);
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={`Verify ${domain.name}?`}
      onClose={onClose}
      busy={busy}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={() => void verify()} disabled={busy}>
            {busy ? "Verifying…" : "Verify now"}
          </button>
        </>
      }
    >
      <p>
        The directory checks the domain&apos;s {METHOD_LABEL[domain.claimMethod ?? ""] ?? "proof"} now. Once verified, you
        can claim the accounts on it.
      </p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function ClaimDialog({ domain, onClose }: { domain: OrgDomain; onClose(): void }) {
  const backend = useBackend();
  const sync = useSync();
  const preview = useQuery<ClaimPreview, BackendError>({
    queryKey: ["claimPreview", domain.domainId],
    queryFn: () => backend.claimPreview(domain.domainId),
    gcTime: 0,
  });
  const [error, setError] = useState<string | null>(null);
  const [claimed, setClaimed] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  async function claim() {
    setBusy(true);
    try {
      setClaimed(await backend.claimDomain(domain.domainId, domain.name));
      sync.start();
    } catch (reason) {
      setError((reason as BackendError).message);
    }
    setBusy(false);
  }
  const accounts = preview.data?.accounts ?? 0;
  return (
    <Dialog
      title={`Claim the accounts on ${domain.name}?`}
      onClose={onClose}
      busy={busy}
      actions={
        claimed === null && accounts > 0 ? (
          <>
            <button type="button" className="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="button button--primary" onClick={() => void claim()} disabled={busy}>
              {busy ? "Claiming…" : `Claim ${count.format(accounts)} accounts`}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        )
      }
    >
      {preview.isPending && <p>Asking the directory how many accounts are on {domain.name}…</p>}
      {preview.error && (
        <p className="notice notice--error" role="alert">
          {preview.error.message}
        </p>
      )}
      {preview.data && claimed === null && (
        <p data-testid="claim-preview">
          {accounts === 0
            ? `Every account on ${domain.name} is managed already.`
            : `${count.format(accounts)} ${accounts === 1 ? "account" : "accounts"} on ${domain.name} will become managed: your organization's admins can then change their details, access and security, as for every managed account. Their users are told by email.`}
        </p>
      )}
      {claimed !== null && (
        <p role="status">
          Claimed {count.format(claimed)} accounts. They appear under Managed accounts once the sync that has just
          started finishes.
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

/** Verify an unverified domain, claim a verified one's accounts; or why the connection cannot. */
function DomainAction({ domain, onVerify, onClaim }: { domain: OrgDomain; onVerify(): void; onClaim(): void }) {
  const can = useCapabilities();
  if (domain.verified) {
    if (!can.claimAccounts) return <NotOnThisConnection what="Claim accounts" />;
    return (
      <button type="button" className="button" onClick={onClaim} aria-label={`Claim the accounts on ${domain.name}`}>
        Claim accounts
      </button>
    );
  }
  if (!can.verifyDomains) return <NotOnThisConnection what="Verify" />;
  return (
    <button type="button" className="button" onClick={onVerify} aria-label={`Verify ${domain.name}`}>
      Verify
    </button>
  );
}

export function DomainsView() {
  const { organization, refreshError } = useOrganization();
  const [verifying, setVerifying] = useState<OrgDomain | null>(null);
  const [claiming, setClaiming] = useState<OrgDomain | null>(null);

  return (
    <>
      <ViewHeader title="Domains">
        The email domains your organization owns. Accounts on a verified domain can be claimed and managed.
      </ViewHeader>
      {refreshError && organization && (
        <p className="notice notice--warning" role="status">
          Showing the domains as last read: {refreshError.message}
        </p>
      )}
      {!organization || organization.domains.length === 0 ? (
        <EmptyState view="domains" title={refreshError ? "The domains could not be read" : "No domains to show"}>
          <p>
            {refreshError
              ? refreshError.message
              : "Your organization's domains appear here with their verification status and how they were verified (DNS or HTTPS)."}
          </p>
        </EmptyState>
      ) : (
        <section className="panel" aria-label="Domains">
          <table className="table">
            <TableHead columns={["Domain", "Status", "Verified by"]} actions />
            <tbody>
              {organization.domains.map((domain) => (
                <tr key={domain.domainId}>
                  <td>{domain.name}</td>
                  <td>
                    <span data-status={domain.verified ? "active" : "deactivated"}>{domain.verified ? "Verified" : "Unverified"}</span>
                  </td>
                  <td>{METHOD_LABEL[domain.claimMethod ?? ""] ?? domain.claimMethod ?? "—"}</td>
                  <td className="table__action">
                    <DomainAction domain={domain} onVerify={() => setVerifying(domain)} onClaim={() => setClaiming(domain)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {verifying && <VerifyDialog domain={verifying} onClose={() => setVerifying(null)} />}
      {claiming && <ClaimDialog domain={claiming} onClose={() => setClaiming(null)} />}
    </>
  );
}
