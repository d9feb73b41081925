CREATE TABLE "open_data_editions" (
	"day" text NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"rows" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open_data_editions_day_format_pk" PRIMARY KEY("day","format")
);
--> statement-breakpoint
CREATE TABLE "public_figures_monthly" (
	"scope_type" text NOT NULL,
	"scope_code" text NOT NULL,
	"category" text NOT NULL,
	"month" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"replied" integer DEFAULT 0 NOT NULL,
	"replied_on_time" integer DEFAULT 0 NOT NULL,
	"reply_days" integer[] NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"escalated" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "public_figures_monthly_scope_type_scope_code_category_month_pk" PRIMARY KEY("scope_type","scope_code","category","month")
);
--> statement-breakpoint
CREATE TABLE "public_figures_open" (
	"scope_type" text NOT NULL,
	"scope_code" text NOT NULL,
	"category" text NOT NULL,
	"open" integer NOT NULL,
	"overdue" integer NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	CONSTRAINT "public_figures_open_scope_type_scope_code_category_pk" PRIMARY KEY("scope_type","scope_code","category")
);
--> statement-breakpoint
CREATE INDEX "case_events_figures_idx" ON "case_events" USING btree ("created_at") WHERE type in ('reply_approved', 'ready', 'rejected', 'reopened', 'escalated', 'citizen_escalated');