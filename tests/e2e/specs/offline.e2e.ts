import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { type Browser, keepEvidenceOnFailure, openApp } from "../app";
import { type Directory, startDirectory } from "../directory";

let browser: Browser | undefined;
let directory: Directory | undefined;
const db = join(mkdtempSync(join(tmpdir(), "custodian-e2e-directory-")), "directory.sqlite");

async function app(): Promise<Browser> {
  if (!browser) throw new Error("the app did not open");
  return browser;
}

/** Waits for the status bar's sync text to satisfy `expected`; the element is looked up
 * afresh each time, as the status bar re-renders it. */
async function syncStatus(expected: (text: string) => boolean, timeout: number, what: string) {
  const b = await app();
  const text = () => b.$('[data-testid="sync-status"]').getText().catch(() => "");
  await b.waitUntil(async () => expected(await text()), { timeout, timeoutMsg: what });
  return text();
}

describe("a self-hosted directory that goes away and comes back", () => {
  beforeEach(() => keepEvidenceOnFailure(() => browser));
  afterAll(async () => {
    await browser?.deleteSession();
    await directory?.stop();
  });

  it("syncs from the directory named at launch", async () => {
    directory = await startDirectory(db);
    browser = await openApp(["--directory-url", directory.url, "--directory-org", directory.org]);
    await syncStatus((t) => t.startsWith("Synced"), 30_000, "the first sync did not finish");
    const connection = await browser.$('[data-testid="connection-status"]');
    expect(await connection.getText()).toContain(`Custodian Directory at ${directory.url}`);
  });

  it("says it is offline when the directory stops, and keeps every read working", async () => {
    const b = await app();
    await directory?.stop();
    await b.keys(["Control", "r"]);
    const text = await syncStatus((t) => t.startsWith("Offline"), 30_000, "the app never said it was offline");
    expect(text).toMatch(/^Offline, showing accounts as of /);

    await b.keys("/");
    await b.keys(["a"]);
    const count = await b.$('[data-testid="match-count"]');
    await count.waitUntil(async () => /^[\d,]+ of [\d,]+ accounts match$/.test(await count.getText()), {
      timeout: 10_000,
      timeoutMsg: "searching the cache stopped working offline",
    });
    await b.keys("Escape");
  });

  it("opens an account offline from the cache, and says as of when", async () => {
    const b = await app();
    const grid = await b.$('[role="grid"]');
    await grid.click();
    await b.keys(["Home", "Enter"]);
    const page = await b.$("section.account-page");
    await page.waitForExist({ timeout: 5_000 });
    const status = await page.$('[data-testid="refresh-status"]');
    await status.waitUntil(async () => (await status.getText()).startsWith("Offline: showing this account as of"), {
      timeout: 30_000,
      timeoutMsg: "the account page did not say it was offline",
    });
    expect(await page.getText()).toContain("Profile");
    await b.keys("Escape");
    await page.waitForExist({ reverse: true, timeout: 5_000 });
  });

  it("reconnects by itself when the directory is back, and says so", async () => {
    const url = new URL(directory?.url ?? "");
    directory = await startDirectory(db, url.host);
    await syncStatus((t) => t.startsWith("Back online"), 60_000, "the app did not reconnect by itself");
  });
});
