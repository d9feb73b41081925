CREATE TABLE "deadline_steps" (
	"case_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_steps_case_id_level_due_at_pk" PRIMARY KEY("case_id","level","due_at")
);
--> statement-breakpoint
CREATE TABLE "escalation_digests" (
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"covers_until" timestamp with time zone NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "escalation_digests_account_id_day_pk" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
ALTER TABLE "deadline_steps" ADD CONSTRAINT "deadline_steps_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_digests" ADD CONSTRAINT "escalation_digests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deadline_steps_created_idx" ON "deadline_steps" USING btree ("created_at") WHERE "deadline_steps"."level" > 0;--> statement-breakpoint
CREATE INDEX "cases_running_due_idx" ON "cases" USING btree ("due_at","id") WHERE state in ('submitted', 'acknowledged', 'in_progress', 'reply_pending_approval', 'reopened');--> statement-breakpoint
-- the steps already taken (recorded until now only as timeline events) count for the case's present due date
INSERT INTO "deadline_steps" ("case_id", "level", "due_at", "created_at")
SELECT e."case_id",
	CASE WHEN e."type" = 'deadline_reminder' THEN 0 ELSE (e."data"->>'level')::smallint END,
	c."due_at", min(e."created_at")
FROM "case_events" e JOIN "cases" c ON c."id" = e."case_id"
-- (an overseer's instruction escalated by hand is an 'escalated' event too, without a level: not a step)
WHERE e."type" = 'deadline_reminder' OR (e."type" = 'escalated' AND e."data" ? 'level')
GROUP BY 1, 2, 3
ON CONFLICT DO NOTHING;
