// Page for the browser loading test: loads the kernel the way an app bundled by Vite does
// (the .wasm is an asset URL, fetched and instantiated while streaming) and publishes a few
// scores for the test to compare with Node's.
import { loadKernel } from '../../src/index.js';
import { LOADING_SAMPLE, sampleScores } from './sample.js';

declare global {
  interface Window {
    kernelResult: Promise<unknown>;
  }
}

window.kernelResult = Promise.all([loadKernel(), loadKernel({ simd: false })]).then(
  (kernels) => kernels.map((k) => sampleScores(k, LOADING_SAMPLE)),
  (error: unknown) => ({ error: String((error as Error)?.stack ?? error) }),
);
