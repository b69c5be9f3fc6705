import type { DataSource } from 'typeorm';

// With DATABASE_MIGRATION_URL the tables belong to one role (the owner, which runs the migrations) and the service
// runs as another (DATABASE_URL's). After migrating, the owner gives the service's role what it needs and no more:
// reading and writing the data, but on the audit trail only reading, appending, and sealing an event into the hash
// chain. A role that does not own audit_events can neither switch its append-only trigger off nor alter it, so the
// trail is then protected against the service itself; a service that owns it (one URL for both) or is a superuser
// can only be caught by the chain (GET /audit/verify).

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;

function quoted(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) {
    throw new Error(`the database role "${identifier}" is not a name this service grants to`);
  }
  return `"${identifier}"`;
}

/** The owner grants the service's role its privileges; safe to run at every start. */
export async function grantRuntimeRole(owner: DataSource, runtimeRole: string): Promise<void> {
  const role = quoted(runtimeRole);
  const [{ database }] = await owner.query<{ database: string }[]>('SELECT current_database() AS database');
  await owner.transaction(async (manager) => {
    for (const statement of [
      // The job queue checks its schema at every start (CREATE SCHEMA IF NOT EXISTS), which needs this.
      `GRANT CONNECT, CREATE ON DATABASE "${database.replace(/"/g, '""')}" TO ${role}`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      `REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_events FROM ${role}`,
      `GRANT SELECT, INSERT ON audit_events TO ${role}`,
      `GRANT UPDATE (seq, prev_hash, hash) ON audit_events TO ${role}`,
      // The job queue keeps its own tables, which it creates and upgrades itself: its schema is the service's.
      `CREATE SCHEMA IF NOT EXISTS pgboss AUTHORIZATION ${role}`,
      handOverJobQueue(runtimeRole),
      `GRANT ALL ON SCHEMA pgboss TO ${role}`,
      `GRANT ALL ON ALL TABLES IN SCHEMA pgboss TO ${role}`,
      `GRANT ALL ON ALL SEQUENCES IN SCHEMA pgboss TO ${role}`,
    ]) {
      await manager.query(statement);
    }
  });
}

/**
 * A job-queue schema made while the service ran as the owner (before the roles were split) is handed to the
 * service's role with everything in it: the queue adds a table per new queue and upgrades its tables itself, which
 * only their owner may do. An owner that may not give objects to the service's role leaves them as they are (the
 * grants above still let the existing queues work).
 */
function handOverJobQueue(runtimeRole: string): string {
  const role = runtimeRole.replace(/'/g, "''");
  return `DO $$
    DECLARE item record;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss' AND nspowner <> '${role}'::regrole)
         AND NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE n.nspname = 'pgboss' AND c.relowner <> '${role}'::regrole) THEN
        RETURN;
      END IF;
      EXECUTE format('ALTER SCHEMA pgboss OWNER TO %I', '${role}');
      FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> '${role}'::regrole
      LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
          WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, item.name, '${role}');
      END LOOP;
      FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = 'pgboss' AND p.proowner <> '${role}'::regrole
      LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, '${role}');
      END LOOP;
      FOR item IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'pgboss' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0 AND t.typowner <> '${role}'::regrole
      LOOP
        EXECUTE format('ALTER TYPE %s OWNER TO %I', item.name, '${role}');
      END LOOP;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'the job queue schema stays with its owner: %', SQLERRM;
    END $$`;
}

/** How the audit trail is protected against the service's own role. */
export type AuditProtection = 'separate-owner' | 'tamper-evident';

export async function auditProtection(dataSource: DataSource): Promise<AuditProtection> {
  const [row] = await dataSource.query<{ owns: boolean; superuser: boolean }[]>(
    `SELECT (SELECT tableowner = current_user FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_events') AS owns,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
  );
  return row?.owns || row?.superuser ? 'tamper-evident' : 'separate-owner';
}
