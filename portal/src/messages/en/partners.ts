/** The partners screens' words, in English. */
export const partners = {} as const;
