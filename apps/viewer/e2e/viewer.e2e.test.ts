import type { RunPage } from '@kindred/contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, launchBrowser, screenshot, startApi, waitFor, type RunningApi } from './harness.js';

/** Waits until the what-if page shows the update after `revision`. */
async function nextWhatIfUpdate(p: Page, revision: string | null) {
  await p.waitForFunction(
    (prev) => document.querySelector('[data-testid=what-if-elapsed]')?.getAttribute('data-revision') !== prev,
    revision,
  );
}

/** Waits for the what-if figures, failing with the page's error message if one shows instead. */
async function whatIfUpdated(p: Page, timeout = 60_000) {
  const elapsed = p.getByTestId('what-if-elapsed');
  const alert = p.getByRole('alert');
  await elapsed.or(alert).first().waitFor({ timeout });
  if (await alert.isVisible()) throw new Error(`The what-if page shows an error: ${await alert.textContent()}`);
  return elapsed;
}

let api: RunningApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let acmeSegmentId = '';
/** How many accounts the demo holds, as the page formats it (en-US in headless Chromium). */
let demoAccounts = '';

const pageErrors: string[] = [];

beforeAll(async () => {
  // Browser first: without Chromium there is nothing to test, and the message says why.
  browser = await launchBrowser();
  api = await startApi();
  // The demo's first run clusters the accounts; the pages show its results.
  const latestRun = async () => (await apiGet<RunPage>(api, '/v1/runs?limit=1')).items[0];
  await waitFor(async () => ['succeeded', 'failed'].includes((await latestRun())?.status ?? ''), 90_000, 'the first run of the demo data');
  const first = await latestRun();
  if (first?.status !== 'succeeded') throw new Error(`The demo's first run failed: ${first?.message}`);
  demoAccounts = new Intl.NumberFormat('en-US').format((await apiGet<{ total: number }>(api, '/v1/accounts?limit=1')).total);
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.stop();
});

describe('viewer against the real API', () => {
  it('signs in with an API key and shows the organisation and the accounts', async () => {
    await page.goto(`${api.url}/accounts`);
    await page.waitForURL(/\/sign-in\?next=%2Faccounts/);
    await screenshot(page, '01-sign-in');
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('unknown or revoked');

    await page.getByLabel('API key').fill(api.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/accounts$/);
    expect(await page.getByLabel('Organisation').textContent()).toBe('Demo');
    await page.getByRole('link', { name: 'Acme Consulting Service' }).waitFor();
    expect(await page.getByText(`${demoAccounts} accounts`, { exact: true }).count()).toBe(1);
    // Virtualised: far fewer rows in the DOM than accounts.
    expect(await page.getByRole('row').count()).toBeLessThan(100);
    await screenshot(page, '02-accounts');

    await page.getByLabel('Search name or domain').fill('acme');
    await page.getByText(/^5 accounts$/).waitFor();
    expect(page.url()).toContain('q=acme');
    await page.getByLabel('Industry').fill('Software');
    await page.getByText(/^2 accounts$/).waitFor();
    expect(page.url()).toContain('industry=Software');
  });

  it('opens account 1 and lists accounts 2–5 in its Related Accounts tab with reasons', async () => {
    await page.goto(`${api.url}/accounts/1`);
    await page.getByRole('heading', { name: 'Acme', exact: true }).waitFor();
    await screenshot(page, '03-account-profile');
    await page.getByRole('link', { name: 'Related Accounts' }).click();
    await page.waitForURL(/\/accounts\/1\/related$/);
    const table = page.getByRole('table');
    await table.waitFor();
    const ids = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account-id')));
    expect(ids.sort()).toEqual(['2', '3', '4', '5']);
    const row4 = table.locator('tr[data-account-id="4"]');
    expect(await row4.textContent()).toContain('Acme Consulting Service');
    expect(await row4.getByRole('list', { name: 'Why related' }).textContent()).toContain('acme.com');
    expect(await table.locator('tr[data-account-id="2"]').getByText('Same business').count()).toBe(1);
    // The group graph draws the account and its four related accounts.
    await page.locator('.react-flow__node').first().waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(5);
    await screenshot(page, '04-related-accounts');

    // The tier filter lives in the URL and narrows the list.
    // (The box reflects the URL, which updates just after the click.)
    await page.getByRole('checkbox', { name: 'Same business' }).click();
    await page.waitForURL(/tier=same/);
    await expect.poll(() => page.getByRole('checkbox', { name: 'Same business' }).isChecked()).toBe(true);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);

    // A steward's verdict is recorded as an override.
    await page.getByRole('button', { name: 'Mark Acme Inc as not related' }).click();
    await page.getByText('Recorded: not related').waitFor();
    const overrides = await apiGet<{ items: { id: string; a: string; b: string; kind: string }[] }>(api, '/v1/overrides');
    const recorded = overrides.items.find((o) => [o.a, o.b].sort().join() === '1,3');
    expect(recorded?.kind).toBe('cannot-link');
    // Leave the data as the demo has it for the pages tested next.
    const removed = await fetch(`${api.url}/v1/overrides/${recorded!.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${api.key}` } });
    expect(removed.status).toBe(204);
  });

  it('builds the Acme segment and its reach grows when related accounts are included', async () => {
    await page.goto(`${api.url}/segments`);
    await page.getByRole('heading', { name: 'Segments', exact: true }).waitFor();
    const first = page.getByRole('group', { name: 'Condition 1' });
    await first.getByLabel('Value').fill('Software');
    await page.getByRole('button', { name: 'Add condition' }).click();
    const second = page.getByRole('group', { name: 'Condition 2' });
    await second.getByLabel('Field').fill('open_opportunity_over_1m');
    await second.getByLabel('Value').fill('true');
    const reach = page.getByTestId('reach');
    const figure = (label: string) => reach.getByText(label, { exact: true }).locator('xpath=following-sibling::dd');
    await page.waitForFunction(() => document.querySelector('[data-testid=reach]')?.getAttribute('aria-busy') === 'false');
    await expect(figure('Matched directly').textContent()).resolves.toBe('1');
    await expect(figure('Total reach').textContent()).resolves.toBe('1');
    await screenshot(page, '05-segment-direct');

    await page.getByRole('switch', { name: 'Include related accounts' }).check();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=reach]')?.getAttribute('aria-busy') === 'false' &&
        document.querySelectorAll('[aria-label="Segment members"] tbody tr').length > 1,
    );
    await expect(figure('Matched directly').textContent()).resolves.toBe('1');
    const related = Number(await figure('Added through related accounts').textContent());
    expect(related).toBeGreaterThanOrEqual(3);
    const members = page.getByRole('region', { name: 'Segment members' });
    const memberIds = await members.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account-id')));
    expect(memberIds).toEqual(expect.arrayContaining(['2', '1', '4', '5']));
    expect(await members.locator('tr[data-account-id="1"]').textContent()).toContain('Through related');
    await screenshot(page, '06-segment-with-related');

    await page.getByLabel('Segment name').fill('Acme software with open opportunity');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL(/\/segments\/[^/]+$/);
    acmeSegmentId = page.url().split('/').pop()!;
    await page.reload();
    await page.getByRole('heading', { name: 'Acme software with open opportunity' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Include related accounts' }).isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Condition 2' }).getByLabel('Field').inputValue()).toBe('open_opportunity_over_1m');
    await page.getByTestId('reach').waitFor();
    await screenshot(page, '06b-segment-saved');
  });

  it('reclusters in the browser when a what-if slider moves, and shows what changed', async () => {
    await page.goto(`${api.url}/what-if?scope=sample&size=5000&tier=related`);
    const elapsed = await whatIfUpdated(page);
    await expect(page.getByTestId('what-if-loaded').textContent()).resolves.toContain(`${demoAccounts} accounts prepared`);
    const moved = () => page.getByTestId('what-if-changes').getByText('Accounts moved', { exact: true }).locator('xpath=following-sibling::dd').textContent();
    // Unchanged settings: the same groups as the current run's settings.
    await expect(moved()).resolves.toBe('0');
    const revision = await elapsed.getAttribute('data-revision');

    // Keyboard: focus the slider, move it to its minimum, release the key.
    const slider = page.getByRole('slider', { name: 'Related: distance up to' });
    await slider.focus();
    await page.keyboard.press('Home');
    await nextWhatIfUpdate(page, revision);
    expect(Number((await moved())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    const ms = Number(await elapsed.getAttribute('data-elapsed-ms'));
    expect(ms).toBeGreaterThan(0);
    // Every tier's groups, before → after.
    expect(await page.locator('.what-if-results tr[data-tier]').count()).toBe(3);
    await screenshot(page, '07-what-if');
  });

  it("compares a segment's reach before and after, on account 1's neighbourhood", async () => {
    expect(acmeSegmentId).not.toBe('');
    await page.goto(`${api.url}/what-if?scope=account&account=1&reach=${acmeSegmentId}&tier=related`);
    const elapsed = await whatIfUpdated(page);
    await expect(page.getByTestId('what-if-loaded').textContent()).resolves.toMatch(/^5 accounts prepared/);
    const reach = () =>
      page.getByTestId('what-if-changes').getByText('Segment reach (total)', { exact: true }).locator('xpath=following-sibling::dd').textContent();
    // Unchanged settings: account 2 directly, 1, 3, 4 and 5 through related accounts.
    const total = (text: string | null, side: 0 | 1) => Number(text?.split('→')[side]?.match(/\d+/)?.[0]);
    const initial = await reach();
    expect(total(initial, 0)).toBe(5);
    expect(total(initial, 1)).toBe(5);
    const revision = await elapsed.getAttribute('data-revision');
    const slider = page.getByRole('slider', { name: 'Related: distance up to' });
    await slider.focus();
    await page.keyboard.press('Home');
    await nextWhatIfUpdate(page, revision);
    // No tier holds any pair at distance 0 but the exact duplicates: the reach shrinks.
    expect(total(await reach(), 1)).toBeLessThan(total(initial, 0));
    await screenshot(page, '08-what-if-neighbourhood');
  });

  it('takes a saved segment, with its related accounts, as the what-if scope', async () => {
    await page.goto(`${api.url}/segments/${acmeSegmentId}`);
    await page.getByRole('link', { name: 'What-if for this segment' }).click();
    await page.waitForURL(/\/what-if\?scope=segment&segment=/);
    await whatIfUpdated(page);
    // Account 2 matches; 1, 3, 4 and 5 are related to it.
    await expect(page.getByTestId('what-if-loaded').textContent()).resolves.toMatch(/^5 accounts prepared/);
    expect(await page.getByRole('radio', { name: 'Saved segment' }).isChecked()).toBe(true);
  });

  it('starts a run and follows it to the end', async () => {
    await page.goto(`${api.url}/runs`);
    const start = page.getByRole('button', { name: 'Start a run' });
    await start.waitFor();
    // The failures-only toggle keeps the failed runs in chart and list.
    const caption = page.getByRole('figure', { name: /Runs per day/ }).locator('figcaption');
    expect(await caption.textContent()).toMatch(/runs in the last 90 days/);
    await page.getByRole('checkbox', { name: 'Failures only' }).check();
    expect(await caption.textContent()).toMatch(/failed runs in the last 90 days/);
    await page.getByRole('checkbox', { name: 'Failures only' }).uncheck();
    await screenshot(page, '09-runs');
    await start.click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    const runId = page.url().split('/').pop()!;
    // Live progress while it runs, then the finished run's metrics.
    const heading = new RegExp(`Run ${runId.slice(0, 8)}`);
    await page.getByRole('heading', { name: heading }).waitFor();
    await page.getByRole('heading', { name: new RegExp(`${heading.source}.*succeeded`) }).waitFor({ timeout: 90_000 });
    const card = page.getByRole('article');
    expect(await card.getByText('Total account profiles').locator('xpath=following-sibling::dd').textContent()).toBe(demoAccounts);
    // Its change log: the groups it changed, or that none changed.
    await page.getByRole('heading', { name: /Merged/ }).or(page.getByText('No group changed in this run.')).waitFor();
    await screenshot(page, '10-run-finished');
    expect(await start.isEnabled()).toBe(true);
  });

  it('works at tablet width and raised no page errors', async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.goto(`${api.url}/accounts/1/related`);
    await page.getByRole('table').waitFor();
    await screenshot(page, '11-related-tablet');
    expect(pageErrors).toEqual([]);
  });
});
