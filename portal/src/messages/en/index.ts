import { auth } from './auth';
import { agreements } from './agreements';
import { partners } from './partners';
import { performance } from './performance';
import { shell } from './shell';

/**
 * Every string a user reads, in English: one catalog, kept in a file per area so each screen's words sit together.
 * Another locale is another folder of the same shape.
 */
export const en = { ...shell, auth, partners, agreements, performance } as const;

export type Messages = typeof en;
