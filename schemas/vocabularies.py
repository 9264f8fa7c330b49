"""The closed sets of values, each listed once, with what every value means."""

POSITIONS = {
    "goalkeeper": "Plays in goal.",
    "defender": "Plays mainly in defence (full-back, centre-back, sweeper).",
    "midfielder": "Plays mainly in midfield.",
    "forward": "Plays mainly in attack.",
}

ROLES = {
    "player": "A member of the playing squad.",
    "head_coach": "The coach in charge of the team (allenatore, manager, Cheftrainer).",
    "caretaker_coach": "In charge of the team for a short or interim spell, or on the bench while the "
                       "head coach is suspended.",
    "assistant_coach": "Assists the head coach on the bench (vice, collaboratore tecnico).",
    "technical_staff": "Another first-team staff role: technical coordinator, analyst, fitness or goalkeeping coach.",
    "youth_coach": "Coaches one of the club's youth teams.",
    "youth_coordinator": "Coordinates the club's youth sector (responsabile / coordinatore del settore giovanile).",
    "sporting_director": "Runs the club's football operations (direttore sportivo, technical director).",
}

# Which stint roles can account for a match appearance (or an honour) in a given role: an
# assistant may take the bench as caretaker, and a head coach's honour needs a coaching stint.
COMPATIBLE_STINT_ROLES = {
    "player": {"player"},
    "head_coach": {"head_coach", "caretaker_coach"},
    "caretaker_coach": {"caretaker_coach", "head_coach", "assistant_coach", "technical_staff", "youth_coach"},
    "assistant_coach": {"assistant_coach", "technical_staff", "caretaker_coach"},
    "technical_staff": {"technical_staff", "assistant_coach"},
    "youth_coach": {"youth_coach", "youth_coordinator"},
    "youth_coordinator": {"youth_coordinator", "youth_coach"},
    "sporting_director": {"sporting_director"},
}

TEAM_KINDS = {
    "club": "A club side.",
    "national_team": "A national representative side, senior or age-group.",
}

COMPETITION_KINDS = {
    "league": "A national league championship.",
    "cup": "A national knock-out cup.",
    "super_cup": "A national super cup between the champions and the cup winners.",
    "continental_club": "A club competition of one confederation (European Cup, UEFA Cup, UEFA Super Cup).",
    "intercontinental_club": "A club competition between confederations (Intercontinental Cup, Club World Cup).",
    "international": "A competition between national teams (World Cup, European Championship).",
    "friendly": "A friendly match or friendly tournament.",
    "award": "An individual award (Golden Ball, coach of the year).",
}

CONFEDERATIONS = {
    "FIFA": "Worldwide.",
    "UEFA": "Europe.",
    "CONMEBOL": "South America.",
    "CONCACAF": "North and Central America and the Caribbean.",
    "CAF": "Africa.",
    "AFC": "Asia.",
    "OFC": "Oceania.",
}

RESULTS = {
    "winner": "Won the competition or award.",
    "runner_up": "Finished second, or lost the final.",
    "third_place": "Finished third, or won the third-place match.",
}

STAGES = {
    "final": "The final.",
    "semi_final": "A semi-final.",
    "quarter_final": "A quarter-final.",
    "round_of_16": "A round-of-16 tie.",
    "group": "A group-stage match.",
    "league": "A league match.",
    "qualifying": "A qualifying match.",
    "friendly": "A friendly.",
    "replay": "A replayed match.",
    "other": "Any other stage.",
}

LINEUPS = {
    "starter": "In the starting line-up.",
    "substitute": "Came on from the bench.",
    "unused_substitute": "On the bench, did not come on.",
}


MILESTONES = {
    "senior_debut": "First senior (first-team, official) match as a player.",
    "top_division_debut": "First match in the top division of the team's country.",
    "national_team_debut": "First senior international cap.",
    "national_team_last": "Last senior international cap.",
    "last_match_as_player": "Last senior match as a player.",
    "first_match_as_coach": "First match in charge of the team (head coach or caretaker), for one spell.",
    "last_match_as_coach": "Last match in charge of the team (head coach or caretaker), for one finished spell.",
}

# The milestones that a person reaches once in a career; the coaching ones recur, once per spell.
ONCE_PER_CAREER = ("senior_debut", "top_division_debut", "national_team_debut", "national_team_last",
                   "last_match_as_player")
COACHING_MILESTONES = ("first_match_as_coach", "last_match_as_coach")


def described(values: dict[str, str]) -> str:
    """`a` (meaning), `b` (meaning): the allowed values as a sentence for a column description."""
    return "; ".join(f"`{value}`: {meaning}" for value, meaning in values.items())
