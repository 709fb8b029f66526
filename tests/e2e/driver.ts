// Starts tauri-driver (which starts WebKitWebDriver, which starts the app) once for the
// run, with the app's data and config folders in a fresh temporary home so a run never
// touches the admin's real Custodian and every run starts from a first launch. The
// benchmarks name a home of their own (CUSTODIAN_E2E_HOME), one that holds a filled cache.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { TestProject } from "vitest/node";

/** 4444, unless CUSTODIAN_E2E_DRIVER_PORT names another (the next port is the native driver's). */
export const DRIVER_PORT = Number(process.env.CUSTODIAN_E2E_DRIVER_PORT ?? 4444);
/** The key of the directory servers the specs start; the app reads it from its environment. */
export const DIRECTORY_KEY = "e2e-directory-admin-key-0123456789";
/** Where the app's Atlassian Cloud connections go in this run: the Atlassian-shaped
 * directory that the connections spec starts (`CUSTODIAN_ATLASSIAN_API_URL`). */
export const ATLASSIAN_STAND_IN = `127.0.0.1:${Number(process.env.CUSTODIAN_E2E_ATLASSIAN_PORT ?? 47213)}`;

declare module "vitest" {
  export interface ProvidedContext {
    appHome: string;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  if (!process.env.DISPLAY) throw new Error("No DISPLAY: run the e2e suite under xvfb-run (make e2e)");
  if (await portOpen(DRIVER_PORT)) throw new Error(`port ${DRIVER_PORT} is taken: is another tauri-driver running?`);

  const appHome = process.env.CUSTODIAN_E2E_HOME ?? mkdtempSync(join(tmpdir(), "custodian-e2e-"));
  const driver = spawn("tauri-driver", ["--port", String(DRIVER_PORT), "--native-port", String(DRIVER_PORT + 1)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      XDG_DATA_HOME: join(appHome, "data"),
      XDG_CONFIG_HOME: join(appHome, "config"),
      XDG_CACHE_HOME: join(appHome, "cache"),
      CUSTODIAN_DIRECTORY_API_KEY: DIRECTORY_KEY,
      CUSTODIAN_ATLASSIAN_API_URL: `http://${ATLASSIAN_STAND_IN}`,
      // No OS keychain under Xvfb: keys stay in memory, as the app does when it has none
      // (asking a keyring daemon here could wait on an unlock prompt no one answers).
      CUSTODIAN_KEYCHAIN: "memory",
    },
  });
  await waitForPort(DRIVER_PORT, driver, 15_000);
  project.provide("appHome", appHome);

  return () => {
    driver.kill();
  };
}
