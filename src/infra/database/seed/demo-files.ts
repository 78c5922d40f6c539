import { crc32, deflateSync } from 'node:zlib';

/**
 * The demo agent's files, drawn in code so that no binary sits in the repository: a profile photo
 * (PNG) and KYC documents (one-page PDFs that say they are not real documents).
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 128×128 RGB avatar: a head-and-shoulders silhouette on a teal background. */
export function demoAvatarPng(): Buffer {
  const size = 128;
  const background = [0x1f, 0x8a, 0x8a];
  const figure = [0xe8, 0xf4, 0xf2];
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y += 1) {
    const row = y * (1 + size * 3); // each row starts with its filter byte (0: none)
    for (let x = 0; x < size; x += 1) {
      const head = (x - 64) ** 2 + (y - 50) ** 2 <= 24 ** 2;
      const shoulders = ((x - 64) / 48) ** 2 + ((y - 128) / 44) ** 2 <= 1;
      raw.set(head || shoulders ? figure : background, row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, adaptive filtering, no interlace
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

const pdfText = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** A one-page PDF (Helvetica, ASCII text) with the given lines, the first as a heading. */
export function demoDocumentPdf(lines: readonly string[]): Buffer {
  const content = [
    'BT',
    '/F1 18 Tf',
    '40 190 Td',
    `${pdfText(lines[0])} Tj`,
    '/F1 12 Tf',
    ...lines.slice(1).flatMap((line) => ['0 -26 Td', `${pdfText(line)} Tj`]),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 260] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
