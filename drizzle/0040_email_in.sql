ALTER TABLE "desk_intakes" ALTER COLUMN "from_phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_messages" ALTER COLUMN "from_phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "desk_intakes" ADD COLUMN "from_email" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "from_email" text;