import { useState } from "react";

import type { AccountDetails } from "../bindings/AccountDetails";
import type { RecentDevice } from "../bindings/RecentDevice";
import { sinceLabel, timeLabel } from "../accounts/format";
import { NotOnThisConnection } from "../connections/NotOnThisConnection";
import { useCapabilities } from "../connections/useCapabilities";
import { ConfirmChange } from "./ConfirmChange";
import { GatedButton } from "./GatedButton";
import { PageSection, SectionBody } from "./SectionBody";
import { TableHead } from "../shell/TableHead";

function session(device: RecentDevice): string {
  switch (device.session) {
    case "active":
      return "Signed in";
    case "ending":
      return device.sessionEndsAt === null ? "Ending" : `Ending, by ${timeLabel(device.sessionEndsAt)}`;
    case "ended":
      return "Logged out";
  }
}

export function DevicesSection({ details, nowSeconds }: { details: AccountDetails; nowSeconds: number }) {
  const { account, permissions } = details;
  const [loggingOut, setLoggingOut] = useState<RecentDevice | null>(null);
  const available = useCapabilities().devices;
  if (!available) {
    return (
      <PageSection id="devices" title="Recent devices">
        <NotOnThisConnection accountId={account.accountId} />
      </PageSection>
    );
  }
  return (
    <PageSection id="devices" title="Recent devices" wide>
      <SectionBody section={details.devices}>
        {(devices) =>
          devices.length === 0 ? (
            <p className="section__note">No devices with a session.</p>
          ) : (
            <table className="table">
              <TableHead columns={["Device", "Kind", "Location", "Last active", "Session"]} actions />
              <tbody>
                {devices.map((device) => (
                  <tr key={device.deviceId}>
                    <td>{device.name}</td>
                    <td>{device.kind === "mobile" ? "Mobile app" : "Browser"}</td>
                    <td>{device.location ?? "Unknown"}</td>
                    <td>{sinceLabel(device.lastActive, nowSeconds)}</td>
                    <td data-testid="device-session">{session(device)}</td>
                    <td className="table__action">
                      {device.session === "active" && (
                        <GatedButton
                          quiet
                          label={`Log out ${device.name}`}
                          permission={permissions.logOutDevices}
                          onClick={() => setLoggingOut(device)}
                        >
                          Log out
                        </GatedButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SectionBody>
      {loggingOut && (
        <ConfirmChange
          accountId={account.accountId}
          title={`Log out ${loggingOut.name}?`}
          confirmLabel="Log out"
          change={() => ({ kind: "logOutDevice", deviceId: loggingOut.deviceId })}
          onClose={() => setLoggingOut(null)}
        >
          <p>
            {loggingOut.kind === "mobile"
              ? `The mobile app's session ends within the hour: mobile sessions cannot be ended at once. ${account.name} must sign in again on it.`
              : `The browser session ends at once: ${account.name} must sign in again there.`}
          </p>
        </ConfirmChange>
      )}
    </PageSection>
  );
}
