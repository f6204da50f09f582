"""Replication: which innovations are the same idea in several regions, and where each began.

`detect(conn, schema, year)` is the entry point (detect.py); matching.py holds the method as
pure functions over plain records, normalise.py what is stripped from titles and summaries.
"""
from include.replication.detect import COLUMNS, TABLE, detect
from include.replication.matching import Innovation, MatchSettings, Member, find_replications
from include.replication.normalise import Normaliser

__all__ = ["COLUMNS", "TABLE", "Innovation", "Member", "Normaliser", "MatchSettings", "detect", "find_replications"]
