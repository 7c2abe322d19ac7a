/**
 * A client built when first asked for, once per container: `make` loads its package (a dynamic import, which the
 * bundles leave to run time), so a function that never calls the service never loads it at cold start.
 */
export function onDemand<T>(make: () => Promise<T>): () => Promise<T> {
  let client: Promise<T> | undefined;
  return () => {
    client ??= make();
    return client;
  };
}
