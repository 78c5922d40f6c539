import { defineQueue } from './job-queue.js';

describe('defineQueue', () => {
  it('refuses names that cannot be Redis key parts and the reserved schedules queue', () => {
    expect(() => defineQueue('Mail Queue')).toThrow('lower-case');
    expect(() => defineQueue('schedules')).toThrow('reserved');
    expect(defineQueue('sms')).toMatchObject({ name: 'sms', attempts: 5, concurrency: 4 });
  });
});
