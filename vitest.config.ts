import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Browser tests start their own server and chromium; give them room on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
