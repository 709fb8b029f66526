import { defineConfig } from "vitest/config";

// The timings in the real window (scripts/bench-first-rows.sh runs them), apart from the
// tests: they want a release build and a home whose cache is already full.
export default defineConfig({
  test: {
    include: ["bench/**/*.bench-e2e.ts"],
    globalSetup: ["./driver.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    passWithNoTests: false,
  },
});
