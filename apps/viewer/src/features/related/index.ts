export { RelatedAccountsPanel } from './components/related-accounts-panel.js';
