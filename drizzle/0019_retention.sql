-- Retention (law 09-08): a body's period per category, and the mark of a case whose content was removed.
ALTER TABLE "cases" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "institution_category_settings" ADD COLUMN "retention_months" integer;--> statement-breakpoint
CREATE INDEX "cases_retention_idx" ON "cases" USING btree ("closed_at","id") WHERE "cases"."anonymised_at" is null and "cases"."closed_at" is not null;--> statement-breakpoint
ALTER TABLE "institution_category_settings" ADD CONSTRAINT "institution_category_settings_retention_ck" CHECK ("institution_category_settings"."retention_months" between 2 and 600);