/**
 * Minimum s-t cut of a flow network (Dinic's max-flow: breadth-first levels, then blocking flows
 * along them), for the cut-out's graph cut. Nodes are 0…n−1; the source and sink are implicit,
 * each node's terminal capacities set by `setTerminals`. Capacities are non-negative reals.
 */
export class FlowNetwork {
  private readonly source: number;
  private readonly sink: number;
  private head: Int32Array;
  private next: Int32Array;
  private to: Int32Array;
  private capacity: Float64Array;
  private edges = 0;

  constructor(
    readonly nodeCount: number,
    expectedEdges = nodeCount * 4,
  ) {
    this.source = nodeCount;
    this.sink = nodeCount + 1;
    this.head = new Int32Array(nodeCount + 2).fill(-1);
    const slots = 2 * (expectedEdges + 2 * nodeCount);
    this.next = new Int32Array(slots);
    this.to = new Int32Array(slots);
    this.capacity = new Float64Array(slots);
  }

  /** An edge u→v of capacity `forward` and v→u of `backward`. */
  addEdge(u: number, v: number, forward: number, backward = 0): void {
    if (this.edges + 2 > this.to.length) this.grow();
    this.push(u, v, forward);
    this.push(v, u, backward);
  }

  /**
   * What cutting `node` off each terminal costs: `fromSource` when it ends on the sink's side,
   * `toSink` when it ends on the source's. The part both share is paid either way and left out.
   */
  setTerminals(node: number, fromSource: number, toSink: number): void {
    const shared = Math.min(fromSource, toSink);
    if (fromSource - shared > 0) this.addEdge(this.source, node, fromSource - shared);
    if (toSink - shared > 0) this.addEdge(node, this.sink, toSink - shared);
  }

  /**
   * Runs max-flow; resolves to the nodes left on the source's side of a minimum cut (1), the rest
   * on the sink's (0).
   */
  minCut(): Uint8Array {
    const count = this.nodeCount + 2;
    const level = new Int32Array(count);
    const queue = new Int32Array(count);
    const current = new Int32Array(count);
    const path = new Int32Array(count);
    const levels = (): boolean => {
      level.fill(-1);
      level[this.source] = 0;
      queue[0] = this.source;
      for (let qHead = 0, qTail = 1; qHead < qTail; qHead++) {
        const u = queue[qHead]!;
        for (let e = this.head[u]!; e >= 0; e = this.next[e]!) {
          const v = this.to[e]!;
          if (level[v]! < 0 && this.capacity[e]! > EPSILON) {
            level[v] = level[u]! + 1;
            queue[qTail++] = v;
          }
        }
      }
      return level[this.sink]! >= 0;
    };
    while (levels()) {
      current.set(this.head);
      // Depth-first along the levels; a node with no way on is dropped from this round's levels.
      let depth = 0;
      let u = this.source;
      for (;;) {
        if (u === this.sink) {
          let bottleneck = Infinity;
          for (let k = 0; k < depth; k++)
            bottleneck = Math.min(bottleneck, this.capacity[path[k]!]!);
          for (let k = 0; k < depth; k++) {
            this.capacity[path[k]!]! -= bottleneck;
            this.capacity[path[k]! ^ 1]! += bottleneck;
          }
          depth = 0;
          u = this.source;
          continue;
        }
        let e = current[u]!;
        while (e >= 0) {
          const v = this.to[e]!;
          if (this.capacity[e]! > EPSILON && level[v] === level[u]! + 1) break;
          e = this.next[e]!;
        }
        current[u] = e;
        if (e >= 0) {
          path[depth++] = e;
          u = this.to[e]!;
          continue;
        }
        if (u === this.source) break;
        level[u] = -1;
        const back = path[--depth]!;
        u = this.to[back ^ 1]!;
      }
    }
    const side = new Uint8Array(this.nodeCount);
    for (let v = 0; v < this.nodeCount; v++) side[v] = level[v]! >= 0 ? 1 : 0;
    // The last `levels()` marked exactly what the source still reaches: the source's side.
    return side;
  }

  private push(u: number, v: number, capacity: number): void {
    const e = this.edges++;
    this.to[e] = v;
    this.capacity[e] = capacity;
    this.next[e] = this.head[u]!;
    this.head[u] = e;
  }

  private grow(): void {
    const size = this.to.length * 2;
    const copy = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.next = copy(this.next, (n) => new Int32Array(n));
    this.to = copy(this.to, (n) => new Int32Array(n));
    this.capacity = copy(this.capacity, (n) => new Float64Array(n));
  }
}

/** Residual capacity below this is none (float round-off of repeated subtraction). */
const EPSILON = 1e-9;
