ALTER TABLE "attachments" ADD COLUMN "scan_status" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "scan_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pending_uploads" ADD COLUMN "scan_status" text;--> statement-breakpoint
ALTER TABLE "pending_uploads" ADD COLUMN "scan_lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "attachments_held_idx" ON "attachments" USING btree ("created_at") WHERE "attachments"."scan_status" = 'pending';