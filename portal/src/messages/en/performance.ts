/** The performance screens' words, in English. */
export const performance = {} as const;
