CREATE TABLE "campaign_groups" (
	"campaign_id" bigint NOT NULL,
	"group_id" bigint NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"formed_at" timestamp with time zone,
	"outcome" text,
	"announce_due_at" timestamp with time zone,
	"announced_at" timestamp with time zone,
	CONSTRAINT "campaign_groups_pkey" PRIMARY KEY("campaign_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"image_url" text,
	"link_url" text,
	"priority" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"target_kind" text NOT NULL,
	"target_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_group_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"keyword" text,
	"winners" integer,
	"prize" text,
	"group_size" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" bigint,
	"created_via" text NOT NULL,
	"request_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"approved_by" bigint,
	"approved_via" text,
	"approved_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"draw_seed" bigint,
	CONSTRAINT "campaigns_window_check" CHECK ("campaigns"."ends_at" > "campaigns"."starts_at"),
	CONSTRAINT "campaigns_lottery_check" CHECK ("campaigns"."kind" <> 'lottery' or ("campaigns"."keyword" is not null and "campaigns"."winners" > 0)),
	CONSTRAINT "campaigns_group_buy_check" CHECK ("campaigns"."kind" <> 'group_buy' or "campaigns"."group_size" > 1)
);
--> statement-breakpoint
CREATE TABLE "group_buy_joins" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "group_buy_joins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"group_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"joined_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lottery_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lottery_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"group_id" bigint NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"rank" integer
);
--> statement-breakpoint
CREATE TABLE "content_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"image_url" text,
	"link_url" text,
	"region" text,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"author_id" bigint,
	"source" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	"retired_by" bigint,
	CONSTRAINT "content_items_validity_check" CHECK ("content_items"."valid_from" is null or "content_items"."valid_until" is null or "content_items"."valid_from" < "content_items"."valid_until")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"item_id" bigint,
	"campaign_id" bigint,
	"due_at" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone,
	"planned_at" timestamp with time zone NOT NULL,
	"posted_at" timestamp with time zone,
	"outbox_id" bigint,
	"skip_reason" text,
	"skipped_by" bigint,
	CONSTRAINT "posts_skip_reason_check" CHECK (("posts"."status" = 'skipped') = ("posts"."skip_reason" is not null)),
	CONSTRAINT "posts_one_source_check" CHECK ("posts"."item_id" is null or "posts"."campaign_id" is null)
);
--> statement-breakpoint
ALTER TABLE "campaign_groups" ADD CONSTRAINT "campaign_groups_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_groups" ADD CONSTRAINT "campaign_groups_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_contacts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_approved_by_contacts_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_joins" ADD CONSTRAINT "group_buy_joins_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_joins" ADD CONSTRAINT "group_buy_joins_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_joins" ADD CONSTRAINT "group_buy_joins_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_entries" ADD CONSTRAINT "lottery_entries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_entries" ADD CONSTRAINT "lottery_entries_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_entries" ADD CONSTRAINT "lottery_entries_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_author_id_contacts_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_retired_by_contacts_id_fk" FOREIGN KEY ("retired_by") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_item_id_content_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."content_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_skipped_by_contacts_id_fk" FOREIGN KEY ("skipped_by") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_groups_group_idx" ON "campaign_groups" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_request_key" ON "campaigns" USING btree ("request_key");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "group_buy_joins_campaign_contact_key" ON "group_buy_joins" USING btree ("campaign_id","contact_id");--> statement-breakpoint
CREATE INDEX "group_buy_joins_team_idx" ON "group_buy_joins" USING btree ("campaign_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lottery_entries_campaign_contact_key" ON "lottery_entries" USING btree ("campaign_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lottery_entries_campaign_rank_key" ON "lottery_entries" USING btree ("campaign_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "content_items_fingerprint_key" ON "content_items" USING btree ("fingerprint");--> statement-breakpoint
CREATE INDEX "content_items_kind_active_idx" ON "content_items" USING btree ("kind") WHERE retired_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "posts_group_day_kind_key" ON "posts" USING btree ("group_id","day","kind");--> statement-breakpoint
CREATE INDEX "posts_group_item_day_idx" ON "posts" USING btree ("group_id","item_id","day");--> statement-breakpoint
CREATE INDEX "posts_planned_due_idx" ON "posts" USING btree ("due_at") WHERE status = 'planned';--> statement-breakpoint
CREATE INDEX "posts_campaign_idx" ON "posts" USING btree ("campaign_id");