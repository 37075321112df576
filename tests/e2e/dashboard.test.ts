// The dashboard in a real browser (Debian's chromium, headless) against the API over the real
// embedded store holding a day of varied mentions: sign in, charts drawn with data, filters that
// change the view, no script errors or CSP violations, and screenshots in test-output/.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/index.js';
import { openStore, type Store } from '../../store/index.js';
import { demoMentions } from '../api/demo-data.js';
import type { FastifyInstance } from 'fastify';

// Code passed to page.evaluate runs in the browser; these module-local names keep the DOM lib
// out of the project's (Node) type checking.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
type HTMLCanvasElement = any;

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'e2e-token-0123456789abcdef';
const OUT = join(process.cwd(), 'test-output');
const skip = !existsSync(CHROMIUM);
if (skip) console.warn(`dashboard e2e skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

interface ChartSummary {
  canvas: string;
  type: string;
  datasets: { label: string; points: number; nonZero: number; sum: number }[];
  labels: number;
}

describe.skipIf(skip)('dashboard in chromium', () => {
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  const problems: string[] = [];
  // Two days, so the last 24 hours have the day before as the baseline for rising topics; a
  // gap around the 24-hour boundary keeps "last 24 hours" the same set while the test runs.
  const lastDay = demoMentions({ until: new Date(), hours: 23.9, count: 3_000, spikeHours: 3, seed: 7 });
  const dayBefore = demoMentions({ until: new Date(Date.now() - 24.1 * 3_600_000), hours: 23.9, count: 3_000, seed: 8, startId: 100_000 });
  const data = [...lastDay, ...dayBefore];
  const count = (brand: string, rows = lastDay) => rows.filter((m) => m.raw.brand === brand).length;

  beforeAll(async () => {
    store = await openStore({ kind: 'embedded', path: mkdtempSync(join(tmpdir(), 'earshot-e2e-')), writer: { batchSize: 1000, flushInterval: 1000, maxRetryDelay: 1000 } });
    await store.migrate();
    await store.insertMentions(data);
    await store.saveAlert({
      id: 'spike-1', rule: 'negative-spike', brand: 'acme', topic: 'billing', status: 'open', startedAt: new Date(Date.now() - 2 * 3_600_000), endedAt: null,
      observed: 120, expected: 20, score: 7.5, payload: { terms: ['refund', 'charged twice'] }, delivery: {},
    });
    app = await buildApi({
      store,
      tokens: [TOKEN],
      config: {
        brands: [
          { id: 'acme', name: 'Acme', aliases: [], queries: [], exclude: [] },
          { id: 'globex', name: 'Globex', aliases: [], queries: [], exclude: [] },
        ],
        taxonomy: { topics: [{ id: 'billing', label: 'Billing', phrases: ['bill'], exclude: [] }, { id: 'delivery', label: 'Delivery', phrases: ['parcel'], exclude: [] }] },
      },
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    mkdirSync(OUT, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  /** Waits until a refresh newer than `after` has finished drawing. */
  async function refreshed(after: number): Promise<number> {
    await page.waitForFunction((n) => document.body.dataset.loading === 'false' && Number(document.body.dataset.refreshed ?? 0) > n, after, { timeout: 20_000 });
    return Number(await page.evaluate(() => document.body.dataset.refreshed));
  }

  const charts = () =>
    page.evaluate(() => {
      const C = (window as unknown as { Chart: { instances: Record<string, { canvas: HTMLCanvasElement; config: { type: string }; data: { labels: unknown[]; datasets: { label: string; data: (number | null)[] }[] } }> } }).Chart;
      return Object.values(C.instances).map((c) => ({
        canvas: c.canvas.id,
        type: c.config.type,
        labels: c.data.labels.length,
        datasets: c.data.datasets.map((d) => ({
          label: d.label,
          points: d.data.length,
          nonZero: d.data.filter((v) => typeof v === 'number' && v !== 0).length,
          sum: d.data.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0),
        })),
      }));
    }) as Promise<ChartSummary[]>;

  /** Share of canvas pixels that are painted: a blank canvas is all transparent. */
  const paintedShare = (id: string) =>
    page.evaluate((canvasId) => {
      const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
      const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
      return painted / (width * height);
    }, id);

  const text = (selector: string) => page.locator(selector).innerText();
  const kpiMentions = async () => Number((await text('#k-mentions')).replace(/\D/g, ''));

  let seq = 0;

  it('asks for a token, refuses a wrong one, and opens with the right one', async () => {
    await page.goto(`${base}/`);
    await page.locator('#login-form').waitFor({ state: 'visible' });
    await page.fill('#token', 'not-the-token-at-all');
    await page.click('#login-form button[type=submit]');
    await expect.poll(() => text('#login-error'), { timeout: 10_000 }).toMatch(/invalid bearer token/);
    await page.fill('#token', TOKEN);
    await page.click('#login-form button[type=submit]');
    seq = await refreshed(0);
    expect(await page.locator('#dash').isVisible()).toBe(true);
    // The busiest brand is chosen first.
    expect(await page.locator('#f-brand').inputValue()).toBe('acme');
    expect(await kpiMentions()).toBe(count('acme', data)); // default range: 7 days
    // The only errors so far are the two refused API calls (no token yet, then the wrong one).
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    expect(problems).toHaveLength(2);
    problems.length = 0;
  });

  it('draws every chart with data, and the alert marker on the volume chart', async () => {
    await page.selectOption('#f-range', '24h');
    seq = await refreshed(seq);
    const all = await charts();
    const byCanvas = Object.fromEntries(all.map((c) => [c.canvas, c]));
    expect(Object.keys(byCanvas).sort()).toEqual(['c-failure', 'c-sentiment', 'c-topics', 'c-volume']);

    const volume = byCanvas['c-volume']!;
    // 24 hours from a moment that is not on the hour: 24 or 25 hourly buckets.
    expect(volume.labels).toBeGreaterThanOrEqual(24);
    expect(volume.labels).toBeLessThanOrEqual(25);
    const stacked = volume.datasets.filter((d) => d.label !== 'Alert');
    expect(stacked.reduce((s, d) => s + d.sum, 0)).toBe(count('acme'));
    expect(stacked.find((d) => d.label === 'Negative')!.nonZero).toBeGreaterThan(10);
    expect(volume.datasets.find((d) => d.label === 'Alert')!.nonZero).toBe(1);

    expect(byCanvas['c-sentiment']!.datasets.every((d) => d.nonZero > 10)).toBe(true);
    expect(byCanvas['c-topics']!.labels).toBeGreaterThanOrEqual(3);
    expect(byCanvas['c-topics']!.datasets[0]!.sum).toBeGreaterThan(0);
    expect(byCanvas['c-failure']!.datasets[0]!.nonZero).toBeGreaterThanOrEqual(3);

    for (const id of ['c-volume', 'c-sentiment', 'c-topics', 'c-failure']) expect(await paintedShare(id), id).toBeGreaterThan(0.02);

    expect(await page.locator('#mentions li').count()).toBe(25);
    expect(await page.locator('#rising li').first().innerText()).toMatch(/Billing/);
    expect(await page.locator('#alerts li').first().innerText()).toMatch(/negative-spike · billing/);
    expect(await page.locator('#ideas li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'dashboard.png'), fullPage: true });
  });

  it('switches brand and the view follows', async () => {
    await page.selectOption('#f-brand', 'globex');
    seq = await refreshed(seq);
    expect(await kpiMentions()).toBe(count('globex'));
    const volume = (await charts()).find((c) => c.canvas === 'c-volume')!;
    expect(volume.datasets.filter((d) => d.label !== 'Alert').reduce((s, d) => s + d.sum, 0)).toBe(count('globex'));
    expect(volume.datasets.find((d) => d.label === 'Alert')!.nonZero).toBe(0);
    expect(await page.locator('#alerts li').first().innerText()).toMatch(/No alerts/);
  });

  it('filters by topic: totals and the mention list narrow to it', async () => {
    await page.selectOption('#f-topic', 'billing');
    seq = await refreshed(seq);
    expect(await kpiMentions()).toBe(lastDay.filter((m) => m.raw.brand === 'globex' && m.topics.includes('billing')).length);
    const items = page.locator('#mentions li');
    expect(await items.count()).toBeGreaterThan(0);
    for (const item of await items.all()) expect(await item.locator('.badge').allInnerTexts()).toContain('billing');
  });

  it('filters the mention list by sentiment and pages with "load older"', async () => {
    await page.selectOption('#m-sentiment', 'negative');
    await expect.poll(async () => (await page.locator('#mentions li .badge.negative').count()) === (await page.locator('#mentions li').count()), { timeout: 10_000 }).toBe(true);
    const before = await page.locator('#mentions li').count();
    if (await page.locator('#more').isVisible()) {
      await page.click('#more');
      await expect.poll(() => page.locator('#mentions li').count(), { timeout: 10_000 }).toBeGreaterThan(before);
    }
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.selectOption('#m-sentiment', '');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUT, 'dashboard-phone.png'), fullPage: true });
  });

  it('raised no script errors and no CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
