// A port lets a lower module call code that a higher module supplies (orders asks coupons to price a checkout)
// without importing it: the lower module defines the port, the higher one provides it when it is wired
// (its events.ts), so the import graph keeps pointing one way and module cycles cannot form.

export interface Port<T> {
  provide: (implementation: T) => void;
  /** The implementation; throws when nothing was wired, which is a bug in the composition, not a refusal. */
  use: () => T;
}

/** Nothing provides the port in this composition (a module switched off or not merged): callers may decide what that means. */
export class PortNotWiredError extends Error {}

export function definePort<T>(name: string, providedBy: string): Port<T> {
  let implementation: T | undefined;
  return {
    provide: (i) => {
      implementation = i;
    },
    use: () => {
      if (implementation === undefined)
        throw new PortNotWiredError(`port "${name}" is not wired (${providedBy} provides it)`);
      return implementation;
    },
  };
}
