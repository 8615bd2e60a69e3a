import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * E2e against the built widget. By default the suite starts the stand-in (which also serves dist/ and
 * the host pages) on PORT; set RC_URL (+ RC_AGENT_USER / RC_AGENT_PASSWORD) to drive a real Rocket.Chat.
 * Host pages are opened on http://site.test:PORT so every call the widget makes is cross-origin.
 */
const PORT = Number(process.env.E2E_PORT ?? 5174);
const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]]
    : [['list']],
  use: {
    baseURL: `http://site.test:${PORT}`,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node --import tsx src/server/main.ts --port ${PORT} --profile test --static dist --smtp-catcher 0`,
    url: `http://127.0.0.1:${PORT}/api/info`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          // Map the fake customer hosts to loopback and refuse everything else: no traffic leaves the machine.
          args: ['--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
        },
      },
    },
  ],
});
