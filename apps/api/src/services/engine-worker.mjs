// Worker entry: TypeScript sources load through tsx's loader, registered in this thread (the
// service may run under tsx, or under a test runner with its own loader).
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
