import type { RecentDevice } from "../bindings/RecentDevice";
import type { Section } from "../bindings/Section";
import { sinceLabel, timeLabel } from "../accounts/format";
import { PageSection, SectionBody } from "./SectionBody";

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

export function DevicesSection({ section, nowSeconds }: { section: Section<RecentDevice[]>; nowSeconds: number }) {
  return (
    <PageSection id="devices" title="Recent devices">
      <SectionBody section={section}>
        {(devices) =>
          devices.length === 0 ? (
            <p className="section__note">No devices with a session.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Location</th>
                  <th scope="col">Last active</th>
                  <th scope="col">Session</th>
                </tr>
              </thead>
              <tbody>
                {devices.map((device) => (
                  <tr key={device.deviceId}>
                    <td>{device.name}</td>
                    <td>{device.kind === "mobile" ? "Mobile app" : "Browser"}</td>
                    <td>{device.location ?? "Unknown"}</td>
                    <td>{sinceLabel(device.lastActive, nowSeconds)}</td>
                    <td>{session(device)}</td>
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
