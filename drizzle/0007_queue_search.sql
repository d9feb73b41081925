-- Folds Arabic letter variants and diacritics, French accents and case, for searching.
CREATE OR REPLACE FUNCTION jisr_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT translate(lower(t), '-أإآٱىةؤئàâäáãÀÂÄÁÃéèêëÉÈÊËîïíìÎÏÍÌôöóòõÔÖÓÒÕùûüúÙÛÜÚçÇñÑÿŸًٌٍَُِّْـٰ', ' اااايهويaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuccnnyy') $$;
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "requester_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "requester_country" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, jisr_fold(tracking_number || ' ' || requester_name || ' ' || subject || ' ' || description))) STORED;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saved_views_account_idx" ON "saved_views" USING btree ("account_id","institution_id");--> statement-breakpoint
CREATE INDEX "cases_institution_created_idx" ON "cases" USING btree ("institution_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_institution_due_idx" ON "cases" USING btree ("institution_id","due_at","id");--> statement-breakpoint
CREATE INDEX "cases_institution_updated_idx" ON "cases" USING btree ("institution_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id","state");--> statement-breakpoint
CREATE INDEX "cases_department_idx" ON "cases" USING btree ("department_id","state");--> statement-breakpoint
CREATE INDEX "cases_search_idx" ON "cases" USING gin ("search");