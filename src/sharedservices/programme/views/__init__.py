from sharedservices.programme.views.opportunities import (
    board,
    council_lists,
    opportunity,
    opportunity_create,
    opportunity_edit,
    opportunity_list,
    opportunity_move,
    opportunity_scores,
)
from sharedservices.programme.views.prioritising import criteria, ranking, weight_set_edit
from sharedservices.programme.views.programmes import (
    allocation_add,
    index,
    pot_add,
    programme,
    programme_create,
    programme_edit,
    spend_add,
)
from sharedservices.programme.views.suggestions import suggestion_adopt

__all__ = [
    "allocation_add",
    "board",
    "council_lists",
    "criteria",
    "index",
    "opportunity",
    "opportunity_create",
    "opportunity_edit",
    "opportunity_list",
    "opportunity_move",
    "opportunity_scores",
    "pot_add",
    "programme",
    "programme_create",
    "programme_edit",
    "ranking",
    "spend_add",
    "suggestion_adopt",
    "weight_set_edit",
]
