"""Event mentions from the parse: triggers, their parties, status, date and place.

The algorithm of the ``azdiplo_events`` component, one module per step:
:mod:`.triggers` (which words report an event), :mod:`.arguments` (who took
part, from the sentence's structure and the discourse), :mod:`.status`
(occurred, planned, hypothetical, negated), :mod:`.timing` (when),
:mod:`.location` (where), :mod:`.acceptance` (whether it is diplomatic), and
:mod:`.finder`, which runs them in order over a Doc and records every
decision for ``azdiplo extract --explain``. The words are data
(``azdiplo/data/triggers.json``).
"""

from .dateline import dateline_of
from .finder import EventFinder

__all__ = ["EventFinder", "dateline_of"]
