CREATE TABLE "bot_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bot_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"name" text,
	"self_platform_id" text,
	"claim_code_hash" text,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_contact_id" bigint,
	"via" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"display_name" text,
	"city" text,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"birthday" date,
	"age_range" text,
	"phone" text,
	"consent_at" timestamp with time zone,
	"consent_version" text,
	"opted_out_at" timestamp with time zone,
	"is_friend" boolean DEFAULT false NOT NULL,
	"friend_since" timestamp with time zone,
	"source_channel" text,
	"tier" text DEFAULT 'standard' NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "platform_links" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "platform_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"platform_id" text NOT NULL,
	"contact_id" bigint,
	"group_id" bigint,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "platform_links_target_check" CHECK (("platform_links"."kind" = 'contact' and "platform_links"."contact_id" is not null and "platform_links"."group_id" is null) or ("platform_links"."kind" = 'room' and "platform_links"."group_id" is not null and "platform_links"."contact_id" is null))
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"topic" text NOT NULL,
	"region" text,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"operator_id" bigint,
	"timezone" text NOT NULL,
	"content_slot" text DEFAULT '10:00' NOT NULL,
	"promo_slot" text DEFAULT '20:00' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "memberships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"inviter_id" bigint,
	"source" text NOT NULL,
	"welcome_batch_id" bigint
);
--> statement-breakpoint
CREATE TABLE "welcome_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "welcome_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"flushed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "message_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "message_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"direction" text NOT NULL,
	"group_id" bigint,
	"contact_id" bigint,
	"text" text,
	"kind" text NOT NULL,
	"platform_message_id" text,
	"outbox_id" bigint,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governor_state" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"recent" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL,
	"paused_until" timestamp with time zone,
	"backoff_level" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"idem_key" text NOT NULL,
	"kind" text NOT NULL,
	"purpose" text NOT NULL,
	"group_id" bigint,
	"contact_id" bigint,
	"mention_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"text" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"release_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sending_at" timestamp with time zone,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" bigint NOT NULL,
	"role" text NOT NULL,
	"granted_by" bigint,
	"granted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_contact_id_contacts_id_fk" FOREIGN KEY ("actor_contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_links" ADD CONSTRAINT "platform_links_account_id_bot_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."bot_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_links" ADD CONSTRAINT "platform_links_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_links" ADD CONSTRAINT "platform_links_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_account_id_bot_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."bot_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_operator_id_contacts_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_inviter_id_contacts_id_fk" FOREIGN KEY ("inviter_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_welcome_batch_id_welcome_batches_id_fk" FOREIGN KEY ("welcome_batch_id") REFERENCES "public"."welcome_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "welcome_batches" ADD CONSTRAINT "welcome_batches_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_log" ADD CONSTRAINT "message_log_account_id_bot_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."bot_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_log" ADD CONSTRAINT "message_log_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_log" ADD CONSTRAINT "message_log_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governor_state" ADD CONSTRAINT "governor_state_account_id_bot_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."bot_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_account_id_bot_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."bot_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_members" ADD CONSTRAINT "staff_members_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_members" ADD CONSTRAINT "staff_members_granted_by_contacts_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bot_accounts_key_key" ON "bot_accounts" USING btree ("key");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "contacts_phone_idx" ON "contacts" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_links_account_kind_platform_key" ON "platform_links" USING btree ("account_id","kind","platform_id");--> statement-breakpoint
CREATE INDEX "platform_links_contact_idx" ON "platform_links" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "platform_links_group_idx" ON "platform_links" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "groups_account_idx" ON "groups" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "groups_operator_idx" ON "groups" USING btree ("operator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_open_key" ON "memberships" USING btree ("group_id","contact_id") WHERE left_at is null;--> statement-breakpoint
CREATE INDEX "memberships_contact_idx" ON "memberships" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "memberships_welcome_batch_idx" ON "memberships" USING btree ("welcome_batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "welcome_batches_open_group_key" ON "welcome_batches" USING btree ("group_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "message_log_contact_at_idx" ON "message_log" USING btree ("contact_id","at");--> statement-breakpoint
CREATE INDEX "message_log_group_at_idx" ON "message_log" USING btree ("group_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "message_log_inbound_platform_key" ON "message_log" USING btree ("account_id","platform_message_id") WHERE direction = 'in';--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_account_idem_key" ON "outbox" USING btree ("account_id","idem_key");--> statement-breakpoint
CREATE INDEX "outbox_account_status_idx" ON "outbox" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_members_contact_key" ON "staff_members" USING btree ("contact_id");