"""The clause language: conditions, treaties and clauses, perspectives, and their evaluation."""
