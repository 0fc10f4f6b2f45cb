import { defineConfig } from "@playwright/test";

// STEADY_E2E_PORT lets two runs (say, CI and a developer) share a machine.
const PORT = Number(process.env.STEADY_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  expect: { timeout: 7_000 },
  // Two workers on two cores: much of a test is waiting (for a page, a timer, a key derivation),
  // so two overlap well; the suite must stay well inside `make test`'s 30 minutes.
  // STEADY_E2E_WORKERS=1 runs one browser at a time.
  workers: Number(process.env.STEADY_E2E_WORKERS ?? 2),
  // One more try for a failed test, reported as "flaky" in the summary (one that fails twice fails
  // the run). CI twice failed a test here that passes on its own every time, only under the whole
  // suite's load on two cores (a split-off module or a catalog that never arrived, we think).
  // A flaky test named in the summary is still a bug to find.
  retries: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    serviceWorkers: "allow",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node scripts/serve-dist.mjs dist`,
    url: `http://127.0.0.1:${PORT}/`,
    env: { PORT: String(PORT) },
    reuseExistingServer: false,
  },
});
