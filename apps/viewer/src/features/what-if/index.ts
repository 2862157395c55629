export { WhatIfView } from './components/what-if-view.js';
