-- The partner node that signed an inbound message: its RETRIEVED receipt goes back to that node,
-- whose queue of receipts keeps it even while the partner is not configured.
ALTER TABLE inbound_message ADD COLUMN sender_node VARCHAR(32);

-- The partner a dead-lettered receipt was for (from the queue it was dead-lettered from), so that
-- a replay puts it back on that partner's receipts queue.
ALTER TABLE dead_letter_receipt ADD COLUMN partner VARCHAR(32);
