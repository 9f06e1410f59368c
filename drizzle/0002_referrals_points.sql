CREATE TABLE "coupons" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coupons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"batch" text NOT NULL,
	"value" numeric,
	"contact_id" bigint NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"cause" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchanges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchanges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"cost" integer NOT NULL,
	"request_key" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" bigint NOT NULL,
	"delta" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"cause" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_ledger_delta_check" CHECK ("points_ledger"."delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "reward_catalog" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reward_catalog_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"cost" integer NOT NULL,
	"stock" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "reward_catalog_stock_check" CHECK ("reward_catalog"."stock" >= 0),
	CONSTRAINT "reward_catalog_cost_check" CHECK ("reward_catalog"."cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referrals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"inviter_id" bigint,
	"invitee_id" bigint NOT NULL,
	"group_id" bigint NOT NULL,
	"membership_id" bigint NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"joined_at" timestamp with time zone NOT NULL,
	"qualifies_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "referrals_inviter_check" CHECK ("referrals"."inviter_id" is not null or "referrals"."reason" = 'bot'),
	CONSTRAINT "referrals_reason_check" CHECK (("referrals"."status" = 'rejected') = ("referrals"."reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "reward_grants" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reward_grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"inviter_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"group_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" bigint
);
--> statement-breakpoint
CREATE TABLE "notice_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notice_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"flushed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"batch_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"cause" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_item_id_reward_catalog_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."reward_catalog"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_inviter_id_contacts_id_fk" FOREIGN KEY ("inviter_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_invitee_id_contacts_id_fk" FOREIGN KEY ("invitee_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_grants" ADD CONSTRAINT "reward_grants_inviter_id_contacts_id_fk" FOREIGN KEY ("inviter_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_grants" ADD CONSTRAINT "reward_grants_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_grants" ADD CONSTRAINT "reward_grants_decided_by_contacts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_batches" ADD CONSTRAINT "notice_batches_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_batch_id_notice_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."notice_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_code_key" ON "coupons" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_cause_key" ON "coupons" USING btree ("cause");--> statement-breakpoint
CREATE INDEX "coupons_contact_idx" ON "coupons" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchanges_request_key" ON "exchanges" USING btree ("request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_cause_key" ON "points_ledger" USING btree ("contact_id","cause");--> statement-breakpoint
CREATE INDEX "points_ledger_contact_idx" ON "points_ledger" USING btree ("contact_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_catalog_sku_key" ON "reward_catalog" USING btree ("sku");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_invitee_counting_key" ON "referrals" USING btree ("invitee_id") WHERE status in ('pending', 'qualified');--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_pair_key" ON "referrals" USING btree ("inviter_id","invitee_id") WHERE inviter_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_membership_key" ON "referrals" USING btree ("membership_id");--> statement-breakpoint
CREATE INDEX "referrals_inviter_idx" ON "referrals" USING btree ("inviter_id","status");--> statement-breakpoint
CREATE INDEX "referrals_group_decided_idx" ON "referrals" USING btree ("group_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_grants_inviter_kind_key" ON "reward_grants" USING btree ("inviter_id","kind");--> statement-breakpoint
CREATE INDEX "reward_grants_status_idx" ON "reward_grants" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_batches_open_key" ON "notice_batches" USING btree ("group_id","kind") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "notices_cause_key" ON "notices" USING btree ("cause");--> statement-breakpoint
CREATE INDEX "notices_batch_idx" ON "notices" USING btree ("batch_id");