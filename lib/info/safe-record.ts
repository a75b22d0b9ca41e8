// Records keyed by text a remote server sent (INFO fields, CONFIG GET names, key=value pairs).
// Such a key may be `__proto__`: on a plain object, assigning through it writes Object.prototype
// and changes every object in the process; reading `constructor` finds a function.
/** Names that reach Object.prototype or a constructor when used as a key; never stored. */
const HOSTILE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function isHostileName(name: string): boolean {
  return HOSTILE_NAMES.has(name);
}

/**
 * A record without a prototype: no inherited keys to read, no Object.prototype to write through.
 * The cast is the one honest way to type Object.create(null).
 */
export function bareRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
