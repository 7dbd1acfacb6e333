/**
 * Local `$ref` resolution inside one values.schema.json: JSON pointers (`#/$defs/x`,
 * `#/definitions/x`, `#/properties/a/items`), `$anchor`/`id`-style anchors and ids of embedded
 * schemas. Anything that would need the network is reported, not fetched.
 */
import { isMap } from '../../../util/yaml.js';

export type RefResult = { readonly target: unknown } | { readonly error: string };

/** Resolves `$ref` strings against one schema document. */
export class RefResolver {
  private ids: Map<string, unknown> | undefined;
  private anchors: Map<string, unknown> | undefined;

  constructor(private readonly root: unknown) {}

  resolve(ref: string): RefResult {
    const hash = ref.indexOf('#');
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    let doc: unknown = this.root;
    if (base !== '' && !this.isRootId(base)) {
      doc = this.index().ids.get(base);
      if (doc === undefined) return { error: `external $ref ${ref} is not fetched` };
    }
    if (fragment === '' || fragment === '/') return fragment === '' ? { target: doc } : this.pointer(doc, fragment, ref);
    if (fragment.startsWith('/')) return this.pointer(doc, fragment, ref);
    const anchored = this.index().anchors.get(fragment);
    return anchored === undefined ? { error: `$ref ${ref}: no $anchor "${fragment}"` } : { target: anchored };
  }

  private isRootId(base: string): boolean {
    if (!isMap(this.root)) return false;
    const id = this.root.$id ?? this.root.id;
    return typeof id === 'string' && id.replace(/#$/, '') === base;
  }

  private pointer(doc: unknown, fragment: string, ref: string): RefResult {
    let node = doc;
    for (const raw of fragment.split('/').slice(1)) {
      const key = decodeSegment(raw);
      if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
      else if (isMap(node) && Object.hasOwn(node, key)) node = node[key];
      else return { error: `$ref ${ref} points at nothing` };
    }
    return { target: node };
  }

  /** Walks the document once (iteratively) to find every `$id`/`id` and `$anchor`. */
  private index(): { ids: Map<string, unknown>; anchors: Map<string, unknown> } {
    if (this.ids && this.anchors) return { ids: this.ids, anchors: this.anchors };
    const ids = new Map<string, unknown>();
    const anchors = new Map<string, unknown>();
    const stack: unknown[] = [this.root];
    const seen = new Set<unknown>();
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== 'object' || seen.has(node)) continue;
      seen.add(node);
      if (isMap(node)) {
        const id = node.$id ?? node.id;
        if (typeof id === 'string') {
          const [base, frag] = id.split('#', 2) as [string, string | undefined];
          if (base) ids.set(base, node);
          if (frag) anchors.set(frag, node);
        }
        if (typeof node.$anchor === 'string') anchors.set(node.$anchor, node);
      }
      for (const child of Object.values(node)) stack.push(child);
    }
    this.ids = ids;
    this.anchors = anchors;
    return { ids, anchors };
  }
}

function decodeSegment(raw: string): string {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // a literal % in a key: keep the text as written
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}
