"""Ten different kinds of mistake, in different files and rules, all reported and located in one run."""

from tests.conftest import insert_line, locations, set_cell


def test_ten_mistakes_are_all_reported_in_one_run(data):
    (data / "countries.csv").write_bytes((data / "countries.csv").read_bytes().replace(b"\n", b"\r\n"))
    set_cell(data, "sources.csv", 2, "url", "not a url")
    set_cell(data, "people.csv", 3, "position", "coach")
    set_cell(data, "teams.csv", 4, "wikidata_id", "Q-1")
    set_cell(data, "competitions.csv", 2, "kind", "european")
    set_cell(data, "stints.csv", 3, "end_date", "1991")
    set_cell(data, "matches.csv", 2, "season", "1992-94")
    set_cell(data, "appearances.csv", 2, "goals", "4")
    set_cell(data, "honours.csv", 2, "result", "runner_up")
    insert_line(data, "stints.csv", 7, "ada-rossi-red-fc-player-1984,ada-rossi,red-fc,player,1984,1984,,false,,,"
                                       "example-en-ada-rossi,")
    expected = {
        ("data/countries.csv", 1, None, "line-endings"),
        ("data/sources.csv", 2, 2, "pattern"),
        ("data/people.csv", 3, 8, "vocabulary"),
        ("data/teams.csv", 4, 6, "pattern"),
        ("data/competitions.csv", 2, 3, "vocabulary"),
        ("data/stints.csv", 3, 6, "stint-dates"),
        ("data/matches.csv", 2, 4, "season"),
        ("data/appearances.csv", 2, 8, "goals-within-score"),
        ("data/honours.csv", 2, 7, "honour-final"),
        ("data/stints.csv", 7, 1, "sort-order"),
    }
    found = locations(data)
    assert expected <= found, expected - found
