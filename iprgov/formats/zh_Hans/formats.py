"""One date format in Chinese throughout, as official documents write it: "2026年12月3日" and "2026年12月3日 14:31"."""

DATE_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
