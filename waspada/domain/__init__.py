"""Pure domain logic: no Django imports, so it can be tested and reused anywhere."""
