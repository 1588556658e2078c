/**
 * A value now, or a promise of it. Hot paths answer synchronously when they can (an in-process
 * cache hit): under the request context (AsyncLocalStorage, on Node 20 built on promise hooks)
 * every promise costs hook calls when it is created and settled, and `await` wraps even a plain
 * value in one. Dropping AsyncLocalStorage altogether took a quarter off a cached read (issue 8).
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `then` for a MaybePromise: synchronous when `value` is a plain value. */
export function thenMaybe<T, R>(value: MaybePromise<T>, next: (value: T) => R): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}
