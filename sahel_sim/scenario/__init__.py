"""The untrusted-input boundary: scenario format, safe loading, references, expectations."""
