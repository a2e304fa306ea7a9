# English: a comma groups the thousands and a point starts the decimals (1,722; 5.30).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
