CREATE TABLE "follow_up_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"score" integer NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"outcome_note" text
);
--> statement-breakpoint
ALTER TABLE "case_ratings" ADD COLUMN "agent_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_done_by_accounts_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_tasks_case_reason_idx" ON "follow_up_tasks" USING btree ("case_id","reason");--> statement-breakpoint
CREATE INDEX "follow_up_tasks_institution_idx" ON "follow_up_tasks" USING btree ("institution_id","done_at","opened_at");--> statement-breakpoint
ALTER TABLE "case_ratings" ADD CONSTRAINT "case_ratings_agent_id_accounts_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- a rating given before this column existed is put down to whoever holds its case now
UPDATE "case_ratings" SET "agent_id" = "cases"."assignee_id" FROM "cases" WHERE "cases"."id" = "case_ratings"."case_id" AND "case_ratings"."agent_id" IS NULL;
