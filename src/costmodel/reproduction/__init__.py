"""Published versus computed for reports 000 and 002, and the reproduction document."""
