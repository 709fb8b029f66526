import { useAppInfo, useConnectionStatus } from "../backend/queries";
import type { ConnectionStatus } from "../bindings/ConnectionStatus";

function describe(status: ConnectionStatus): { tone: string; text: string; sync: string } {
  switch (status.state) {
    case "notConfigured":
      return { tone: "idle", text: "No directory connected", sync: "Never synced" };
  }
}

export function StatusBar() {
  const connection = useConnectionStatus();
  const info = useAppInfo();

  let tone = "idle";
  let text = "Checking the connection…";
  let sync = "";
  if (connection.data) {
    ({ tone, text, sync } = describe(connection.data));
  } else if (connection.error) {
    tone = "error";
    text = `Connection status unavailable: ${connection.error.message}`;
  }

  return (
    <footer className="statusbar" aria-label="Status">
      <span className="statusbar__connection" role="status" data-testid="connection-status">
        <span className={`statusbar__dot statusbar__dot--${tone}`} aria-hidden="true" />
        {text}
      </span>
      {sync && <span className="statusbar__sync" data-testid="last-sync">{sync}</span>}
      <span className="statusbar__spacer" />
      {info.data && <span className="statusbar__version">Custodian {info.data.version}</span>}
    </footer>
  );
}
