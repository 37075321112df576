import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.js';
import { storeContract } from './contract.js';

storeContract('embedded (chdb)', () => openStore({ kind: 'embedded', path: mkdtempSync(join(tmpdir(), 'earshot-store-')), writer: { batchSize: 1000, flushInterval: 1000, maxRetryDelay: 1000 } }));
