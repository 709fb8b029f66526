import { describe, expect, it } from "vitest";

import { viewForShortcut } from "./views";

const key = (k: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("viewForShortcut", () => {
  it("maps Ctrl and Cmd shortcuts to views", () => {
    expect(viewForShortcut(key("1", { ctrlKey: true }))).toBe("accounts");
    expect(viewForShortcut(key("2", { metaKey: true }))).toBe("overview");
    expect(viewForShortcut(key("3", { ctrlKey: true }))).toBe("domains");
    expect(viewForShortcut(key(",", { ctrlKey: true }))).toBe("settings");
  });

  it("ignores plain keys and other modifier combinations", () => {
    expect(viewForShortcut(key("1"))).toBeNull();
    expect(viewForShortcut(key("1", { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(viewForShortcut(key("1", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(viewForShortcut(key("9", { ctrlKey: true }))).toBeNull();
  });
});
