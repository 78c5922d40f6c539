import { buildHandoverSummary } from './handover-summary.js';

describe('buildHandoverSummary', () => {
  const query = { donor: 'Jane', donorId: 'D-1', test: 'Hearing', stage: null, device: 'iPhone', createdAt: new Date('2026-01-01T10:00:00Z') };

  it('names the donor, the context, the note and the latest donor words oldest first', () => {
    const text = buildHandoverSummary(query, {
      fromName: 'Ada',
      note: 'needs audio expert',
      recent: [{ content: 'second' }, { content: 'first' }],
      messageCount: 4,
    });
    expect(text).toContain('Donor Jane (D-1), test Hearing, device iPhone');
    expect(text).toContain('4 messages');
    expect(text).toContain('Transferred by Ada: needs audio expert');
    expect(text.indexOf('- first')).toBeLessThan(text.indexOf('- second'));
    expect(text).not.toContain('stage');
  });

  it('omits the donor section when the donor said nothing yet', () => {
    const text = buildHandoverSummary(query, { fromName: 'Ada', note: 'n', recent: [], messageCount: 0 });
    expect(text).not.toContain('Latest from the donor');
  });
});
