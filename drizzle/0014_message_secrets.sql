ALTER TABLE "notifications" ADD COLUMN "sealed_secrets" text;--> statement-breakpoint
-- Receipts already sent kept the case's secret code in clear: it is masked in the stored copies.
UPDATE "notifications" SET
  "subject" = regexp_replace("subject", '\m[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}\M', '•••••-•••••', 'g'),
  "text_body" = regexp_replace("text_body", '\m[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}\M', '•••••-•••••', 'g'),
  "html_body" = regexp_replace("html_body", '\m[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}\M', '•••••-•••••', 'g'),
  "payload" = regexp_replace("payload"::text, '\m[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}\M', '•••••-•••••', 'g')::jsonb
WHERE "event" = 'receipt' AND "status" IN ('sent', 'bounced');
