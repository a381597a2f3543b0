"""Loading ``seeds/`` and ``geodata/`` into domain objects, with validation."""
