ALTER TABLE "accounts" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Databases seeded before this column: the demo's accounts are the .demo staff and its three citizens.
UPDATE "accounts" SET "is_demo" = true WHERE "email" LIKE '%.demo' OR "email" IN ('fatima@example.fr', 'youssef@example.es', 'khadija@example.be');
