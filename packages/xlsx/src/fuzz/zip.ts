import { crc32, deflateRawSync } from "node:zlib";
import unzipper from "unzipper";

// Zip surgery for the fuzzer: a workbook's entries read with unzipper (the
// reader's own zip library), changed, and written again by the small writer
// below, which writes what the zip format asks and nothing more (no data
// descriptors, no zip64), so that every change the fuzzer makes is its own.

/** One entry of a zip: its path and its uncompressed bytes. */
export interface ZipEntry {
  readonly path: string;
  readonly data: Buffer;
}

/** The entries of a zip, in the order of its central directory. */
export const readZip = async (zip: Buffer): Promise<Array<ZipEntry>> => {
  const directory = await unzipper.Open.buffer(zip);
  const out: Array<ZipEntry> = [];
  for (const file of directory.files) if (file.type === "File") out.push({ path: file.path, data: await file.buffer() });
  return out;
};

const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/**
 * The entries as a zip file, each deflated (or stored, when `store` is set).
 * `declaredSize` overrides the uncompressed size a header states, for entries
 * that claim to be larger than they are.
 */
export const writeZip = (entries: ReadonlyArray<ZipEntry & { readonly declaredSize?: number }>, options: { readonly store?: boolean } = {}): Buffer => {
  const locals: Array<Buffer> = [];
  const centrals: Array<Buffer> = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.path, "utf8");
    const method = options.store === true ? 0 : 8;
    const body = method === 0 ? e.data : deflateRawSync(e.data);
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    // Version 20, flag 0x0800 (the name is UTF-8), no time.
    const common = [u16(20), u16(0x0800), u16(method), u16(0), u16(0x21), u32(crc), u32(body.length), u32(size), u16(name.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), ...common, name, body]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(central.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, central, end]);
};
