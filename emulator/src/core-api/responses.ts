/** Fixed Core API answers (wording from the published samples). */
import { randomUUID } from 'node:crypto';
import type { EmuResponse } from '../types';

/** Validation failure: HTTP 400, body 400 with every message. */
export const validationError = (messages: string[]): EmuResponse => ({
  status: 400,
  body: {
    status_code: '400',
    status_message: 'One or more parameters in the payload is invalid.',
    validation_messages: messages,
    id: randomUUID(),
  },
});

/** Unknown order/transaction id: HTTP 200, body 404. */
export const notFound = (): EmuResponse => ({
  status: 200,
  body: { status_code: '404', status_message: "Transaction doesn't exist.", id: randomUUID() },
});

/** Action not allowed in the current state: HTTP 200, body 412. */
export const cannotModify = (): EmuResponse => ({
  status: 200,
  body: { status_code: '412', status_message: 'Merchant cannot modify the status of the transaction' },
});

/** Order id already used by a live or paid transaction: HTTP 200, body 406. */
export const duplicateOrderId = (): EmuResponse => ({
  status: 200,
  body: {
    status_code: '406',
    status_message:
      'The request could not be completed due to a conflict with the current state of the target resource, please try again',
    id: randomUUID(),
  },
});
