import { fileDatabase } from '../support/postgres.js';
import { membershipContract } from './membership-contract.js';

const db = fileDatabase();
// PGlite without DATABASE_URL; the RFM agreement is a property test against the real server with it (≤ 30 runs).
membershipContract(db.name, () => db.ready, { runs: 12, rfmRuns: process.env.DATABASE_URL ? 30 : 12, fresh: async () => void (await db.fresh()) });
