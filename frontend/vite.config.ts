/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  server: {
    // `npm run dev`: the backend (make dev / make run) answers /api on port 8080.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  build: {
    // Sizes are checked by scripts/bundle-size.mjs against the budget.
    chunkSizeWarningLimit: 1000,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
  },
});
