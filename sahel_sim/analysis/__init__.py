"""Questions beyond yes/no, asked of whole scenarios: competing readings, flips, timelines."""
