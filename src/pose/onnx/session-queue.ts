/**
 * Runs async tasks one at a time, in call order: onnxruntime-web sessions must not be created
 * or run concurrently (the WASM heap and the WebGPU device are shared).
 */
export class SessionQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
