"""`kampung impor opensid`: an OpenSID database backup turned into a village folder.

`dump` reads the MySQL dump without a database server; `tables` says which tables and
columns the importer knows; `village` maps one village's rows to content files; `privacy`
keeps every personal value out of them; `report` says what was done and what is left.
"""
