DROP INDEX "cases_institution_state_idx";--> statement-breakpoint
DROP INDEX "cases_institution_created_idx";--> statement-breakpoint
CREATE INDEX "cases_open_created_idx" ON "cases" USING btree ("created_at") WHERE state in ('submitted', 'acknowledged', 'in_progress', 'awaiting_citizen', 'reply_pending_approval', 'reopened');--> statement-breakpoint
CREATE INDEX "cases_institution_state_idx" ON "cases" USING btree ("institution_id","state","kind","due_at","created_at","category_id","department_id","assignee_id","intake_channel","requester_country");--> statement-breakpoint
CREATE INDEX "cases_institution_created_idx" ON "cases" USING btree ("institution_id","created_at","id","state","closed_at");