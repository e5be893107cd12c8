/** A growable byte buffer for unsigned LEB128 varints (values up to 2^53), used by the encoder. */
export class VarintWriter {
  private buf = new Uint8Array(1024);
  length = 0;

  push(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`encodeSnapshot: cannot encode ${value} as a varint.`);
    if (this.length + 8 > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    let v = value;
    while (v >= 128) {
      this.buf[this.length++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.length++] = v;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
