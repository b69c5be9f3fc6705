import type { MigrationInterface, QueryRunner } from 'typeorm';

// Sign-in attempts counted per key in a table of their own: before, failures were counted from the audit trail
// after the password check, so concurrent guesses were all checked before any was counted.

export class SignInAttempts1796590000000 implements MigrationInterface {
  name = 'SignInAttempts1796590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_attempts" (
        "key" character varying(600) NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_sign_in_attempts" PRIMARY KEY ("key")
      )`,
    );
    await queryRunner.query(
      'CREATE INDEX "ix_sign_in_attempts_window" ON "sign_in_attempts" ("window_started_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "sign_in_attempts"');
  }
}
