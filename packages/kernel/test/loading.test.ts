import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { kernelWasmUrl, loadKernel, loadKernelSync, simdSupported } from '../src/index.js';
import { LOADING_SAMPLE, sampleScores, type SampleScores } from './browser/sample.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

let expected: SampleScores[];
beforeAll(async () => {
  expected = [sampleScores(await loadKernel({ simd: true }), LOADING_SAMPLE), sampleScores(await loadKernel({ simd: false }), LOADING_SAMPLE)];
});

describe('loading in Node', () => {
  it('reads the SIMD build from the package file by default, the scalar one on request', async () => {
    expect(simdSupported()).toBe(true);
    expect(kernelWasmUrl(true).protocol).toBe('file:');
    expect((await loadKernel()).simd).toBe(true);
    expect((await loadKernel({ simd: false })).simd).toBe(false);
    expect(expected[0].simd).toBe(true);
    expect(expected[1].simd).toBe(false);
    expect(expected[1].levenshtein).toStrictEqual(expected[0].levenshtein);
    expect(expected[1].jaroWinkler).toStrictEqual(expected[0].jaroWinkler);
    expect(expected[0].levenshtein.slice(0, 2)).toStrictEqual([4, 9]); // Acme→Acme Inc, Acme→ACME, Inc.
  });

  it('KINDRED_KERNEL_SIMD=0 selects the scalar build', async () => {
    process.env.KINDRED_KERNEL_SIMD = '0';
    try {
      expect((await loadKernel()).simd).toBe(false);
    } finally {
      delete process.env.KINDRED_KERNEL_SIMD;
    }
  });

  it('loadKernelSync instantiates bytes (as a worker receives them) and compiled modules', async () => {
    const bytes = await readFile(kernelWasmUrl(false));
    const kernel = loadKernelSync(bytes);
    expect(sampleScores(kernel, LOADING_SAMPLE)).toStrictEqual(expected[1]);
    const fromModule = loadKernelSync(new WebAssembly.Module(await readFile(kernelWasmUrl(true))));
    expect(sampleScores(fromModule, LOADING_SAMPLE)).toStrictEqual(expected[0]);
  });
});

describe('loading in the browser (Vite asset URL, fetch + instantiateStreaming)', () => {
  let outDir: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'kindred-kernel-page-'));
    await build({
      configFile: false,
      logLevel: 'silent',
      root: fileURLToPath(new URL('./browser/', import.meta.url)),
      build: { outDir, emptyOutDir: true, assetsInlineLimit: 0 },
    });
    server = createServer(async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const file = join(outDir, path === '/' ? 'index.html' : path);
      if (!file.startsWith(outDir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no server address');
    origin = `http://127.0.0.1:${address.port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('the bundle carries both builds as assets', async () => {
    const assets = await readdir(join(outDir, 'assets'));
    expect(assets.filter((f) => f.endsWith('.wasm')).length).toBe(2);
  });

  it('headless Chromium loads both builds from the bundled page and scores as Node does', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => 'kernelResult' in window, undefined, { timeout: 20_000 });
      const result = await page.evaluate(() => window.kernelResult);
      expect(errors).toStrictEqual([]);
      expect(result).toStrictEqual(expected);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('the same fetch path runs in Node against the served asset URL', async () => {
    const wasm = (await readdir(join(outDir, 'assets'))).filter((f) => f.endsWith('.wasm'));
    const kernels = await Promise.all(wasm.map((f) => loadKernel({ url: `${origin}/assets/${f}` })));
    const scores = kernels.map((k) => sampleScores(k, LOADING_SAMPLE)).sort((a, b) => Number(b.simd) - Number(a.simd));
    expect(scores).toStrictEqual(expected);
  });
});
