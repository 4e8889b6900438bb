"""The count columns an analyst may correct per report (shared by analyst.py and the API)."""
COUNT_COLUMNS = ("fatalities", "injured", "captured", "displaced")
