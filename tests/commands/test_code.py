from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from eventwire.cli import main


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["code", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_txt_article_jsonl_output(capsys, fixtures, coder):
    code, out, err = run_cli(capsys, str(fixtures / "ashgabat.txt"), "--format", "jsonl")
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    required = {"article_id", "sentence", "sentence_start", "sentence_end", "trigger", "source", "target", "cameo",
                "plover", "quad_class", "goldstein", "mode", "attributed_to", "date", "location", "confidence",
                "rule"}
    for e in events:
        assert required <= set(e)
        assert e["article_id"] == "ashgabat"
        assert isinstance(e["cameo"], str)
        assert set(e["source"]) >= {"text", "code", "country", "sector", "name"}
    assert any(e["cameo"] == "040" for e in events)  # leading zero kept


def test_published_flag_sets_dates(capsys, tmp_path: Path, coder):
    story = tmp_path / "story.txt"
    story.write_text("Russia and Iran met in Moscow on Friday.", encoding="utf-8")
    code, out, _ = run_cli(capsys, str(story), "--published", "2024-10-11", "--format", "jsonl")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events and all(e["date"] == "2024-10-11" for e in events)


def test_csv_and_table_formats(capsys, fixtures, coder):
    code, out, _ = run_cli(capsys, str(fixtures / "ashgabat.txt"), "--format", "csv")
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert "source_code" in header and "cameo" in header
    code, out, err = run_cli(capsys, str(fixtures / "ashgabat.txt"), "--format", "table")
    assert code == 0 and "RUSGOV" in out and "events" in err


def test_bad_inputs_are_named_and_the_rest_is_coded(capsys, tmp_path: Path, coder):
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"id": "ok", "text": "Russia attacked Ukraine on Monday.", "published": "2024-02-01"}) + "\n"
        + '{"id": "broken", "text": \n'
        + json.dumps({"id": "empty", "text": "  "}) + "\n"
        + json.dumps({"id": "german", "text": "Der russische Präsident traf sich am Freitag mit dem iranischen "
                      "Präsidenten in der Hauptstadt von Turkmenistan."}) + "\n",
        encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\xff\xfe\x00" * 1000)
    big = tmp_path / "big.txt"
    big.write_text("Russia attacked Ukraine. " * 220_000, encoding="utf-8")
    code, out, err = run_cli(capsys, str(good), str(binary), str(big), str(tmp_path / "missing.txt"),
                             "--format", "jsonl")
    assert code == 1
    events = [json.loads(line) for line in out.splitlines()]
    assert {e["article_id"] for e in events} == {"ok"}
    assert "good.jsonl:2" in err  # the malformed line, by number
    assert "empty" in err and "german" in err and "not English" in err
    assert "blob.txt" in err and "big.txt" in err and "too large" in err
    assert "missing.txt" in err


def test_stdin_and_exit_status_in_a_real_process(tmp_path: Path):
    proc = subprocess.run([sys.executable, "-m", "eventwire", "code", "-", "--format", "jsonl"],
                          input="Israel has sent troops into southern Lebanon.", capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert any(e["source"]["country"] == "ISR" and e["target"]["country"] == "LBN" for e in events)


def test_petrarch_dictionaries_replace_the_defaults(capsys, tmp_path: Path, coder):
    here = Path(__file__).parent.parent
    story = tmp_path / "freedonia.txt"
    story.write_text("Freedonia gave missiles to Sylvania on Monday. Russia gave missiles to Iran.", encoding="utf-8")
    code, out, err = run_cli(capsys, str(story), "--published", "2024-01-10", "--format", "jsonl",
                             "--actors", str(here / "actors" / "fixtures" / "actors.txt"),
                             "--agents", str(here / "actors" / "fixtures" / "agents.txt"),
                             "--verbs", str(here / "events" / "fixtures" / "verbs.txt"))
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    got = {(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in events}
    assert ("FRD", "072", "SYL") in got  # actors and the verb pattern come from the PETRARCH files
    assert all(e["source"]["country"] != "RUS" for e in events)  # the shipped actor dictionary is not used
    assert all("verbs.txt" in e["rule"] for e in events)


def test_bad_dictionary_is_a_clear_error(capsys, tmp_path: Path, fixtures):
    missing = tmp_path / "nope.txt"
    code, _, err = run_cli(capsys, str(fixtures / "ashgabat.txt"), "--verbs", str(missing))
    assert code == 2 and "nope.txt" in err
