// Profile photos through the real window: a real file dropped on an account, delivered as
// the event an OS drop produces (with the file's real path), previewed, uploaded, and seen
// in the list; a file that is not an image is refused with its real kind named.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ARTIFACTS, type Browser, keepEvidenceOnFailure, openApp } from "../app";
import { type Directory, everydayAccount, startDirectory } from "../directory";
import { writePng } from "../png";

let browser: Browser | undefined;
let directory: Directory | undefined;
let target = { accountId: "", name: "", email: "" };
const folder = mkdtempSync(join(tmpdir(), "custodian-e2e-photos-"));
const db = join(folder, "directory.sqlite");
const photo = join(folder, "portrait.png");
const notAnImage = join(folder, "holiday.jpg");

function app(): Browser {
  if (!browser) throw new Error("the app did not open");
  return browser;
}

/** What the OS drop produces: the window's drag events, with real paths, at (x, y). */
async function dropFile(path: string, x: number, y: number) {
  await app().execute(
    async (file: string, px: number, py: number) => {
      const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke(cmd: string, args: unknown): Promise<unknown> } })
        .__TAURI_INTERNALS__;
      const position = { x: px * window.devicePixelRatio, y: py * window.devicePixelRatio };
      await internals.invoke("plugin:event|emit", { event: "tauri://drag-enter", payload: { paths: [file], position } });
      await internals.invoke("plugin:event|emit", { event: "tauri://drag-over", payload: { position } });
      await internals.invoke("plugin:event|emit", { event: "tauri://drag-drop", payload: { paths: [file], position } });
    },
    path,
    x,
    y,
  );
}

/** The natural width of an image once loaded; 0 while it is not (or failed). */
async function loadedWidth(selector: string): Promise<number> {
  return app().execute((css: string) => {
    const image = document.querySelector<HTMLImageElement>(css);
    return image?.complete ? image.naturalWidth : 0;
  }, selector);
}

async function rowCentre(): Promise<{ x: number; y: number }> {
  return app().execute((id: string) => {
    const row = document.querySelector(`[data-account-id="${id}"]`);
    if (!row) return { x: -1, y: -1 };
    const box = row.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, target.accountId);
}

describe("profile photos, dropped on an account", () => {
  beforeEach(() => keepEvidenceOnFailure(() => browser));
  beforeAll(async () => {
    writePng(photo, 900, 1200);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(notAnImage, "Dear team, the photos from the holiday are attached.\n");
    directory = await startDirectory(db);
    const found = await everydayAccount(directory);
    target = { accountId: found.accountId, name: found.name, email: found.email };
    browser = await openApp(["--directory-url", directory.url, "--directory-org", directory.org]);
    const b = app();
    await b.waitUntil(async () => (await b.$('[data-testid="sync-status"]').getText().catch(() => "")).startsWith("Synced"), {
      timeout: 30_000,
      timeoutMsg: "the first sync did not finish",
    });
    const search = await b.$('[data-view="accounts"] input[type="search"]');
    await search.setValue(target.email);
    await b.$(`[data-account-id="${target.accountId}"]`).waitForExist({ timeout: 10_000 });
  });
  afterAll(async () => {
    await browser?.deleteSession();
    await directory?.stop();
  });

  it("refuses a text file named .jpg, saying what it is", async () => {
    const { x, y } = await rowCentre();
    await dropFile(notAnImage, x, y);
    const error = await app().$(".accounts__photo-error");
    await error.waitForExist({ timeout: 10_000 });
    expect(await error.getText()).toContain("This is a text file, not a photo");
    await error.$("button=Dismiss").click();
  });

  it("previews a dropped photo, uploads it and shows it in the list", async () => {
    const b = app();
    const rowAvatar = `[data-account-id="${target.accountId}"] img.avatar`;
    await b.saveScreenshot(join(ARTIFACTS, "photo-before.png"));
    const { x, y } = await rowCentre();
    await dropFile(photo, x, y);

    const dialog = await b.$('[role="dialog"]');
    await dialog.waitForExist({ timeout: 10_000 });
    expect(await dialog.getText()).toContain(`New photo for ${target.name}`);
    expect(await dialog.getText()).toContain("From a PNG of 900 × 1200 pixels");
    await b.waitUntil(async () => (await loadedWidth('[data-testid="photo-preview"]')) === 512, {
      timeout: 10_000,
      timeoutMsg: "the 512 × 512 preview did not load",
    });
    await dialog.$("button=Upload photo").click();
    await dialog.waitForExist({ reverse: true, timeout: 15_000 });

    await b.waitUntil(async () => (await loadedWidth(rowAvatar)) === 64, {
      timeout: 10_000,
      timeoutMsg: "the list does not show the new photo",
    });
    await b.saveScreenshot(join(ARTIFACTS, "photo-after.png"));
  });

  it("takes a photo dropped anywhere on the account's page", async () => {
    const b = app();
    await b.$(`[data-account-id="${target.accountId}"]`).doubleClick();
    await b.$("section.account-page").waitForExist({ timeout: 5_000 });
    await b.waitUntil(async () => (await b.$('[data-testid="refresh-status"]').getText()) === "Refreshed just now", {
      timeout: 10_000,
    });
    await dropFile(photo, 700, 400);
    const dialog = await b.$('[role="dialog"]');
    await dialog.waitForExist({ timeout: 10_000 });
    await dialog.$("button=Upload photo").click();
    await dialog.waitForExist({ reverse: true, timeout: 15_000 });
    await b.waitUntil(async () => (await loadedWidth(".account-page__identity img.avatar")) === 512, {
      timeout: 10_000,
      timeoutMsg: "the page does not show the photo",
    });
    const activity = await b.execute(() => document.body.textContent ?? "");
    expect(activity).not.toContain("could not");
  });
});
