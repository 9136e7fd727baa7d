-- The partner node that signed an inbound message: its RETRIEVED receipt goes back to that node,
-- whose queue of receipts keeps it even while the partner is not configured.
ALTER TABLE inbound_message ADD COLUMN sender_node VARCHAR(32);
