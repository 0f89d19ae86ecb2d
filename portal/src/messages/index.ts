import { en } from './en';

/** One catalog per locale; English is the only one so far and the fallback for every other. */
export const messages = en;
