CREATE TABLE "citizen_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"grounds" text NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "citizen_escalations_case_level" UNIQUE("case_id","level")
);
--> statement-breakpoint
ALTER TABLE "citizen_escalations" ADD CONSTRAINT "citizen_escalations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_escalations" ADD CONSTRAINT "citizen_escalations_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citizen_escalations_created_idx" ON "citizen_escalations" USING btree ("created_at");