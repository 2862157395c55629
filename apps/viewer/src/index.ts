/** @kindred/viewer: the browser app. Built with `vite build` into `dist/`, which the API serves. */
export { App, createQueryClient } from './app/app.js';
