import type { EntityManager } from 'typeorm';

const LOCK = "hashtext('vigil.site-writes')";

/**
 * Import applies and duplicate merges read stored sites, merge each list's values into them and write them back.
 * Two of them at once (two instances, or an upload while an officer confirms a duplicate) would each write the
 * sites from what they read, and the later commit would drop the other's list values. They take this lock, inside
 * their transaction and before reading any site, so they run one at a time across every instance; staging a file
 * (reading, validating) still runs in parallel.
 */
export async function lockSiteWrites(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
}

/** The same lock for a request that should not wait for an import to finish: false when another writer holds it. */
export async function tryLockSiteWrites(manager: EntityManager): Promise<boolean> {
  const [row] = await manager.query<{ locked: boolean }[]>(
    `SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`,
  );
  return row?.locked === true;
}

/**
 * The same lock in shared mode, for a writer that only updates scores of sites it read earlier (re-scoring): it
 * waits for an import or merge in progress to commit, keeps the next one out until its own transaction ends, and
 * does not hold up another shared holder.
 */
export async function lockSiteWritesShared(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${LOCK})`);
}

/** The shared lock for a request that should not wait for an import: false when an import or merge holds it. */
export async function tryLockSiteWritesShared(manager: EntityManager): Promise<boolean> {
  const [row] = await manager.query<{ locked: boolean }[]>(
    `SELECT pg_try_advisory_xact_lock_shared(${LOCK}) AS locked`,
  );
  return row?.locked === true;
}
