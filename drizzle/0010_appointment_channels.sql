ALTER TABLE "notifications" ADD COLUMN "send_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" DROP COLUMN "channel";--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "reply_channels" jsonb;