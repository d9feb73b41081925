CREATE TABLE "mandates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mandator_id" uuid NOT NULL,
	"grantee_email" text NOT NULL,
	"grantee_id" uuid,
	"case_id" uuid,
	"category_id" uuid,
	"actions" jsonb NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"verified_by_id" uuid,
	"verified_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_mandator_id_accounts_id_fk" FOREIGN KEY ("mandator_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_grantee_id_accounts_id_fk" FOREIGN KEY ("grantee_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_category_id_case_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."case_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_verified_by_id_accounts_id_fk" FOREIGN KEY ("verified_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mandates_mandator_idx" ON "mandates" USING btree ("mandator_id");--> statement-breakpoint
CREATE INDEX "mandates_grantee_idx" ON "mandates" USING btree ("grantee_id");--> statement-breakpoint
CREATE INDEX "mandates_grantee_email_idx" ON "mandates" USING btree ("grantee_email");--> statement-breakpoint
CREATE INDEX "mandates_case_idx" ON "mandates" USING btree ("case_id");