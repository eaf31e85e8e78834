"""One date format in English throughout: "3 December 2026" and "3 December 2026, 14:31" (24-hour, no "p.m.")."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
