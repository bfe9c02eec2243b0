"""Sites, units, occupancies, agreements, reports and sharing sessions (issues 4 and 7 to 9)."""
