ALTER TABLE "cases" ADD COLUMN "legacy_reference" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "originally_filed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "legacy_service" text;