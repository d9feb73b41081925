CREATE TABLE "closed_case_counts" (
	"institution_id" uuid NOT NULL,
	"state" text NOT NULL,
	"kind" text NOT NULL,
	"category_id" uuid NOT NULL,
	"intake_channel" text NOT NULL,
	"requester_country" text,
	"n" integer NOT NULL,
	CONSTRAINT "closed_case_counts_key" UNIQUE NULLS NOT DISTINCT("institution_id","state","kind","category_id","intake_channel","requester_country")
);
--> statement-breakpoint
CREATE TABLE "oversight_snapshots" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"open" integer NOT NULL,
	"overdue" integer NOT NULL,
	"past_due" integer NOT NULL,
	"received90" integer NOT NULL,
	"median_days_to_answer" double precision,
	"oldest_open_at" timestamp with time zone,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oversight_snapshots" ADD CONSTRAINT "oversight_snapshots_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Keeps closed_case_counts in step with cases, in the transaction that changes a case. A case counts there
-- while its state is not one of the open states (the list of openStates in state-machine.ts; a test checks
-- that the two agree).
CREATE OR REPLACE FUNCTION closed_case_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  open_states constant text[] := ARRAY['submitted','acknowledged','in_progress','awaiting_citizen','reply_pending_approval','reopened'];
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.institution_id, OLD.state, OLD.kind, OLD.category_id, OLD.intake_channel, OLD.requester_country)
         IS NOT DISTINCT FROM
         (NEW.institution_id, NEW.state, NEW.kind, NEW.category_id, NEW.intake_channel, NEW.requester_country) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND NOT (OLD.state = ANY (open_states)) THEN
    UPDATE closed_case_counts SET n = n - 1
     WHERE institution_id = OLD.institution_id AND state = OLD.state AND kind = OLD.kind
       AND category_id = OLD.category_id AND intake_channel = OLD.intake_channel
       AND requester_country IS NOT DISTINCT FROM OLD.requester_country;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NOT (NEW.state = ANY (open_states)) THEN
    INSERT INTO closed_case_counts (institution_id, state, kind, category_id, intake_channel, requester_country, n)
    VALUES (NEW.institution_id, NEW.state, NEW.kind, NEW.category_id, NEW.intake_channel, NEW.requester_country, 1)
    ON CONFLICT (institution_id, state, kind, category_id, intake_channel, requester_country)
    DO UPDATE SET n = closed_case_counts.n + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER closed_case_counts_keep
  AFTER INSERT OR DELETE OR UPDATE OF institution_id, state, kind, category_id, intake_channel, requester_country
  ON cases FOR EACH ROW EXECUTE FUNCTION closed_case_counts_keep();
--> statement-breakpoint
INSERT INTO closed_case_counts (institution_id, state, kind, category_id, intake_channel, requester_country, n)
SELECT institution_id, state, kind, category_id, intake_channel, requester_country, count(*)::int
  FROM cases
 WHERE NOT (state = ANY (ARRAY['submitted','acknowledged','in_progress','awaiting_citizen','reply_pending_approval','reopened']))
 GROUP BY institution_id, state, kind, category_id, intake_channel, requester_country;
