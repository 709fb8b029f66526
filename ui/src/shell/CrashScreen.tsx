import { Component, type ErrorInfo, type ReactNode } from "react";

interface State {
  error: Error | null;
}

/** If rendering fails, the admin sees what happened and a way back, never a blank window. */
export class CrashScreen extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("Custodian's window failed to draw", error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1 className="view__title">Something went wrong in this window</h1>
        <p>Nothing was changed. Reloading the window usually recovers; your cached accounts are safe.</p>
        <pre className="crash__detail">{this.state.error.message}</pre>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the window
        </button>
      </main>
    );
  }
}
