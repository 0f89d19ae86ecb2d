/** The agreements screens' words, in English. */
export const agreements = {} as const;
