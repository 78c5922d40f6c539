import { Header } from '@nestjs/common';

/** For answers that carry tokens or codes: no browser, proxy or CDN may keep a copy. */
export const NoStore = () => Header('Cache-Control', 'no-store');
