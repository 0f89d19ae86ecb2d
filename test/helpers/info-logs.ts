/**
 * Import this first in a test that reads the INFO lines an operator sees: jest.config.cjs sets WARN for every
 * other test, and the logger reads its level once, when `#shared/log` loads. (Each test file has its own copy of
 * process.env, so this stays in the file that imports it.)
 */
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';

export {};
