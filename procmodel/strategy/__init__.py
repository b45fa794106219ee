"""Strategy steering: periods, measurable targets (Ziele), timeline and Gantt charts.

Pure core: this package works on plain data objects (a :class:`~.snapshot.Snapshot`
of the register as of a date, timeline items) and imports no Flask, SQLAlchemy or
click.  ``inventory.strategy`` builds those objects from the database.
"""

from procmodel.strategy.errors import PeriodError, RuleError, StrategyError
from procmodel.strategy.periods import BERLIN, Period, local_day
from procmodel.strategy.rules import Rule, parse_rule
from procmodel.strategy.snapshot import DuplicateFigures, ServiceState, Snapshot
from procmodel.strategy.targets import Assessment, Measurement, TargetDef, assess, measure

__all__ = [
    "BERLIN",
    "Assessment",
    "DuplicateFigures",
    "Measurement",
    "Period",
    "PeriodError",
    "Rule",
    "RuleError",
    "ServiceState",
    "Snapshot",
    "StrategyError",
    "TargetDef",
    "assess",
    "local_day",
    "measure",
    "parse_rule",
]
