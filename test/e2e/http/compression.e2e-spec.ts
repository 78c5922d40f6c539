import { createTestApp, TestApp } from '../../support/test-app.js';

/** Compression as browsers ask for it (`br`): only above the threshold, in one synchronous call for API-sized bodies. */
describe('HTTP edge: response compression', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.prisma.faq.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        question: `How do I change the payout method number ${i}?`,
        answer: `Open your profile, choose payouts and follow the steps for method ${i}. `.repeat(6),
        keywords: ['payout', `method-${i}`],
      })),
    });
  });
  afterAll(() => t.close());

  const get = (path: string) => fetch(`${t.baseUrl}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });

  it('sends small answers as they are', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('compresses a 10 KB list with brotli in one piece, with its length known up front', async () => {
    const res = await get('/api/v1/faqs?limit=20');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    const compressedLength = Number(res.headers.get('content-length'));
    const body = await res.text();
    expect(Buffer.byteLength(body)).toBeGreaterThan(8 * 1024);
    expect(compressedLength).toBeGreaterThan(0);
    expect(compressedLength).toBeLessThan(Buffer.byteLength(body) / 2);
    expect(JSON.parse(body).data.items).toHaveLength(20);
  });

  it('falls back to gzip for clients without brotli', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/faqs?limit=20`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(await res.text()).data.items).toHaveLength(20);
  });
});
