/** The local emulators accept any credentials; fixed ones keep DynamoDB Local's per-key namespaces consistent. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';
