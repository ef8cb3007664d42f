/** A sale that cannot be priced as given; `path` names the offending input like a zod issue path. */
export class PricingError extends RangeError {
  constructor(
    message: string,
    readonly path: readonly (string | number)[],
  ) {
    super(message);
    this.name = 'PricingError';
  }
}
