"""Rate tables as data (wages, working time, travel, discounting) and discounting arithmetic."""
