import { useAppInfo } from "../backend/queries";
import { ConnectionsSection } from "../connections/ConnectionsSection";
import { shortcutLabel, VIEWS } from "../shell/views";
import { ViewHeader } from "./ViewHeader";

function About() {
  const info = useAppInfo();
  if (info.isPending) return <p className="muted">Reading Custodian's details…</p>;
  if (info.error) {
    return (
      <p className="notice notice--error" role="alert">
        Custodian's details could not be read: {info.error.message}
      </p>
    );
  }
  const { name, version, dataDir, logDir } = info.data;
  return (
    <dl className="facts" data-testid="about">
      <dt>Version</dt>
      <dd>
        {name} {version}
      </dd>
      <dt>Data folder</dt>
      <dd>
        <code>{dataDir}</code>
      </dd>
      <dt>Log folder</dt>
      <dd>
        <code>{logDir}</code>
      </dd>
    </dl>
  );
}

function Shortcuts() {
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          <th scope="col">Shortcut</th>
          <th scope="col">Does</th>
        </tr>
      </thead>
      <tbody>
        {VIEWS.map((view) => (
          <tr key={view.id}>
            <td>
              <kbd>{shortcutLabel(view)}</kbd>
            </td>
            <td>{view.label}</td>
          </tr>
        ))}
        <tr>
          <td>
            <kbd>Ctrl+R</kbd>
          </td>
          <td>Sync now</td>
        </tr>
        <tr>
          <td>
            <kbd>/</kbd>
          </td>
          <td>Search the managed accounts</td>
        </tr>
      </tbody>
    </table>
  );
}

export function SettingsView() {
  return (
    <>
      <ViewHeader title="Settings" />
      <ConnectionsSection />
      <section className="panel" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance" className="panel__title">
          Appearance
        </h2>
        <p className="muted">Custodian follows your system's light or dark theme.</p>
      </section>
      <section className="panel" aria-labelledby="settings-shortcuts">
        <h2 id="settings-shortcuts" className="panel__title">
          Keyboard shortcuts
        </h2>
        <Shortcuts />
      </section>
      <section className="panel" aria-labelledby="settings-about">
        <h2 id="settings-about" className="panel__title">
          About
        </h2>
        <About />
      </section>
    </>
  );
}
