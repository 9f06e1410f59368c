-- Open welcome batches move into notice batches, so joins waiting for their welcome at deploy time still get
-- it (the housekeeping sweep flushes them); then the old table and column go.
INSERT INTO "notice_batches" ("group_id", "kind", "status", "opened_at") SELECT "group_id", 'welcome', 'open', "opened_at" FROM "welcome_batches" WHERE "status" = 'open';--> statement-breakpoint
INSERT INTO "notices" ("batch_id", "contact_id", "cause", "data", "created_at") SELECT nb."id", m."contact_id", 'welcome-' || m."id", jsonb_build_object('type', 'welcome', 'membershipId', m."id"), m."joined_at" FROM "memberships" m JOIN "welcome_batches" wb ON wb."id" = m."welcome_batch_id" AND wb."status" = 'open' JOIN "notice_batches" nb ON nb."group_id" = wb."group_id" AND nb."kind" = 'welcome' AND nb."status" = 'open';--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_welcome_batch_id_welcome_batches_id_fk";--> statement-breakpoint
DROP INDEX "memberships_welcome_batch_idx";--> statement-breakpoint
ALTER TABLE "memberships" DROP COLUMN "welcome_batch_id";--> statement-breakpoint
DROP TABLE "welcome_batches";
