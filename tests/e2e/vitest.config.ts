import { defineConfig } from "vitest/config";

// One app window at a time: the specs share tauri-driver and the display.
export default defineConfig({
  test: {
    include: ["specs/**/*.e2e.ts"],
    globalSetup: ["./driver.ts"],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    passWithNoTests: false,
  },
});
