export { AccountsView } from './components/accounts-view.js';
export { AccountProfile } from './components/account-profile.js';
export { useAccount } from './hooks/use-accounts.js';
