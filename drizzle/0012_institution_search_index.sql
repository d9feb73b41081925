-- btree_gin lets a GIN index hold the institution beside the words (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "cases_search_idx";--> statement-breakpoint
CREATE INDEX "cases_institution_search_idx" ON "cases" USING gin ("institution_id","search");
