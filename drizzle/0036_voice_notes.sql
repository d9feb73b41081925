ALTER TABLE "attachments" ADD COLUMN "transcription" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "transcribed_by" uuid;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "transcribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "media_id" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "media_status" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "media_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "media_error" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "media_sha256" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "media_size" integer;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "media_type" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "media_scan_status" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "attachment_id" uuid;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_transcribed_by_accounts_id_fk" FOREIGN KEY ("transcribed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_messages_media_pending_idx" ON "inbound_messages" USING btree ("received_at") WHERE "inbound_messages"."media_status" = 'pending';