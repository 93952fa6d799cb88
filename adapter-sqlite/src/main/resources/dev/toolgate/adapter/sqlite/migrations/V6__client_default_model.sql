-- Toolgate schema, version 6: a client may name the model its chat uses when a message names none
-- (issue 12). NULL, as for every client written before, means the gateway's default model.
ALTER TABLE client_profiles ADD COLUMN default_model TEXT;
