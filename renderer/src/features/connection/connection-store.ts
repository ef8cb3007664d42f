/**
 * Whether Midtrans answers, as main last saw it (`app.connection`, kept live
 * by the event of that name). Main decides it from the outcomes of real
 * gateway calls plus a rare idle probe; the till only shows it: the header
 * indicator, and the method buttons that say "offline" while cash works.
 */
import { create } from 'zustand';
import type { ConnectionState } from '../../../../shared/contract/schemas';
import { call, subscribe } from '../../api';

interface ConnectionStore {
  connection: ConnectionState;
  /** Reads the state and follows its event; safe to call from every component that shows it (it starts once). */
  start(): void;
}

const UNKNOWN: ConnectionState = { state: 'unknown', since: null };

export const useConnection = create<ConnectionStore>((set) => {
  let started = false;
  return {
    connection: UNKNOWN,
    start() {
      if (started) return;
      started = true;
      // The event first, so a change between the read and the subscription is not lost.
      let heard = false;
      subscribe('app.connection', (connection) => {
        heard = true;
        set({ connection });
      });
      void call('app.connection').then((r) => {
        // A pushed change is newer than this read; a failed read stays "unknown" (never "offline" without evidence).
        if (r.ok && !heard) set({ connection: r.value });
      });
    },
  };
});
