/** The agent agreement in force; signing records this version. A new version makes agents sign again. */
export const CURRENT_AGREEMENT = {
  version: '2026-01',
  title: 'HitouchCX independent agent agreement',
  text: [
    'You work as an independent contractor on gigs you choose and accept.',
    'You keep customer data confidential and use it only for the gig it was given for.',
    'Payment follows the approved worked time at the rate stated on the opportunity.',
    'Disputes are raised on the platform and resolved by its administrators.',
  ].join('\n'),
} as const;
