import { WhatIfView } from '../../features/what-if/index.js';

export function WhatIfPage() {
  return <WhatIfView />;
}
