// Opens the real Custodian window through WebDriver, and keeps evidence when a test fails.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { inject, onTestFailed } from "vitest";
import { remote } from "webdriverio";

import { ATLASSIAN_STAND_IN, DIRECTORY_KEY, DRIVER_PORT } from "./driver";

export { ATLASSIAN_STAND_IN, DIRECTORY_KEY };

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, "../..");
export const APP_BINARY = process.env.CUSTODIAN_BINARY ?? join(ROOT, "target/debug/custodian");
export const ARTIFACTS = join(HERE, "artifacts");
export const DIRECTORY_BINARY = join(ROOT, "target/debug/custodian-directory");
const IDENTIFIER = "io.custodian.desktop";

export type Browser = WebdriverIO.Browser;

export function appHome(): string {
  return inject("appHome");
}

export function logDir(): string {
  return join(appHome(), "data", IDENTIFIER, "logs");
}

/** The real app, with launch arguments (such as `--directory-url`) when given. */
export async function openApp(args: string[] = []): Promise<Browser> {
  if (!existsSync(APP_BINARY)) throw new Error(`${APP_BINARY} is missing: build it first (make e2e does)`);
  return remote({
    hostname: "127.0.0.1",
    port: DRIVER_PORT,
    logLevel: "warn",
    capabilities: {
      // @ts-expect-error: tauri-driver's own capability, unknown to webdriverio's types
      "tauri:options": { application: APP_BINARY, args },
      "wdio:enforceWebDriverClassic": true,
    },
  });
}

/** On failure: a screenshot of the window and a copy of the app's log, named for the test. */
export function keepEvidenceOnFailure(browser: () => Browser | undefined) {
  onTestFailed(async ({ task }) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const name = task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    const session = browser();
    if (session) {
      await session.saveScreenshot(join(ARTIFACTS, `${name}.png`)).catch((error: unknown) => {
        console.error(`could not save a screenshot: ${String(error)}`);
      });
    }
    if (existsSync(logDir())) {
      for (const file of readdirSync(logDir())) {
        copyFileSync(join(logDir(), file), join(ARTIFACTS, `${name}.${file}`));
      }
    }
    console.error(`evidence for "${task.name}" saved in ${ARTIFACTS}`);
  });
}
