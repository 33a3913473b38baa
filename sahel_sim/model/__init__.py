"""Frozen value objects of the world: actors, territories, memberships, relations, events."""
