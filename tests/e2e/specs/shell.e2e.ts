import { readFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { appHome, type Browser, keepEvidenceOnFailure, openApp, ROOT } from "../app";

const cargoVersion = /^version = "(.+)"$/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))?.[1];

let browser: Browser | undefined;

async function app(): Promise<Browser> {
  if (!browser) throw new Error("the app did not open");
  return browser;
}

async function heading(): Promise<string> {
  const h1 = await (await app()).$("main h1");
  await h1.waitForExist({ timeout: 10_000 });
  return h1.getText();
}

async function navigateTo(label: string) {
  const button = await (await app()).$(`nav[aria-label="Main"] button[title^="${label}"]`);
  await button.click();
}

describe("the Custodian window", () => {
  beforeAll(async () => {
    browser = await openApp();
  });
  afterAll(async () => {
    await browser?.deleteSession();
  });
  beforeEach(() => keepEvidenceOnFailure(() => browser));

  it("is titled Custodian and opens on Managed accounts", async () => {
    expect(await (await app()).getTitle()).toBe("Custodian");
    expect(await heading()).toBe("Managed accounts");
  });

  it("navigates between the views", async () => {
    for (const label of ["Overview", "Domains", "Activity", "Settings", "Managed accounts"]) {
      await navigateTo(label);
      await (await app()).waitUntil(async () => (await heading()) === label, {
        timeout: 5_000,
        timeoutMsg: `the ${label} view did not open`,
      });
    }
  });

  it("switches views with the keyboard", async () => {
    const browser = await app();
    await browser.keys(["Control", "3"]);
    await browser.waitUntil(async () => (await heading()) === "Domains", { timeout: 5_000 });
    await browser.keys(["Control", "1"]);
    await browser.waitUntil(async () => (await heading()) === "Managed accounts", { timeout: 5_000 });
  });

  it("shows the answer of a Rust command: the connection in the status bar", async () => {
    const status = await (await app()).$('[data-testid="connection-status"]');
    await status.waitUntil(async () => (await status.getText()).includes("Demo directory"), {
      timeout: 10_000,
      timeoutMsg: "the status bar never showed the connection reported by Rust",
    });
  });

  it("shows where this run keeps its data, as Rust reports it", async () => {
    await navigateTo("Settings");
    const about = await (await app()).$('[data-testid="about"]');
    await about.waitForExist({ timeout: 10_000 });
    const text = await about.getText();
    expect(text).toContain(`Custodian ${cargoVersion}`);
    // The folder is this run's temporary home: only the Rust side can know it.
    expect(text).toContain(join(appHome(), "data", "io.custodian.desktop"));
  });
});
