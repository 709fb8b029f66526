import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The Tauri window loads ui/dist (bundled into the binary) or, with `make dev`, this
// dev server. Nothing is fetched from elsewhere: the CSP allows only 'self'.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  // fs.allow: the logo is the app icon itself, in ../icons.
  server: { port: 5173, strictPort: true, fs: { allow: [".."] } },
  build: {
    target: "safari16",
    minify: true,
    sourcemap: false,
    // No inline <script> or data: URLs, which the CSP would refuse.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
  },
});
