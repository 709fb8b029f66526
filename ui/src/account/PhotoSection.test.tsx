import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";

import type { Account } from "../bindings/Account";
import type { PhotoPreview } from "../bindings/PhotoPreview";
import { cachedDetails } from "../test/accountDetails";
import { APP_INFO, CONNECTED, mockCommands, renderApp, SYNCED } from "../test/renderApp";

const CARA: Account = {
  accountId: "cara-1",
  name: "Cara Diaz",
  publicName: "Cara",
  email: "cara@acme.com",
  jobTitle: null,
  department: null,
  organization: null,
  location: null,
  timeZone: null,
  locale: null,
  status: "active",
  managedBy: "invited",
  twoStepEnabled: true,
  productCount: 0,
  lastActive: null,
  addedToOrg: null,
};

const PREVIEW: PhotoPreview = {
  source: { format: "jpeg", width: 6000, height: 4000 },
  crop: { centerX: 0.5, centerY: 0.5, zoom: 1 },
  version: 1,
};

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1000 });
});

async function openCara(answers: Record<string, unknown>) {
  const calls = mockCommands({
    app_info: APP_INFO,
    connection_status: CONNECTED,
    sync_accounts: SYNCED,
    search_accounts: { total: 1, offset: 0, accounts: [CARA] },
    account_details: cachedDetails(CARA),
    refresh_account: cachedDetails(CARA),
    ...answers,
  });
  renderApp();
  const user = userEvent.setup();
  const grid = await screen.findByRole("grid", { name: "Managed accounts" });
  await within(grid).findByText("Cara Diaz");
  grid.focus();
  await user.keyboard("{Enter}");
  const page = await screen.findByRole("region", { name: "Cara Diaz" });
  return { calls, user, page };
}

describe("the account's photo", () => {
  it("previews a chosen image, moves it with the keys, and uploads it", async () => {
    const crops: unknown[] = [];
    const { calls, user, page } = await openCara({
      choose_photo: PREVIEW,
      crop_photo: ({ crop }: Record<string, unknown>) => {
        crops.push(crop);
        return { ...PREVIEW, crop, version: 2 };
      },
      upload_photo: { outcome: "applied", applied: { details: cachedDetails(CARA), refreshed: true } },
    });
    await user.click(within(page).getByRole("button", { name: "Change photo" }));
    const dialog = await screen.findByRole("dialog", { name: "New photo for Cara Diaz" });
    expect(within(dialog).getByText(/From a JPEG of 6000 × 4000 pixels/)).toBeTruthy();
    within(dialog).getByTestId("photo-preview").focus();
    await user.keyboard("{ArrowRight}");
    await waitFor(() => expect(crops).toEqual([{ centerX: 0.55, centerY: 0.5, zoom: 1 }]));
    await user.click(within(dialog).getByRole("button", { name: "Upload photo" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(calls).toContain("upload_photo");
  });

  it("says what a file really is when it is not an image, and uploads nothing", async () => {
    const { calls, user, page } = await openCara({
      choose_photo: { reject: { code: "invalidImage", message: "This is a PDF document, not a photo: choose a JPEG, PNG, GIF or WebP image." } },
    });
    await user.click(within(page).getByRole("button", { name: "Change photo" }));
    expect((await within(page).findByRole("alert")).textContent).toMatch(/^This is a PDF document, not a photo/);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(calls).not.toContain("upload_photo");
  });
});
