// The embedded bus's optional on-disk log, so a crash of the process loses nothing ingest has
// published (ingest moves its cursor on once publish() resolved).
// Layout under the log directory:
//   topics/<topic>/<partition>/<base offset, 20 digits>.log   JSON lines {o, k, v, h}
//   groups/<group>.json                                      {"<topic>/<partition>": next offset}
// fsync policy: each publish() is written with one write(2) per partition before it resolves,
// so it survives the process being killed (the page cache belongs to the kernel). It is not
// fsynced unless `fsync: true`, so a power loss / kernel crash may lose the last seconds; group
// offsets are written atomically (temp file + rename) on every commit.
import { closeSync, fdatasyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BusMessage } from './types.js';

export interface LogOptions {
  dir: string;
  /** fdatasync every publish batch (survives power loss; much slower). */
  fsync?: boolean;
  /** A partition's segment is rolled once it holds this many bytes. */
  segmentBytes?: number;
}

interface Segment {
  base: number;
  file: string;
}

interface Stored {
  o: number;
  k: string;
  v: string;
  h?: Record<string, string>;
}

const segmentName = (base: number) => `${String(base).padStart(20, '0')}.log`;

export class PartitionLog {
  private readonly segments: Segment[] = [];
  private fd: number | null = null;
  private bytes = 0;

  constructor(
    private readonly dir: string,
    private readonly options: LogOptions,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.log')).sort()) this.segments.push({ base: Number(name.slice(0, -4)), file: join(dir, name) });
  }

  /** Reads the messages at or after `from`; returns them and the next offset to write. */
  load(topic: string, partition: number, from: number): { messages: BusMessage[]; end: number } {
    const messages: BusMessage[] = [];
    let end = this.segments[0]?.base ?? 0;
    for (let i = 0; i < this.segments.length; i++) {
      const next = this.segments[i + 1];
      if (next && next.base <= from) continue; // wholly committed
      const file = this.segments[i]!.file;
      const bytes = readFileSync(file);
      let at = 0;
      for (;;) {
        const nl = bytes.indexOf(10, at);
        let m: Stored | null = null;
        if (nl >= 0) {
          try {
            m = JSON.parse(bytes.toString('utf8', at, nl)) as Stored;
          } catch {
            m = null;
          }
        }
        if (!m) {
          // A write torn by the crash (its publish never resolved): cut it off, or the next
          // append would be glued to it.
          if (at < bytes.length) truncateSync(file, at);
          break;
        }
        at = nl + 1;
        end = m.o + 1;
        if (m.o >= from) messages.push({ topic, partition, offset: String(m.o), key: m.k, value: m.v, headers: m.h ?? {} });
      }
    }
    return { messages, end: Math.max(end, from) };
  }

  append(messages: BusMessage[]): void {
    if (messages.length === 0) return;
    const limit = this.options.segmentBytes ?? 16 * 1024 * 1024;
    if (this.fd === null || this.bytes >= limit) this.roll(Number(messages[0]!.offset));
    let text = '';
    for (const m of messages) text += `${JSON.stringify({ o: Number(m.offset), k: m.key, v: m.value, h: m.headers })}\n`;
    const buffer = Buffer.from(text);
    writeSync(this.fd!, buffer);
    this.bytes += buffer.length;
    if (this.options.fsync) fdatasyncSync(this.fd!);
  }

  private roll(base: number): void {
    if (this.fd !== null) closeSync(this.fd);
    const last = this.segments.at(-1);
    // Reopening after a restart appends to the newest segment rather than starting a new file.
    if (this.fd === null && last && statSync(last.file).size < (this.options.segmentBytes ?? 16 * 1024 * 1024)) {
      this.fd = openSync(last.file, 'a');
      this.bytes = statSync(last.file).size;
      return;
    }
    const file = join(this.dir, segmentName(base));
    this.fd = openSync(file, 'a');
    this.bytes = 0;
    this.segments.push({ base, file });
  }

  /** Deletes segments every message of which is below `low` (the slowest group's commit). */
  retain(low: number): void {
    while (this.segments.length > 1 && this.segments[1]!.base <= low) rmSync(this.segments.shift()!.file, { force: true });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export class DurableLog {
  private readonly partitions = new Map<string, PartitionLog>();

  constructor(readonly options: LogOptions) {
    mkdirSync(join(options.dir, 'topics'), { recursive: true });
    mkdirSync(join(options.dir, 'groups'), { recursive: true });
  }

  /** Topic names found on disk, with their partition counts. */
  topics(): Map<string, number> {
    const out = new Map<string, number>();
    for (const t of readdirSync(join(this.options.dir, 'topics'))) {
      const parts = readdirSync(join(this.options.dir, 'topics', t)).map(Number).filter(Number.isInteger);
      out.set(decodeURIComponent(t), parts.length ? Math.max(...parts) + 1 : 0);
    }
    return out;
  }

  /** Group name → committed offsets by `${topic}/${partition}`. */
  groups(): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    for (const f of readdirSync(join(this.options.dir, 'groups'))) {
      if (!f.endsWith('.json')) continue; // a temp file left by a crash mid-write
      const offsets = JSON.parse(readFileSync(join(this.options.dir, 'groups', f), 'utf8')) as Record<string, number>;
      out.set(decodeURIComponent(f.slice(0, -5)), new Map(Object.entries(offsets)));
    }
    return out;
  }

  partition(topic: string, partition: number): PartitionLog {
    const key = `${topic}/${partition}`;
    let log = this.partitions.get(key);
    if (!log) {
      log = new PartitionLog(join(this.options.dir, 'topics', encodeURIComponent(topic), String(partition)), this.options);
      this.partitions.set(key, log);
    }
    return log;
  }

  saveGroup(group: string, committed: Map<string, number>): void {
    const file = join(this.options.dir, 'groups', `${encodeURIComponent(group)}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(committed)));
    renameSync(`${file}.tmp`, file);
  }

  close(): void {
    for (const p of this.partitions.values()) p.close();
  }
}

