import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Browser tests start their own server and chromium, and test/ops starts real servers; give them
    // room on a 2-core machine that other work shares (at load 30 one browser test took 35 s).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
