import { missingProfileFields, type ProfileFacts } from './profile-completeness.js';

const complete: ProfileFacts = {
  dateOfBirth: new Date('1995-04-12'),
  addressLine: '12 MG Road',
  city: 'Pune',
  country: 'IN',
  photoKey: 'agent-photos/a.png',
  qualificationCount: 1,
};

describe('missingProfileFields', () => {
  it('is empty for a complete profile', () => {
    expect(missingProfileFields(complete)).toEqual([]);
  });

  it('lists every field of a missing profile', () => {
    expect(missingProfileFields(null)).toEqual(['dateOfBirth', 'addressLine', 'city', 'country', 'photo', 'qualifications']);
  });

  it('names each missing field, blank text counting as missing', () => {
    expect(missingProfileFields({ ...complete, city: '  ', photoKey: null, qualificationCount: 0 })).toEqual(['city', 'photo', 'qualifications']);
    expect(missingProfileFields({ ...complete, dateOfBirth: null, addressLine: null, country: '' })).toEqual(['dateOfBirth', 'addressLine', 'country']);
  });
});
