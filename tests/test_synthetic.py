"""The synthetic data generator: real schema, consistent careers, deterministic, mistakes all found."""

import hashlib

from scripts import synthetic
from scripts.validate import validate


def written(tmp_path, name, tables):
    folder = tmp_path / name / "data"
    synthetic.write(tables, folder)
    return folder


def test_synthetic_data_is_clean_and_every_rule_has_work(tmp_path):
    tables = synthetic.generate(5_000, seed=3)
    folder = written(tmp_path, "clean", tables)
    checked = validate(folder, folder.parent)
    assert checked.problems == []
    assert 4_900 <= len(tables["appearances"]) <= 5_000
    assert set(tables["appearances"]["role"]) == {"player", "head_coach"}
    assert (tables["honours"]["final_match_id"] != "").any()
    assert set(tables["honours"]["result"]) == {"winner", "runner_up"}
    assert tables["stints"]["person_id"].duplicated().any()  # careers of several spells, checked for overlap


def test_the_same_seed_gives_the_same_files_and_another_seed_others(tmp_path):
    def digest(folder):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}

    first = written(tmp_path, "a", synthetic.generate(3_000, seed=7))
    second = written(tmp_path, "b", synthetic.generate(3_000, seed=7))
    third = written(tmp_path, "c", synthetic.generate(3_000, seed=8))
    assert digest(first) == digest(second) != digest(third)


def test_every_planted_mistake_is_reported_where_it_was_planted(tmp_path):
    tables = synthetic.generate(20_000, seed=5)
    mistakes = synthetic.inject(tables, 200, seed=5)
    assert len(mistakes) == 200
    assert len({m.rule for m in mistakes}) >= 9
    folder = written(tmp_path, "broken", tables)
    found = {(p.file, p.line, p.rule) for p in validate(folder, folder.parent).problems}
    assert [m for m in mistakes if (m.file, m.line, m.rule) not in found] == []
