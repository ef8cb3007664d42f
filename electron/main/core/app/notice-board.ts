/**
 * Notices for the cashier (`app.notice`, worded by the renderer from `code` +
 * `params`). Those posted before the renderer listens — at start: keys not
 * configured, payments recovered — would be lost, so they are held until the
 * board opens (on the renderer's first call, see `openOnFirstCall`) and then
 * delivered in order; later ones go straight out.
 */
import type { AppNotice } from '../../../../shared/contract/events';
import type { Router } from '../../../../shared/contract/router';
import type { EventBus } from './event-bus';

/** At most this many start-up notices are kept for the renderer (the newest win). */
const MAX_HELD = 10;

/** Holds notices until the renderer listens, then passes them to the bus. */
export class NoticeBoard {
  private held: AppNotice[] | null = [];

  constructor(private readonly bus: Pick<EventBus, 'emit'>) {}

  /** Tells the cashier something (now, or once the renderer listens). */
  post(notice: AppNotice): void {
    if (!this.held) return this.bus.emit('app.notice', notice);
    this.held.push(notice);
    if (this.held.length > MAX_HELD) this.held.shift();
  }

  /** The renderer is listening: deliver what was held; from now on notices go straight out. */
  open(): void {
    const held = this.held;
    this.held = null;
    for (const notice of held ?? []) this.bus.emit('app.notice', notice);
  }
}

/**
 * `router`, opening `board` once its first call is answered: a renderer
 * subscribes to events before its first call, so it is listening by then.
 */
export function openOnFirstCall(router: Router, board: NoticeBoard): Router {
  return {
    ...router,
    async dispatch(...args: Parameters<Router['dispatch']>) {
      try {
        return await router.dispatch(...args);
      } finally {
        board.open();
      }
    },
  };
}
