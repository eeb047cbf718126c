-- The order conversations were first bound in, as SQLite's rowid gives it: an upsert that rebinds a key keeps its
-- place. ConversationsOfAsync lists an incident's conversations in this order.
ALTER TABLE conversations ADD COLUMN bound bigint GENERATED ALWAYS AS IDENTITY;
