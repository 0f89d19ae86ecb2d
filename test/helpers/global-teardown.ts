/** Stops the JVM global-setup started (and waits for it to exit, so no java process outlives the run). */
export default async function globalTeardown(): Promise<void> {
  const dynamo = globalThis.__accordDynamoLocal;
  globalThis.__accordDynamoLocal = undefined;
  await dynamo?.stop();
}
