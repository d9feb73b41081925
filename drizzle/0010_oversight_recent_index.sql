DROP INDEX "cases_institution_created_idx";--> statement-breakpoint
CREATE INDEX "cases_institution_created_idx" ON "cases" USING btree ("institution_id","created_at","id","state","closed_at");