import { useRef, useState } from "react";

import type { ConnectionProfile } from "../bindings/ConnectionProfile";
import type { ConnectionsOverview } from "../bindings/ConnectionsOverview";
import { TableHead } from "../shell/TableHead";
import { AddConnectionDialog } from "./AddConnectionDialog";
import { EditConnectionDialog } from "./EditConnectionDialog";
import { useConnections, useLeftLaunchConnection, useSwitchConnection } from "./queries";
import { RemoveConnectionDialog } from "./RemoveConnectionDialog";
import { TestConnectionDialog } from "./TestConnectionDialog";
import { KIND_LABEL } from "./words";

type Open = { dialog: "add" } | { dialog: "edit" | "test" | "remove"; profile: ConnectionProfile } | null;

const DEMO_NAME = "Demo directory";

function InUse() {
  return <span className="badge connection__in-use">In use</span>;
}

function where(profile: ConnectionProfile): string {
  const address = profile.kind === "custodianDirectory" ? ` · ${profile.baseUrl}` : "";
  return `${KIND_LABEL[profile.kind]}${address} · Organization ${profile.orgId}`;
}

function KeychainNote({ overview }: { overview: ConnectionsOverview }) {
  if (overview.keychain.available) return <p className="muted">API keys are kept in the OS keychain.</p>;
  return (
    <p className="notice notice--warning" role="status" data-testid="keychain-warning">
      {overview.keychain.detail}
    </p>
  );
}

/**
 * Settings > Connections: the demo directory and the saved connections, the one in use,
 * and switching between them (each has its own cache).
 */
export function ConnectionsSection() {
  const connections = useConnections();
  const leftLaunch = useLeftLaunchConnection();
  const switching = useSwitchConnection();
  const [open, setOpen] = useState<Open>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const close = () => setOpen(null);

  function use(id: string | null) {
    // The Use button goes once its connection is in use: focus stays in the section.
    switching.mutate(id, { onSuccess: () => heading.current?.focus() });
  }

  const overview = connections.data;
  const launchInUse = overview !== undefined && overview.launchOverride && overview.inUse === null && !leftLaunch;
  const demoInUse = overview !== undefined && overview.inUse === null && !launchInUse;

  return (
    <section className="panel" aria-labelledby="settings-connections">
      <h2 id="settings-connections" className="panel__title" tabIndex={-1} ref={heading}>
        Connections
      </h2>
      {connections.isPending && <p className="muted">Reading the saved connections…</p>}
      {connections.error && (
        <p className="notice notice--error" role="alert">
          The saved connections could not be read: {connections.error.message}
        </p>
      )}
      {overview && (
        <>
          {overview.problem !== null && (
            <p className="notice notice--error" role="alert">
              The saved connections could not be read: {overview.problem}
            </p>
          )}
          {launchInUse && (
            <p className="notice notice--warning" role="status">
              {overview.inUseName} is in use because Custodian was started with it (--directory-url). It is not saved
              here: once you switch to another connection, it comes back only when Custodian is started that way again.
            </p>
          )}
          <table className="table connections">
            <TableHead columns={["Connection", "Status"]} actions />
            <tbody>
              {launchInUse && (
                <tr data-in-use="true">
                  <td>
                    <div>{overview.inUseName}</div>
                    <div className="table__muted">Named when Custodian was started</div>
                  </td>
                  <td>
                    <InUse />
                  </td>
                  <td />
                </tr>
              )}
              <tr data-in-use={demoInUse || undefined}>
                <td>
                  <div>{DEMO_NAME}</div>
                  <div className="table__muted">A seeded organization running on this computer</div>
                </td>
                <td>{demoInUse && <InUse />}</td>
                <td className="table__action">
                  {!demoInUse && (
                    <button type="button" className="button" aria-label={`Use ${DEMO_NAME}`} disabled={switching.isPending} onClick={() => use(null)}>
                      Use
                    </button>
                  )}
                </td>
              </tr>
              {overview.profiles.map((profile) => {
                const inUse = overview.inUse === profile.id;
                return (
                  <tr key={profile.id} data-in-use={inUse || undefined}>
                    <td>
                      <div>{profile.name}</div>
                      <div className="table__muted">{where(profile)}</div>
                    </td>
                    <td>{inUse && <InUse />}</td>
                    <td className="table__action">
                      <div className="connections__actions">
                        {!inUse && (
                          <button
                            type="button"
                            className="button"
                            aria-label={`Use ${profile.name}`}
                            disabled={switching.isPending}
                            onClick={() => use(profile.id)}
                          >
                            Use
                          </button>
                        )}
                        <button type="button" className="button button--quiet" aria-label={`Test ${profile.name}`} onClick={() => setOpen({ dialog: "test", profile })}>
                          Test
                        </button>
                        <button type="button" className="button button--quiet" aria-label={`Edit ${profile.name}`} onClick={() => setOpen({ dialog: "edit", profile })}>
                          Edit
                        </button>
                        <button type="button" className="button button--quiet" aria-label={`Remove ${profile.name}`} onClick={() => setOpen({ dialog: "remove", profile })}>
                          Remove
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {switching.isPending && <p role="status">Switching…</p>}
          {switching.data && !switching.isPending && (
            <p role="status" className="muted">
              Now using {switching.data.name}. Its accounts are read from its own cache, and a sync has started.
            </p>
          )}
          {switching.error && (
            <p className="notice notice--error" role="alert">
              {switching.error.message}
            </p>
          )}
          <div className="connections__foot">
            <KeychainNote overview={overview} />
            {overview.problem === null && (
              <button type="button" className="button" onClick={() => setOpen({ dialog: "add" })}>
                Add connection…
              </button>
            )}
          </div>
        </>
      )}
      {open?.dialog === "add" && <AddConnectionDialog keychain={overview?.keychain} onClose={close} />}
      {open?.dialog === "edit" && <EditConnectionDialog profile={open.profile} keychain={overview?.keychain} onClose={close} />}
      {open?.dialog === "test" && <TestConnectionDialog profile={open.profile} onClose={close} />}
      {open?.dialog === "remove" && (
        <RemoveConnectionDialog profile={open.profile} inUse={overview?.inUse === open.profile.id} onClose={close} />
      )}
    </section>
  );
}
