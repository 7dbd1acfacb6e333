/**
 * Wraps the model so templates fail loudly: reading a field that does not exist throws an error that
 * names the path (`m.chart.nmae`), instead of EJS writing `undefined` into a generated file.
 *
 * The model is deep-frozen, and a Proxy may not return anything but the real value for a frozen
 * property, so the proxy stands over an empty, extensible target and forwards reads to the model.
 */

const PASSTHROUGH = new Set<PropertyKey>(['toJSON', 'then', 'constructor', 'length']);

/** Reading this symbol from a view gives the plain value behind it (helpers serialise that, fast). */
const RAW = Symbol('strict-view raw value');

/** The plain value behind a strict view (or the value itself when it is not one). */
export function unwrap<T>(value: T): T {
  return value !== null && typeof value === 'object' ? ((value as Record<symbol, unknown>)[RAW] as T | undefined) ?? value : value;
}

/** A read-only view of `value` that throws on unknown fields, recursively. */
export function strictView<T extends object>(value: T, path = 'm'): T {
  const stand = (Array.isArray(value) ? [] : {}) as object;
  return new Proxy(stand, {
    get(_target, key) {
      if (key === RAW) return value;
      if (typeof key === 'symbol' || PASSTHROUGH.has(key) || Reflect.has(value, key)) {
        const v = Reflect.get(value, key) as unknown;
        if (typeof v === 'function') return (v as (...a: unknown[]) => unknown).bind(value);
        if (v !== null && typeof v === 'object' && typeof key === 'string') return strictView(v as object, `${path}.${key}`);
        return v;
      }
      if (Array.isArray(value)) return undefined;
      throw new TypeError(`template reads ${path}.${key}, which the model does not have`);
    },
    has(_target, key) {
      return Reflect.has(value, key);
    },
    ownKeys() {
      return Reflect.ownKeys(value);
    },
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(value, key);
      return d ? { ...d, configurable: true, writable: false } : undefined;
    },
    getPrototypeOf() {
      return Reflect.getPrototypeOf(value);
    },
    set() {
      throw new TypeError(`templates may not modify the model (${path})`);
    },
  }) as T;
}
