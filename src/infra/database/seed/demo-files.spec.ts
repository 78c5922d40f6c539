import { inflateSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { demoAvatarPng, demoDocumentPdf } from './demo-files.js';

describe('demo files', () => {
  it('draws a PNG whose header and pixel data agree', async () => {
    const png = demoAvatarPng();
    await expect(fileTypeFromBuffer(png)).resolves.toMatchObject({ mime: 'image/png' });
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect([width, height]).toEqual([128, 128]);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength))).toHaveLength(height * (1 + width * 3));
  });

  it('writes a PDF whose cross-reference table points at each object, with the lines as text', async () => {
    const pdf = demoDocumentPdf(['DEMO - PAN card', 'Gita (Agent)']);
    await expect(fileTypeFromBuffer(pdf)).resolves.toMatchObject({ mime: 'application/pdf' });
    const text = pdf.toString('latin1');
    const startXref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startXref, startXref + 4)).toBe('xref');
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(text.slice(offset)).toMatch(new RegExp(`^${i + 1} 0 obj\n`)));
    const stream = /\/Length (\d+) >>\nstream\n/.exec(text);
    const start = (stream?.index ?? 0) + (stream?.[0].length ?? 0);
    expect(text.slice(start + Number(stream?.[1]))).toMatch(/^\nendstream/);
    expect(text).toContain('(DEMO - PAN card) Tj');
    expect(text).toContain('(Gita \\(Agent\\)) Tj');
  });
});
