// A sorted set of strings (ordered as JavaScript's `<` orders them, by UTF-16 code
// units) kept as a B+ tree: `add` and `delete` cost O(log n) at worst, and a scan
// from any key costs O(log n) to find its start and O(1) for each key after it.
// Appending keys in increasing order (the ids of an IdGenerator such as UUIDv7)
// takes the shortest path: the last leaf, never a move of the other keys.

interface Leaf {
  readonly leaf: true;
  readonly keys: string[];
  next: Leaf | undefined;
}

interface Branch {
  readonly leaf: false;
  /** `keys[i]` separates `children[i]` (keys below it) from `children[i + 1]` (keys at or above it). */
  readonly keys: string[];
  readonly children: BTreeNode[];
}

type BTreeNode = Leaf | Branch;

/** The most keys of a leaf, and the most children of a branch. */
const MAX = 64;
/** The fewest, except at the root. */
const MIN = MAX / 2;

const newLeaf = (keys: string[] = [], next?: Leaf): Leaf => ({ leaf: true, keys, next });

/** The first index whose key is above `key`. */
const upperBound = (keys: ReadonlyArray<string>, key: string): number => {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid]! <= key) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** The first index whose key is at or above `key`. */
const lowerBound = (keys: ReadonlyArray<string>, key: string): number => {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
};

const sizeOf = (node: BTreeNode): number => (node.leaf ? node.keys.length : node.children.length);

interface Split {
  readonly separator: string;
  readonly right: BTreeNode;
}

/**
 * @internal A sorted set of strings with O(log n) insertion and deletion and
 * ordered scans from any key.
 */
export class SortedKeys {
  #root: BTreeNode = newLeaf();
  #size = 0;
  #changed = false;

  /** How many keys the set holds. */
  get size(): number {
    return this.#size;
  }

  /** Adds `key`; `false` when it was there already. */
  add(key: string): boolean {
    this.#changed = false;
    const split = this.#insert(this.#root, key);
    if (split) this.#root = { leaf: false, keys: [split.separator], children: [this.#root, split.right] };
    if (this.#changed) this.#size += 1;
    return this.#changed;
  }

  /** Removes `key`; `false` when it was not there. */
  delete(key: string): boolean {
    this.#changed = false;
    this.#remove(this.#root, key);
    const root = this.#root;
    if (!root.leaf && root.children.length === 1) this.#root = root.children[0]!;
    if (this.#changed) this.#size -= 1;
    return this.#changed;
  }

  /** The keys above `after` (every key when it is absent), in ascending order. */
  *keysAfter(after?: string): Generator<string, void, undefined> {
    let node = this.#root;
    while (!node.leaf) node = node.children[after === undefined ? 0 : upperBound(node.keys, after)]!;
    let leaf: Leaf | undefined = node;
    let index = after === undefined ? 0 : upperBound(leaf.keys, after);
    while (leaf) {
      const keys: ReadonlyArray<string> = leaf.keys;
      for (; index < keys.length; index++) yield keys[index]!;
      leaf = leaf.next;
      index = 0;
    }
  }

  #insert(node: BTreeNode, key: string): Split | undefined {
    if (node.leaf) {
      const keys = node.keys;
      const last = keys[keys.length - 1];
      if (last === undefined || last < key) keys.push(key);
      else {
        const at = lowerBound(keys, key);
        if (keys[at] === key) return undefined;
        keys.splice(at, 0, key);
      }
      this.#changed = true;
      if (keys.length <= MAX) return undefined;
      const right = newLeaf(keys.splice(keys.length >>> 1), node.next);
      node.next = right;
      return { separator: right.keys[0]!, right };
    }
    const at = upperBound(node.keys, key);
    const split = this.#insert(node.children[at]!, key);
    if (!split) return undefined;
    node.keys.splice(at, 0, split.separator);
    node.children.splice(at + 1, 0, split.right);
    if (node.children.length <= MAX) return undefined;
    const mid = node.keys.length >>> 1;
    const rightKeys = node.keys.splice(mid + 1);
    const separator = node.keys.pop()!;
    return { separator, right: { leaf: false, keys: rightKeys, children: node.children.splice(mid + 1) } };
  }

  #remove(node: BTreeNode, key: string): void {
    if (node.leaf) {
      const at = lowerBound(node.keys, key);
      if (node.keys[at] !== key) return;
      node.keys.splice(at, 1);
      this.#changed = true;
      return;
    }
    const at = upperBound(node.keys, key);
    const child = node.children[at]!;
    this.#remove(child, key);
    if (this.#changed && sizeOf(child) < MIN) this.#rebalance(node, at);
  }

  /** Restores the size of `parent.children[at]` by borrowing from a sibling or merging with one. */
  #rebalance(parent: Branch, at: number): void {
    const child = parent.children[at]!;
    const left = at > 0 ? parent.children[at - 1]! : undefined;
    const right = parent.children[at + 1];
    if (child.leaf) {
      const l = left as Leaf | undefined;
      const r = right as Leaf | undefined;
      if (l && l.keys.length > MIN) {
        child.keys.unshift(l.keys.pop()!);
        parent.keys[at - 1] = child.keys[0]!;
      } else if (r && r.keys.length > MIN) {
        child.keys.push(r.keys.shift()!);
        parent.keys[at] = r.keys[0]!;
      } else if (l) {
        l.keys.push(...child.keys);
        l.next = child.next;
        parent.keys.splice(at - 1, 1);
        parent.children.splice(at, 1);
      } else if (r) {
        child.keys.push(...r.keys);
        child.next = r.next;
        parent.keys.splice(at, 1);
        parent.children.splice(at + 1, 1);
      }
      return;
    }
    const l = left as Branch | undefined;
    const r = right as Branch | undefined;
    if (l && l.children.length > MIN) {
      child.keys.unshift(parent.keys[at - 1]!);
      child.children.unshift(l.children.pop()!);
      parent.keys[at - 1] = l.keys.pop()!;
    } else if (r && r.children.length > MIN) {
      child.keys.push(parent.keys[at]!);
      child.children.push(r.children.shift()!);
      parent.keys[at] = r.keys.shift()!;
    } else if (l) {
      l.keys.push(parent.keys[at - 1]!, ...child.keys);
      l.children.push(...child.children);
      parent.keys.splice(at - 1, 1);
      parent.children.splice(at, 1);
    } else if (r) {
      child.keys.push(parent.keys[at]!, ...r.keys);
      child.children.push(...r.children);
      parent.keys.splice(at, 1);
      parent.children.splice(at + 1, 1);
    }
  }

  /** @internal Checks the tree's invariants (for tests): order, sizes, separators, leaf links; returns the number of levels. */
  check(): number {
    const leaves: Leaf[] = [];
    let depth = -1;
    const visit = (node: BTreeNode, low: string | undefined, high: string | undefined, level: number, isRoot: boolean): void => {
      if (!isRoot && sizeOf(node) < MIN) throw new Error(`node below the minimum size: ${sizeOf(node)}`);
      if (sizeOf(node) > MAX) throw new Error(`node above the maximum size: ${sizeOf(node)}`);
      for (let i = 1; i < node.keys.length; i++) if (!(node.keys[i - 1]! < node.keys[i]!)) throw new Error("keys out of order");
      if (node.leaf) {
        if (depth === -1) depth = level;
        else if (depth !== level) throw new Error("leaves at different depths");
        for (const k of node.keys) {
          if (low !== undefined && k < low) throw new Error(`key ${k} below its separator ${low}`);
          if (high !== undefined && k >= high) throw new Error(`key ${k} at or above its separator ${high}`);
        }
        leaves.push(node);
        return;
      }
      if (node.children.length !== node.keys.length + 1) throw new Error("a branch needs one child more than keys");
      if (isRoot && node.children.length < 2) throw new Error("a branch root needs two children");
      node.children.forEach((c, i) => visit(c, i === 0 ? low : node.keys[i - 1], i === node.keys.length ? high : node.keys[i], level + 1, false));
    };
    visit(this.#root, undefined, undefined, 0, true);
    leaves.forEach((leaf, i) => {
      if (leaf.next !== leaves[i + 1]) throw new Error("leaf links out of order");
    });
    const count = leaves.reduce((n, leaf) => n + leaf.keys.length, 0);
    if (count !== this.#size) throw new Error(`size ${this.#size} but ${count} keys`);
    return depth + 1;
  }
}
