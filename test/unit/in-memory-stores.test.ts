import { describeStoreContract } from '../contract/stores.contract.ts';
import { inMemoryStores } from '../fakes/in-memory-stores.ts';

// The fakes the use-case tests run on keep the same promises as the DynamoDB adapters.
describeStoreContract('in memory', () => inMemoryStores(), '7');
