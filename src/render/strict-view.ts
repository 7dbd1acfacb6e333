/**
 * Wraps the model so templates fail loudly: reading a field that does not exist throws an error that
 * names the path (`m.chart.nmae`), instead of EJS writing `undefined` into a generated file.
 */

const PASSTHROUGH = new Set<PropertyKey>(['toJSON', 'then', 'constructor', 'length']);

/** A read-only view of `value` that throws on unknown fields, recursively. */
export function strictView<T extends object>(value: T, path = 'm'): T {
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || PASSTHROUGH.has(key) || Reflect.has(target, key)) {
        const v = Reflect.get(target, key, receiver);
        if (v !== null && typeof v === 'object' && typeof key === 'string') return strictView(v as object, `${path}.${key}`);
        return v;
      }
      if (Array.isArray(target)) return undefined;
      throw new TypeError(`template reads ${path}.${key}, which the model does not have`);
    },
    set() {
      throw new TypeError(`templates may not modify the model (${path})`);
    },
  });
}
