CREATE TABLE "reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"purchased_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"send_after" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"reason" text,
	"planned_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"converted_order_id" bigint,
	"converted_at" timestamp with time zone,
	CONSTRAINT "reminders_reason_check" CHECK (("reminders"."status" = 'skipped') = ("reminders"."reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_active_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "profile_step" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "profile_asked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_converted_order_id_orders_id_fk" FOREIGN KEY ("converted_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_purchase_key" ON "reminders" USING btree ("contact_id","product_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_open_key" ON "reminders" USING btree ("contact_id","product_id") WHERE status = 'planned';--> statement-breakpoint
CREATE INDEX "reminders_send_idx" ON "reminders" USING btree ("send_after") WHERE status = 'planned';--> statement-breakpoint
CREATE INDEX "reminders_sent_idx" ON "reminders" USING btree ("contact_id","product_id") WHERE status = 'sent';--> statement-breakpoint
CREATE INDEX "contacts_silent_since_idx" ON "contacts" USING btree (coalesce("last_active_at", "first_seen_at"));--> statement-breakpoint
CREATE INDEX "contacts_birthday_md_idx" ON "contacts" USING btree (((extract(month from "birthday") * 100 + extract(day from "birthday"))::int)) WHERE birthday is not null;--> statement-breakpoint
CREATE INDEX "orders_unlinked_platform_idx" ON "orders" USING btree ("customer_platform_id") WHERE contact_id is null;--> statement-breakpoint
CREATE INDEX "orders_paid_idx" ON "orders" USING btree ("paid_at");