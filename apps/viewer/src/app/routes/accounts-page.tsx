import { AccountsView } from '../../features/accounts/index.js';

export function AccountsPage() {
  return <AccountsView />;
}
