/**
 * Imported first by bench/run.ts: the figures are the output, so the functions log warnings and errors only
 * (the logger reads its level once, when the first module that logs is imported). Set POWERTOOLS_LOG_LEVEL to
 * see more.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
