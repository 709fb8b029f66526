// A connection to an Atlassian-shaped backend through Settings > Connections, in the real
// window: a Custodian Directory with its extensions off stands in for Atlassian Cloud
// (CUSTODIAN_ATLASSIAN_API_URL points the run's Atlassian connections at it). What
// Atlassian's public API cannot do is offered as a way to Atlassian Administration.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ATLASSIAN_STAND_IN, type Browser, DIRECTORY_KEY, keepEvidenceOnFailure, openApp } from "../app";
import * as page from "../page";
import { api, type Directory, startDirectory } from "../directory";

let browser: Browser | undefined;
let directory: Directory | undefined;
const NAME = "Northwind on Atlassian";
const db = join(mkdtempSync(join(tmpdir(), "custodian-e2e-atlassian-")), "directory.sqlite");

function app(): Browser {
  if (!browser) throw new Error("the app did not open");
  return browser;
}

async function text(selector: string): Promise<string> {
  return page.text(app(), selector);
}

async function waitForText(selector: string, expected: (t: string) => boolean, what: string, timeout = 15_000) {
  return page.waitForText(app(), selector, expected, what, timeout);
}

/** The input of the field labelled `label` inside `scope`. */
function field(scope: string, label: string) {
  return app().$(scope).$(`.//label[span[normalize-space()="${label}"]]//input | .//label[normalize-space()="${label}"]/following-sibling::input`);
}

describe("an Atlassian Cloud connection", () => {
  beforeEach(() => keepEvidenceOnFailure(() => browser));
  beforeAll(async () => {
    directory = await startDirectory(db, ATLASSIAN_STAND_IN, { extensions: false });
    browser = await openApp();
    await waitForText('[data-testid="sync-status"]', (t) => t.startsWith("Synced"), "the demo's first sync did not finish", 60_000);
  });
  afterAll(async () => {
    await browser?.deleteSession();
    await directory?.stop();
  });

  it("is added in Settings > Connections after a test that reads the organization", async () => {
    const b = app();
    await b.keys(["Control", ","]);
    const add = b.$("button=Add connection…");
    await add.waitForClickable({ timeout: 10_000 });
    await add.click();
    const dialog = '[role="dialog"]';
    await b.$(dialog).$("span=Atlassian Cloud").click();
    await field(dialog, "Name").setValue(NAME);
    await field(dialog, "Organization ID").setValue((directory as Directory).org);
    await b.$(dialog).$('input[type="password"]').setValue(DIRECTORY_KEY);
    await b.$(dialog).$("button=Test").click();
    const result = await waitForText('[data-testid="connection-test"]', (t) => t.includes("Northwind"), "the test did not read the organization");
    expect(result).toContain("Not available");
    await b.$(dialog).$("button=Save").click();
    await b.$(dialog).waitForExist({ reverse: true, timeout: 15_000 });
    // The key went to the keychain (here: memory), not back to the window.
    expect(await b.execute(() => document.body.innerHTML.includes("e2e-directory-admin-key"))).toBe(false);
  });

  it("is put in use, and its accounts are synced into a cache of their own", async () => {
    const b = app();
    const use = b.$(`button[aria-label="Use ${NAME}"]`);
    await use.waitForClickable({ timeout: 10_000 });
    await use.click();
    await waitForText('[data-testid="connection-status"]', (t) => t.includes(NAME), "the status bar does not name the connection");
    await waitForText('[data-testid="sync-status"]', (t) => t.startsWith("Synced"), "the connection was not synced", 60_000);
  });

  it("offers what Atlassian's API cannot do as a way to Atlassian Administration, and does the rest", async () => {
    const b = app();
    await b.keys(["Control", "1"]);
    const grid = await b.$('[role="grid"]');
    await grid.waitForExist({ timeout: 10_000 });
    await grid.click();
    await b.keys(["Home", "Enter"]);
    await waitForText('[data-testid="refresh-status"]', (t) => t === "Refreshed just now", "the account page was not refreshed", 20_000);
    const devices = 'section[aria-labelledby="devices-title"]';
    const note = await waitForText(devices, (t) => t.includes("Not available through Atlassian's public API"), "devices are not shown as unavailable");
    expect(note).toContain("Open in Atlassian Administration");
    expect(await b.$(devices).$("button=Log out").isExisting()).toBe(false);
    expect(await b.$("button=Change photo").isExisting()).toBe(false);

    // A change Atlassian's API does have goes through.
    const profile = 'section[aria-labelledby="profile-title"]';
    await b.$(profile).$("button=Edit profile").click();
    await b.$("#profile-jobTitle").setValue("Edited through the public API");
    await b.$(profile).$("button=Save 1 change").click();
    await waitForText(profile, (t) => t.includes("Edited through the public API") && !t.includes("Save"), "the edit did not show");
    const email = await text(".account-page__email");
    const found = await api<{ data: { email: string; jobTitle?: string }[] }>(
      directory as Directory,
      `/admin/v2/orgs/${(directory as Directory).org}/directories/-/users/search`,
      { emails: [email], limit: 1 },
    );
    expect(found.data[0]?.jobTitle).toBe("Edited through the public API");
  });
});
