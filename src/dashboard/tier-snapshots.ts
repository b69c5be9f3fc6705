import type { EntityManager } from 'typeorm';

/** Records the current tier mix; call it inside the transaction that changed the current tiers. */
export async function recordTierSnapshot(manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO tier_snapshots (low, medium, high, critical)
     SELECT count(*) FILTER (WHERE current_tier = 'low'), count(*) FILTER (WHERE current_tier = 'medium'),
            count(*) FILTER (WHERE current_tier = 'high'), count(*) FILTER (WHERE current_tier = 'critical')
       FROM suppliers`,
  );
}
