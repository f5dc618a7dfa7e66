"""The "visualise, then do" ladder: one function per thing a person does, typed results.

The CLI (`unbrace ladder ...`) and the web app (the Ladder page and `/api/v1/ladders`) call
these and nothing else, so every rule of `core/ladder.py` and the safety gate is applied once.
Functions take the open database session first and never commit (the edge's transaction does).
One module per part: `views` (reading), `building`, `trying`, `progress` (Today and insights).
"""

from __future__ import annotations

from unbrace.usecases.ladder.building import add_step as add_step
from unbrace.usecases.ladder.building import edit_step as edit_step
from unbrace.usecases.ladder.building import go_to_step as go_to_step
from unbrace.usecases.ladder.building import keep_movement_feared as keep_movement_feared
from unbrace.usecases.ladder.building import move_step as move_step
from unbrace.usecases.ladder.building import new_ladder as new_ladder
from unbrace.usecases.ladder.building import proposal as proposal
from unbrace.usecases.ladder.building import rate as rate
from unbrace.usecases.ladder.building import remove_ladder as remove_ladder
from unbrace.usecases.ladder.building import remove_step as remove_step
from unbrace.usecases.ladder.building import resume as resume
from unbrace.usecases.ladder.building import set_days as set_days
from unbrace.usecases.ladder.progress import LadderInsights as LadderInsights
from unbrace.usecases.ladder.progress import LadderNudge as LadderNudge
from unbrace.usecases.ladder.progress import insights as insights
from unbrace.usecases.ladder.progress import nudges as nudges
from unbrace.usecases.ladder.trying import BLOCKING_DUE as BLOCKING_DUE
from unbrace.usecases.ladder.trying import Blocked as Blocked
from unbrace.usecases.ladder.trying import Gate as Gate
from unbrace.usecases.ladder.trying import TryFinished as TryFinished
from unbrace.usecases.ladder.trying import TryRefused as TryRefused
from unbrace.usecases.ladder.trying import TryStarted as TryStarted
from unbrace.usecases.ladder.trying import check_try as check_try
from unbrace.usecases.ladder.trying import finish_try as finish_try
from unbrace.usecases.ladder.trying import follow_up as follow_up
from unbrace.usecases.ladder.trying import get_attempt as get_attempt
from unbrace.usecases.ladder.trying import outcome_of as outcome_of
from unbrace.usecases.ladder.trying import session_gate as session_gate
from unbrace.usecases.ladder.trying import start_try as start_try
from unbrace.usecases.ladder.views import REHEARSAL as REHEARSAL
from unbrace.usecases.ladder.views import AttemptView as AttemptView
from unbrace.usecases.ladder.views import LadderView as LadderView
from unbrace.usecases.ladder.views import StepView as StepView
from unbrace.usecases.ladder.views import get_ladder as get_ladder
from unbrace.usecases.ladder.views import ladder_by_number as ladder_by_number
from unbrace.usecases.ladder.views import list_ladders as list_ladders
