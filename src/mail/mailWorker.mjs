// Entry of the mail thread (see transport.ts): register tsx, then the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./mailWorker.ts');
