/**
 * Imported first by bench/run.ts: the figures are the output. The functions log warnings and errors only (the
 * logger reads its level once, when the first module that logs is imported; set POWERTOOLS_LOG_LEVEL to see
 * more), and the SDK's "Node >= 22 from 2027" notice is left out as in `npm start` (the bench runs on Node 20,
 * Lambda on 24).
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
