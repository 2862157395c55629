/** A few-second version of the kernel benchmark (fewer names, fewer runs), printed in every
 * CI log: npm run bench:quick */
import { runKernelBench } from './kernel.bench.js';

await runKernelBench({ names: 600, runs: 5, anchorRuns: 2 });
