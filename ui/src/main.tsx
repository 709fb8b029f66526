import "@fontsource-variable/inter";
import "./styles/tokens.css";
import "./styles/app.css";
import "./styles/outbox.css";
import "./styles/reviews.css";
import "./styles/connections.css";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { BackendProvider } from "./backend/BackendContext";
import { tauriBackend } from "./backend/tauriBackend";
import { CrashScreen } from "./shell/CrashScreen";
import { OutboxProvider } from "./outbox/OutboxContext";
import { SyncProvider } from "./sync/SyncContext";

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CrashScreen>
        <QueryClientProvider client={queryClient}>
          <BackendProvider backend={tauriBackend}>
            <SyncProvider>
              <OutboxProvider>
                <App />
              </OutboxProvider>
            </SyncProvider>
          </BackendProvider>
        </QueryClientProvider>
      </CrashScreen>
    </StrictMode>,
  );
}
