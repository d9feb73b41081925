CREATE TABLE "appointment_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"service_id" uuid,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"reason_ar" text NOT NULL,
	"reason_fr" text NOT NULL,
	"reason_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_closures_dates_ck" CHECK ("appointment_closures"."start_date" <= "appointment_closures"."end_date")
);
--> statement-breakpoint
CREATE TABLE "appointment_counters" (
	"institution_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"period" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "appointment_counters_institution_id_scope_period_pk" PRIMARY KEY("institution_id","scope","period")
);
--> statement-breakpoint
CREATE TABLE "appointment_event_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"capacity" integer NOT NULL,
	"label_ar" text,
	"label_fr" text,
	"label_en" text,
	"place_ar" text NOT NULL,
	"place_fr" text NOT NULL,
	"place_en" text NOT NULL,
	"address" text,
	CONSTRAINT "appointment_event_days_event_date_uq" UNIQUE("event_id","date"),
	CONSTRAINT "appointment_event_days_capacity_ck" CHECK ("appointment_event_days"."capacity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "appointment_event_services" (
	"event_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	CONSTRAINT "appointment_event_services_event_id_service_id_pk" PRIMARY KEY("event_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "appointment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title_ar" text NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text NOT NULL,
	"description_ar" text,
	"description_fr" text,
	"description_en" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_events_institution_code_uq" UNIQUE("institution_id","code")
);
--> statement-breakpoint
CREATE TABLE "appointment_officials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"title_ar" text NOT NULL,
	"title_fr" text NOT NULL,
	"title_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_officials_institution_account_uq" UNIQUE("institution_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "appointment_service_officials" (
	"service_id" uuid NOT NULL,
	"official_id" uuid NOT NULL,
	CONSTRAINT "appointment_service_officials_service_id_official_id_pk" PRIMARY KEY("service_id","official_id")
);
--> statement-breakpoint
CREATE TABLE "appointment_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"department_id" uuid,
	"code" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL,
	"book_with" text DEFAULT 'window' NOT NULL,
	"slot_minutes" integer NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"modes" jsonb DEFAULT '["in_person"]'::jsonb NOT NULL,
	"min_notice_minutes" integer DEFAULT 120 NOT NULL,
	"horizon_days" integer DEFAULT 60 NOT NULL,
	"video_room_base" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_services_institution_code_uq" UNIQUE("institution_id","code"),
	CONSTRAINT "appointment_services_slot_ck" CHECK ("appointment_services"."slot_minutes" between 5 and 480),
	CONSTRAINT "appointment_services_capacity_ck" CHECK ("appointment_services"."capacity" between 1 and 100),
	CONSTRAINT "appointment_services_buffer_ck" CHECK ("appointment_services"."buffer_minutes" between 0 and 240)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"institution_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"official_id" uuid,
	"resource" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"seat" integer NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"citizen_id" uuid NOT NULL,
	"case_id" uuid,
	"language" text NOT NULL,
	"time_zone" text NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"note" text,
	"video_url" text,
	"manage_nonce" text NOT NULL,
	"ics_sequence" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"scheduled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminder_day_at" timestamp with time zone,
	"reminder_hour_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_reference_unique" UNIQUE("reference"),
	CONSTRAINT "appointments_seat_ck" CHECK ("appointments"."seat" >= 1)
);
--> statement-breakpoint
CREATE TABLE "availability_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"service_id" uuid,
	"official_id" uuid,
	"kind" text NOT NULL,
	"weekday" integer NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"capacity" integer,
	"every_weeks" integer DEFAULT 1 NOT NULL,
	"anchor_date" date,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_rules_weekday_ck" CHECK ("availability_rules"."weekday" between 1 and 7),
	CONSTRAINT "availability_rules_time_ck" CHECK ("availability_rules"."start_minute" >= 0 and "availability_rules"."end_minute" <= 1440 and "availability_rules"."start_minute" < "availability_rules"."end_minute")
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"event_id" uuid NOT NULL,
	"event_day_id" uuid NOT NULL,
	"day" date NOT NULL,
	"citizen_id" uuid NOT NULL,
	"service_id" uuid,
	"seat" integer NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "event_registrations_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"day" date NOT NULL,
	"number" integer NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"service_id" uuid,
	"appointment_id" uuid,
	"event_registration_id" uuid,
	"citizen_id" uuid,
	"visitor_name" text,
	"status" text DEFAULT 'waiting' NOT NULL,
	"sort_at" timestamp with time zone NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"checked_in_by" uuid,
	"counter" text,
	"called_at" timestamp with time zone,
	"called_by" uuid,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"outcome_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "queue_tickets_appointment_id_unique" UNIQUE("appointment_id"),
	CONSTRAINT "queue_tickets_event_registration_id_unique" UNIQUE("event_registration_id"),
	CONSTRAINT "queue_tickets_institution_day_number_uq" UNIQUE("institution_id","day","number")
);
--> statement-breakpoint
ALTER TABLE "outbox_emails" ADD COLUMN "ics" text;--> statement-breakpoint
ALTER TABLE "appointment_closures" ADD CONSTRAINT "appointment_closures_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_closures" ADD CONSTRAINT "appointment_closures_service_id_appointment_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appointment_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_counters" ADD CONSTRAINT "appointment_counters_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_event_days" ADD CONSTRAINT "appointment_event_days_event_id_appointment_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."appointment_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_event_services" ADD CONSTRAINT "appointment_event_services_event_id_appointment_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."appointment_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_event_services" ADD CONSTRAINT "appointment_event_services_service_id_appointment_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appointment_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_events" ADD CONSTRAINT "appointment_events_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_officials" ADD CONSTRAINT "appointment_officials_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_officials" ADD CONSTRAINT "appointment_officials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_service_officials" ADD CONSTRAINT "appointment_service_officials_service_id_appointment_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appointment_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_service_officials" ADD CONSTRAINT "appointment_service_officials_official_id_appointment_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."appointment_officials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_services" ADD CONSTRAINT "appointment_services_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_services" ADD CONSTRAINT "appointment_services_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_service_id_appointment_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appointment_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_official_id_appointment_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."appointment_officials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_citizen_id_accounts_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_service_id_appointment_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appointment_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_official_id_appointment_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."appointment_officials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_appointment_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."appointment_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_day_id_appointment_event_days_id_fk" FOREIGN KEY ("event_day_id") REFERENCES "public"."appointment_event_days"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_citizen_id_accounts_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_service_id_appointment_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appointment_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_service_id_appointment_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appointment_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_event_registration_id_event_registrations_id_fk" FOREIGN KEY ("event_registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_citizen_id_accounts_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_checked_in_by_accounts_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_called_by_accounts_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_closures_institution_idx" ON "appointment_closures" USING btree ("institution_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_seat_uq" ON "appointments" USING btree ("resource","starts_at","seat") WHERE "appointments"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "appointments_institution_day_idx" ON "appointments" USING btree ("institution_id","day");--> statement-breakpoint
CREATE INDEX "appointments_resource_idx" ON "appointments" USING btree ("resource","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_citizen_idx" ON "appointments" USING btree ("citizen_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_status_idx" ON "appointments" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "availability_rules_institution_idx" ON "availability_rules" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_seat_uq" ON "event_registrations" USING btree ("event_day_id","seat") WHERE "event_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_citizen_uq" ON "event_registrations" USING btree ("event_day_id","citizen_id") WHERE "event_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "event_registrations_citizen_idx" ON "event_registrations" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("institution_id","day","status","sort_at");