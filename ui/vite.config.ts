import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The window runs on Preact's React-compatible core: the same components and
// hooks, a tenth of React DOM's code to load and evaluate at start-up (the
// cold-start budget in docs/DECISIONS.md). Tests run on it too, so what is
// tested is what ships.
const preact = {
  "react-dom/test-utils": "preact/test-utils",
  "react-dom/client": "preact/compat/client",
  "react-dom": "preact/compat",
  "react/jsx-runtime": "preact/jsx-runtime",
  "react/jsx-dev-runtime": "preact/jsx-dev-runtime",
  react: "preact/compat",
};

// The test and benchmark hooks (src/test-hooks.d.ts) are built in only with
// AMICUS_TEST_HOOKS=1, as `make e2e`, `make screenshots` and `make bench` do;
// without it they are compiled out, and the empty page of the benchmarks'
// baseline window (test-hooks/) is not copied into dist.
const testHooks = process.env.AMICUS_TEST_HOOKS === "1";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: preact },
  define: { __TEST_HOOKS__: JSON.stringify(testHooks) },
  publicDir: testHooks ? "test-hooks" : false,
  // Tauri serves the built files itself; relative paths keep them portable.
  base: "./",
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari16", outDir: "dist", emptyOutDir: true },
  test: {
    environment: "happy-dom",
    globals: true,
    include: ["src/**/*.test.{ts,tsx}"],
    // Libraries that import React go through the alias too, rather than
    // loading React itself from node_modules.
    // (Testing Library's CommonJS build would require React DOM directly.)
    alias: {
      "@testing-library/react": "@testing-library/react/dist/@testing-library/react.esm.js",
    },
    server: { deps: { inline: ["@testing-library/react", "@tanstack/react-query"] } },
  },
});
