export { RunMonitor } from './components/run-monitor.js';
