/**
 * Display callers: the customer-facing window or page. They only ever receive
 * `display.updated`; neither shell gives them a way to invoke, and the router
 * wrapper below refuses them anyway (defence in depth).
 */
import { err } from '../../../../shared/contract/result';
import type { Router } from '../../../../shared/contract/router';

/** Every display caller id starts with this (`display-1`, `display-7`…). */
export const DISPLAY_CALLER_PREFIX = 'display-';

/** The one event a display receives. */
export const DISPLAY_EVENT = 'display.updated';

/** True for a display's caller id. */
export const isDisplayCaller = (callerId: string): boolean => callerId.startsWith(DISPLAY_CALLER_PREFIX);

/** Whether an event goes to a caller: displays get `display.updated` only, the till everything else. */
export const deliversTo = (event: string, display: boolean): boolean => (event === DISPLAY_EVENT) === display;

/** The router, refusing every call from a display with FORBIDDEN before anything is parsed. */
export function refuseDisplayCallers(router: Router): Router {
  return {
    dispatch: (channel, input, caller) =>
      isDisplayCaller(caller.id)
        ? Promise.resolve(err('FORBIDDEN', 'The customer display may not call Kasir.'))
        : router.dispatch(channel, input, caller),
  };
}
