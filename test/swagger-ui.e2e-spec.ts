import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

import { Browser, chromium, Page } from 'playwright-core';

import { demoUser } from './support/auth';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Swagger UI as an API consumer uses it: a real browser against a real listener, under the CSP the
 * app sends. Opens /docs, signs in through Authorize (the OAuth2 password flow against
 * POST /api/v1/auth/token, with the seeded admin), runs "Try it out" on GET /api/v1/tags and reads
 * the live response.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const STEP_TIMEOUT_MS = 8_000;

describe('Swagger UI (e2e, Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  /** Console errors and uncaught page errors, CSP violations among them. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with \`apt-get install chromium\` ` +
          '(or set CHROMIUM_PATH to a Chromium binary).',
      );
    }
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`page: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders /docs with the tags operations', async () => {
    const response = await page.goto(`${baseUrl}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .info .title').getByText('Quorum API').waitFor();
    await page.getByText('List tags', { exact: true }).waitFor();
    await page.getByText('Create a tag', { exact: true }).waitFor();
  });

  it('signs in with Authorize: OAuth2 password flow with a demo user', async () => {
    const admin = demoUser('admin');
    await page.locator('.swagger-ui .auth-wrapper .authorize').first().click();
    const dialog = page.locator('.swagger-ui .dialog-ux .modal-ux');
    await dialog.waitFor();
    const oauth2 = dialog
      .locator('.auth-container')
      .filter({ has: page.locator('#oauth_username') });
    await oauth2.locator('#oauth_username').fill(admin.email);
    await oauth2.locator('#oauth_password').fill(admin.password);
    const token = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/token'));
    await oauth2.locator('button.authorize').click();
    expect((await token).status()).toBe(200);
    await dialog.locator('button', { hasText: 'Logout' }).first().waitFor();
    await dialog.locator('button.close-modal').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('runs "Try it out" on GET /api/v1/tags and shows a 200 in the envelope', async () => {
    const operation = page.locator('#operations-tags-Tags_list');
    await operation.locator('.opblock-summary').first().click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();

    const live = operation.locator('.live-responses-table');
    const status = live.locator('tbody .response .response-col_status').first();
    await status.waitFor();
    expect((await status.innerText()).trim()).toBe('200');

    const body = live.locator('.response-col_description pre').first();
    await body.waitFor();
    const text = await body.innerText();
    expect(text).toContain('"is_error": false');
    expect(text).toContain('"items"');
    expect(await operation.locator('.request-url').innerText()).toContain(`${baseUrl}/api/v1/tags`);
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
