ALTER TABLE "memberships" DROP CONSTRAINT "memberships_welcome_batch_id_welcome_batches_id_fk";--> statement-breakpoint
DROP INDEX "memberships_welcome_batch_idx";--> statement-breakpoint
ALTER TABLE "memberships" DROP COLUMN "welcome_batch_id";--> statement-breakpoint
DROP TABLE "welcome_batches";
