"""Reading partner files to the extract contract: name, bytes, table, types, rules, pseudonyms."""
