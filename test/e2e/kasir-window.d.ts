import type { KasirClient } from '../../shared/contract/client';

// Page-side code in e2e tests sees the same bridge the renderer does.
declare global {
  interface Window {
    kasir: KasirClient;
  }
}
export {};
