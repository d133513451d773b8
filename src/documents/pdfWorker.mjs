// Entry of the PDF thread: a worker thread does not inherit the loader that
// lets the main thread import TypeScript, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./pdfWorker.ts');
