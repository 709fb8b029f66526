import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";

import { BackendError } from "./Backend";
import { tauriBackend } from "./tauriBackend";

describe("BackendError", () => {
  it("keeps the code and message of a wire error", () => {
    const error = BackendError.from({ code: "unverifiedDomain", message: "example.org is not verified" });
    expect(error.code).toBe("unverifiedDomain");
    expect(error.message).toBe("example.org is not verified");
  });

  it("treats anything else as internal, never guessing from text", () => {
    expect(BackendError.from("offline").code).toBe("internal");
    expect(BackendError.from({ code: "madeUp", message: "x" }).code).toBe("internal");
    expect(BackendError.from(new Error("boom")).code).toBe("internal");
    expect(BackendError.from(null).code).toBe("internal");
  });
});

describe("tauriBackend", () => {
  it("calls the Rust command by name and returns its answer", async () => {
    mockIPC((command) => (command === "connection_status" ? { state: "notConfigured" } : null));
    await expect(tauriBackend.connectionStatus()).resolves.toEqual({ state: "notConfigured" });
  });

  it("rejects with a BackendError carrying the wire code", async () => {
    mockIPC(() => {
      throw { code: "notPermitted", message: "The API key is not an organization admin's" };
    });
    const failure = await tauriBackend.appInfo().catch((reason: unknown) => reason);
    expect(failure).toBeInstanceOf(BackendError);
    expect((failure as BackendError).code).toBe("notPermitted");
  });
});
