"""Documents for people: PDF through ReportLab, Excel through openpyxl. No Qt."""
