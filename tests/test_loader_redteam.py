"""Loader findings of the 2026-12 red-team review (redteam.md findings 2, 3, 8 and 12), each
with the input that showed it, built here so the tests stand alone."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from medialens import cli
from medialens.clean import decode_bytes
from medialens.corpus import load_corpus
from medialens.errors import CorpusError
from test_corpus import write  # the loader tests' one file-writing helper

FAST = {"detect_language": False, "near_duplicates": False}


# ----------------------------------------------------------------------------- finding 2
# Windows-1252 bytes that charset-normalizer takes for another Latin code page.

CP1252_TEXTS = [
    # read as cp1250 before: "fees of Ł500", "José Núńez"
    ("Café owners in the old town protested über new rules \u2014 fees of £500 were too high, "
     "said José Núñez. Die Bürger sind verärgert über die Gebühren für Cafés. Another row "
     "with ümlauts: Müller, Straße, Größe \u2014 and \u201csmart quotes\u201d from Word."),
    # read as cp775 before: "cafķs", "Ż500", "Ś far too high"
    ("Los cafés del casco antiguo protestaron el martes contra las nuevas tasas: £500 al año "
     "eran demasiado \u2014 far too high, dijo José Núñez, dueño de un bar de tapas junto a la "
     "catedral. «Es una vergüenza», añadió Begoña Muñoz. ¿Quién pagará la diferencia? La "
     "oposición pide una auditoría y el alcalde promete una respuesta en marzo."),
    # read as cp1250 before: "Sřren", "Muńoz"
    ("La mairie de Besançon a annoncé mercredi que la rénovation du pont Battant serait de "
     "nouveau retardée. Selon le porte-parole, les coûts ont augmenté de plus de 40 % et "
     "l\u2019entreprise réclame une rallonge. « C\u2019est un crève-cœur », a déclaré Hélène "
     "Lefèvre, commerçante du quartier. Les élus de l\u2019opposition demandent un audit\u2026"),
    ("Der Stadtrat von Lübeck hat am Mittwoch bekannt gegeben, dass die Sanierung der "
     "Drehbrücke erneut verschoben wird. Laut Sprecher sind die Kosten um mehr als 40 Prozent "
     "gestiegen \u2013 die Baufirma fordert zusätzliches Geld. \u201eDas ist ärgerlich\u201c, "
     "sagte Jürgen Weiß, Inhaber eines Cafés an der Obertrave; Søren Ålund kritisierte das."),
]

# Central-European text in its own code page: cp1252 must not take it over.
OWN_CODE_PAGE_TEXTS = [
    # Polish: ś, ł, ż are cp1250 bytes 0x9C, 0xB3, 0xBF ("œ", "³", "¿" in cp1252)
    ("cp1250", "Władze Wrocławia ogłosiły w środę, że budowa nowego mostu na Odrze zostanie "
               "wstrzymana do końca przyszłego roku. Według rzecznika ratusza koszty wzrosły "
               "o ponad 40 procent, a wykonawca żąda dodatkowych pieniędzy. Mieszkańcy są "
               "zaniepokojeni, bo objazdy już teraz wydłużają dojazd do pracy o pół godziny. "
               "Radni opozycji zapowiadają złożenie wniosku o kontrolę."),
    # Hungarian: ő, ű are letters in cp1252 too ("õ", "û"); only the language tells
    ("cp1250", "A fővárosi közgyűlés szerdán bejelentette, hogy a Lánchíd felújítása ismét "
               "csúszik. A szóvivő szerint a költségek több mint negyven százalékkal nőttek, "
               "és a kivitelező további pénzt követel. A budai lakók elégedetlenek, mert a "
               "terelőutak már most fél órával hosszabbítják meg a munkába járást. Az "
               "ellenzéki képviselők vizsgálatot sürgetnek."),
    ("cp1250", "Gradska uprava Zagreba u srijedu je objavila da će se obnova Savskog mosta "
               "ponovno odgoditi. Prema riječima glasnogovornika troškovi su porasli za više "
               "od četrdeset posto, a izvođač traži dodatni novac. Stanovnici Trnja su "
               "zabrinuti jer obilasci već sada produžuju put do posla za pola sata."),
    ("cp1257", "Rīgas dome trešdien paziņoja, ka Salu tilta remonts atkal kavēsies. Pēc preses "
               "sekretāra teiktā, izmaksas pieaugušas par vairāk nekā četrdesmit procentiem, un "
               "būvnieks pieprasa papildu naudu. Pārdaugavas iedzīvotāji ir nobažījušies, jo "
               "apbraucamie ceļi jau tagad pagarina ceļu uz darbu par pusstundu."),
]


@pytest.mark.parametrize("text", CP1252_TEXTS, ids=["csv-de", "html-es", "fr", "de"])
def test_cp1252_bytes_detected_as_another_latin_code_page_decode_as_cp1252(text):
    data = text.encode("cp1252")
    assert len(data) >= 200  # a realistic paragraph, not a word
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == "cp1252"
    assert decoded.notes[0].startswith("decoded as cp1252 (detected")


@pytest.mark.parametrize("encoding, text", OWN_CODE_PAGE_TEXTS, ids=["pl", "hu", "hr", "lv"])
def test_central_european_text_keeps_its_code_page(encoding, text):
    data = text.encode(encoding)
    data.decode("cp1252")  # valid cp1252 bytes too: the preference must not take them
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.notes == (f"decoded as {encoding} (detected)",)


def test_cp1252_export_loads_with_its_pound_signs_and_names(tmp_path):
    body = CP1252_TEXTS[0].replace('"', "")
    path = write(tmp_path / "export.csv", f'id,text\n1,"{body}"\n'.encode("cp1252"))
    df, report = load_corpus(path, **FAST)
    assert df.at[0, "text"] == body
    assert "£500" in body and "Núñez" in body
    assert any(n.startswith("export.csv: decoded as cp1252 (detected") for n in report.notes)


def test_cp1252_html_page_without_a_charset_loads_intact(tmp_path):
    # read as cp775 before: "cafķs", "Ż500", "Ś far too high Ś"
    body = ("Owners of cafés in the old town protested on Monday against new licensing rules, "
            "saying the fees of £500 were too high — far too high — for small "
            "businesses, said José Núñez.")
    html = ("<html><head><title>Café</title></head><body><article><h1>Café owners protest "
            f"über new rules</h1><p>{body}</p><p>The mayor's office said the rules would "
            "protect residents from noise late at night and would be reviewed after six "
            "months of consultation.</p></article></body></html>")
    df, report = load_corpus(write(tmp_path / "page.html", html.encode("cp1252")), **FAST)
    assert df.at[0, "text"].startswith(body)
    assert any(n.startswith("page.html: decoded as cp1252 (detected") for n in report.notes)


# ----------------------------------------------------------------------------- finding 3
# A .json file holding JSON Lines.

JSON_LINES = (
    '{"id": "a", "text": "Support rose to 41%.", "date": "2025-03-04"}\n'
    '{"id": "b", "text": "It fell back.", "date": "2025-03-05"}\n'
    "\n"
    '{"id": "c", "text": "An open quote}\n'
    '[1, 2]\n'
    '{"id": "d", "text": "Last one.", "date": "2025-03-07"},\n'
)


def test_a_json_file_of_json_lines_is_read_line_by_line(tmp_path):
    path = write(tmp_path / "scrape.json", JSON_LINES)
    df, report = load_corpus(path, **FAST)
    assert df["doc_id"].tolist() == ["a", "b", "d"]
    assert [(s["file"], s["line"]) for s in report.skipped] == [
        ("scrape.json", 4), ("scrape.json", 5)]
    assert report.skipped[0]["reason"].startswith("not valid JSON")
    assert report.skipped[1]["reason"] == "a JSON array, expected an object"
    assert report.rows_read == report.rows_loaded + report.rows_skipped == 5
    assert any(n.startswith("scrape.json: not one JSON value but one object per line: read "
                            "as JSON Lines") for n in report.notes), report.notes


def test_json_lines_named_json_in_a_folder_load_beside_other_files(tmp_path):
    write(tmp_path / "notes.json", JSON_LINES)
    write(tmp_path / "other.csv", "id,text\nx,Another story.\n")
    df, report = load_corpus(tmp_path, **FAST)
    assert sorted(df["doc_id"]) == ["a", "b", "d", "x"]
    assert report.files_skipped == []


@pytest.mark.parametrize("content", [
    '{\n  "id": "a",\n  "text": "One."\n}\n{"id": "b"}\n',  # pretty-printed, then more
])
def test_a_broken_json_file_that_is_not_json_lines_is_still_one_file_problem(tmp_path, content):
    path = write(tmp_path / "a.json", content)
    write(tmp_path / "b.csv", "id,text\nx,Another story.\n")
    _, report = load_corpus(tmp_path, **FAST)
    assert report.files_skipped == ["a.json"]
    assert report.skipped[0]["reason"].startswith("not valid JSON at line")
    assert not any("JSON Lines" in n for n in report.notes)
    assert path.exists()


def test_an_array_cut_short_keeps_its_complete_items_and_says_so(tmp_path):
    path = write(tmp_path / "a.json", '[{"id": "a", "text": "One."},\n{"id": "b", "text": "Two."}\n')
    df, report = load_corpus(path, **FAST)
    assert df["doc_id"].tolist() == ["a", "b"]
    assert any("no closing ']'" in n for n in report.notes)


# ----------------------------------------------------------------------------- finding 12
# Loader messages the CLI shows give the CLI's syntax beside Python's.

def test_repeated_ids_error_names_the_cli_option_and_the_python_argument(tmp_path):
    # an id column that is not an id (a category: most rows repeat it); one export loaded
    # twice is skipped row by row instead, and per-file numbering is qualified (test_corpus.py)
    write(tmp_path / "jan.csv", "id,text\n1,A.\n1,B.\n1,C.\n2,D.\n")
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path, **FAST)
    assert ("map another one with --columns doc_id=COL (Python: columns={'doc_id': ...})"
            in str(err.value))


def test_missing_text_column_error_in_the_cli_gives_the_cli_syntax(tmp_path, capsys):
    path = write(tmp_path / "headlines.csv", "id,date,source,title\n1,2025-03-04,Bild,Umfrage\n")
    assert cli.main(["ingest", str(path), "--out", str(tmp_path / "x.parquet")]) == 2
    err = capsys.readouterr().err
    assert "map another column with --columns text=COL (Python: columns={'text': ...})" in err
    # and the way it names works
    assert cli.main(["ingest", str(path), "--out", str(tmp_path / "x.parquet"),
                     "--columns", "text=title"]) == 0


def test_notes_on_unrecognised_columns_give_both_syntaxes(tmp_path):
    path = write(tmp_path / "a.csv", "text,Rubrik\nEin Text hier.,Politik\n")
    _, report = load_corpus(path, **FAST)
    hints = [n for n in report.notes if "--columns" in n]
    assert any("--columns published=COL (Python: columns={'published': ...})" in n
               for n in hints), report.notes
    assert any("--columns title=COL (Python: columns={'title': ...})" in n for n in hints)
    assert all("--columns" in n for n in report.notes if "columns={" in n)


# ----------------------------------------------------------------------------- finding 8
# dayfirst applies to the dated lines of .txt pages; the report line keeps its parentheses.

PAGE = ("Daily Clarion\n\nBridge inquiry opens\n\nPublished 04/03/2025 09:14 GMT\n\n"
        "The public inquiry into the collapse of the Harbour Bridge opened on Tuesday with "
        "statements from the families of the victims and the city's chief engineer.\n\n"
        "The chair said the first hearings would examine the inspection records.\n")


@pytest.mark.parametrize("dayfirst, expected", [
    (True, "2025-03-04 09:14:00+00:00"),
    (False, "2025-04-03 09:14:00+00:00"),
])
def test_dayfirst_settles_the_date_of_a_text_page(tmp_path, dayfirst, expected):
    path = write(tmp_path / "pages" / "bridge.txt", PAGE)
    df, report = load_corpus(path, dayfirst=dayfirst, **FAST)
    assert str(df.at[0, "published"]) == expected
    assert report.missing_dates == []


def test_an_ambiguous_page_date_is_refused_without_dayfirst_and_the_report_says_why(tmp_path):
    path = write(tmp_path / "pages" / "bridge.txt", PAGE)
    df, report = load_corpus(path, **FAST)
    assert pd.isna(df.at[0, "published"])
    assert "ambiguous day/month order" in df.at[0, "date_reason"]
    lines = [ln for ln in str(report).splitlines() if "dated line not usable" in ln]
    assert len(lines) == 1
    line = lines[0]
    assert "(pass dayfirst=True or False))" in line
    assert line.count("(") == line.count(")")


def test_cli_dayfirst_reaches_text_pages(tmp_path, capsys):
    path = write(tmp_path / "pages" / "bridge.txt", PAGE)
    out = tmp_path / "x.parquet"
    assert cli.main(["ingest", str(path), "--dayfirst", "--out", str(out)]) == 0
    df, _ = load_corpus(out)
    assert str(df.at[0, "published"]) == "2025-03-04 09:14:00+00:00"


def test_rows_ending_with_a_delimiter_the_header_lacks_load(tmp_path):
    path = write(tmp_path / "export.csv", "id,title,text\n1,A,First text.,\n2,B,Second text.,\n")
    df, report = load_corpus(path, **FAST)
    assert df["text"].tolist() == ["First text.", "Second text."] and not report.skipped
    assert any("end with a delimiter the header does not have" in n for n in report.notes)
    # a non-empty extra field is still a broken row
    path = write(tmp_path / "export.csv", "id,title,text\n1,A,First text.,x\n2,B,Second text.\n")
    df, report = load_corpus(path, **FAST)
    assert [s["line"] for s in report.skipped] == [2]


def test_backslash_escaped_quotes_are_named_in_the_reason(tmp_path):
    path = write(tmp_path / "mysql.csv", 'id,text\n1,"He said \\"no\\" to the plan, twice."\n2,"Plain text."\n')
    df, report = load_corpus(path, **FAST)
    assert df["text"].tolist() == ["Plain text."]
    assert [s["line"] for s in report.skipped] == [2]
    assert 'quotes written \\" with a backslash' in report.skipped[0]["reason"]


@pytest.mark.parametrize("name, body", [
    ("cut.jsonl.gz", "".join(f'{{"id": "{i}", "text": "Article number {i} with some words."}}\n' for i in range(40))),
    ("cut.csv.gz", "id,text\n" + "".join(f"{i},Article number {i} with some words.\n" for i in range(40))),
], ids=["jsonl", "csv"])
def test_a_gzip_cut_short_lists_the_record_it_broke_off(tmp_path, name, body):
    import gzip

    data = gzip.compress(body.encode())
    path = tmp_path / name
    path.write_bytes(data[: len(data) * 2 // 3])  # a download broken off mid-stream
    df, report = load_corpus(path, **FAST)
    assert report.rows_read == report.rows_loaded + report.rows_skipped
    assert report.skipped[-1]["reason"].startswith("cut off by the end of the gzip data")
    assert report.skipped[-1]["line"] == len(df) + 1 + name.endswith(".csv.gz")


# ------------------------------------------------------------------- red-team pass 3 (CLI)
# Findings of the third red-team pass (2026-12-07), over the CLI and the loader.

def test_two_exports_joined_with_a_new_column_keep_the_rows_of_both(tmp_path):
    # "cat jan.csv feb.csv" where February's export adds a url column: the three January rows
    # were taken for an export note above the "real" header and vanished without a skip
    jan = "id,title,text,date\n" + "".join(f"{i},T{i},January story {i}.,2024-01-0{i}\n" for i in (1, 2, 3))
    feb = "id,title,text,date,url\n" + "".join(
        f"{i},T{i},February story {i}.,2024-02-{i:02d},https://example.org/{i}\n" for i in range(4, 24))
    path = write(tmp_path / "all.csv", jan + feb)
    df, report = load_corpus(path, **FAST)
    assert len(df) == 23 and not report.skipped
    assert df["doc_id"].tolist() == [str(i) for i in range(1, 24)]
    assert df["url"].isna().sum() == 3 and df["url"].iloc[3] == "https://example.org/4"
    assert any("line 5 is a new header" in n for n in report.notes)
    assert report.rows_read == 23


@pytest.mark.parametrize("damage", ["\x1b[1m\x1b[31mALERT\x1b[0m " * 40, "".join(chr(c) for c in [*range(1, 9), *range(11, 13), *range(14, 32)] * 24)],
                         ids=["terminal-colours", "damaged-bytes"])
def test_one_cell_of_control_characters_costs_no_row_of_the_csv(tmp_path, damage):
    # one damaged cell made the whole CSV "binary file, not text": every good row was lost
    rows = "".join(f"{i},Story number {i} is plain text.\n" for i in range(1, 10))
    path = tmp_path / "export.csv"
    path.write_bytes(("id,text\n" + rows + f"10,Pasted {damage} here.\n").encode())
    df, report = load_corpus(path, **FAST)
    assert len(df) == 10 and not report.skipped
    last = df["text"].iloc[-1]
    assert last.startswith("Pasted ") and last.endswith(" here.")
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in last) and "[31m" not in last
    assert any("1 text(s) held control characters (e.g. export.csv:11)" in n for n in report.notes)
    # a real binary file is still refused
    png = tmp_path / "image.csv"
    png.write_bytes(bytes(range(1, 32)) * 40)
    with pytest.raises(CorpusError, match="binary"):
        load_corpus(png, **FAST)


@pytest.fixture
def unreadable(monkeypatch):
    """Files named bad.* cannot be opened, as a chmod 000 file for a user who is not root (the
    suite may run as root, for whom chmod 000 changes nothing)."""
    import builtins
    import io
    from pathlib import Path

    real_open, real_read_bytes = builtins.open, Path.read_bytes

    def guarded_open(file, *args, **kw):
        mode = args[0] if args else kw.get("mode", "r")
        if isinstance(file, (str, Path)) and Path(file).name.startswith("bad.") and "r" in mode:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kw)

    def guarded_read_bytes(self):
        if self.name.startswith("bad."):
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)


@pytest.mark.parametrize("suffix", ["txt", "csv"])
def test_an_unreadable_file_is_listed_as_skipped_with_the_cache_on(tmp_path, unreadable, suffix):
    # a PermissionError traceback: for text pages always, for any file with the ingest cache
    folder = tmp_path / "corpus"
    folder.mkdir()
    body = "id,text\n{}, text about the council vote on the bridge.\n" if suffix == "csv" else \
        "Article {} about the council vote on the bridge."
    (folder / f"ok.{suffix}").write_text(body.format(1))
    (folder / f"bad.{suffix}").write_text(body.format(2))
    for cache in (tmp_path / "cache", None):
        df, report = load_corpus(folder, cache=cache, **FAST)
        assert len(df) == 1
        assert [(s["file"], s["reason"]) for s in report.skipped] == [
            (f"bad.{suffix}", "cannot read the file: Permission denied")]


def test_a_json_field_of_mixed_types_is_written_to_parquet_as_text(tmp_path, capsys):
    # pyarrow's "Could not convert 'high'" traceback, and no file, for ingest and for an
    # analysis written with --with-metadata
    path = write(tmp_path / "mixed.jsonl",
                 '{"id": 1, "text": "The council voted on the bridge.", "score": 5, "tags": ["a"]}\n'
                 '{"id": 2, "text": "The mayor spoke about the budget.", "score": "high", "tags": "b"}\n')
    out = tmp_path / "corpus.parquet"
    assert cli.main(["ingest", str(path), "--out", str(out), "--cache-dir", str(tmp_path / "c")]) == 0
    assert "column(s) score, tags hold values of mixed types" in capsys.readouterr().err
    df, report = load_corpus(out)
    assert df["score"].tolist() == ["5", "high"] and df["tags"].tolist() == ['["a"]', "b"]
    assert any("stored as text in Parquet" in n for n in report.notes)
    scores = tmp_path / "scores.parquet"
    assert cli.main(["readability", str(path), "--with-metadata", "--out", str(scores), "--no-cache"]) == 0
    assert pd.read_parquet(scores)["score"].tolist() == ["5", "high"]
    # the ingest cache keeps no copy of such a corpus: a cached load equals a fresh one
    again, _ = load_corpus(path, cache=tmp_path / "c", **FAST)
    assert again["score"].tolist() == [5, "high"]


def test_an_unwritable_feature_cache_costs_the_cache_not_the_results(tmp_path, monkeypatch):
    # the run computed everything, then failed with exit 2 and wrote nothing
    from medialens.cache import FeatureCache
    from medialens.errors import CacheError

    def refuse(self, frame):
        raise CacheError(f"cannot create cache folder {self.folder}: [Errno 13] Permission denied")

    monkeypatch.setattr(FeatureCache, "put_frame", refuse)
    path = write(tmp_path / "c.csv", "id,text\n1,The council voted on the new bridge today.\n"
                                     "2,The mayor said the budget would be balanced.\n")
    out = tmp_path / "scores.csv"
    with pytest.warns(RuntimeWarning) as caught:
        assert cli.main(["readability", str(path), "--out", str(out), "--cache-dir", str(tmp_path / "cache")]) == 0
    assert len(pd.read_csv(out)) == 2
    said = [str(w.message) for w in caught]
    # the ingested corpus cannot be kept either (same folder), and says so
    assert any(re.search(r"results not cached .* complete\. Give a writable folder with --cache-dir", m) for m in said)
    assert any(m.startswith("ingest cache not written") for m in said)


def test_a_repeated_column_the_loader_does_not_read_costs_nothing(tmp_path):
    # "note,note" refused the whole file; only a column the loader reads is ambiguous
    path = write(tmp_path / "dup.csv", "id,text,note,note\n1,First text here.,a,b\n2,Second text.,c,d\n")
    df, report = load_corpus(path, **FAST)
    assert df["text"].tolist() == ["First text here.", "Second text."]
    assert df["note"].tolist() == ["a", "c"] and df["note_2"].tolist() == ["b", "d"]
    assert any("repeated column name(s) note: later ones read as note_2" in n for n in report.notes)
    path = write(tmp_path / "dup2.csv", "id,text,text\n1,Body one.,Headline one\n")
    with pytest.raises(CorpusError, match=r"reads \(text: columns 2, 3\): rename all but one"):
        load_corpus(path, **FAST)


def test_columns_given_twice_for_one_field_is_refused(tmp_path, capsys):
    path = write(tmp_path / "es.csv", "id,cuerpo,titular\n1,El cuerpo del artículo.,Alpha\n")
    assert cli.main(["ingest", str(path), "--columns", "text=cuerpo", "text=titular", "--no-cache"]) == 2
    assert "--columns maps text twice (text=cuerpo and text=titular)" in capsys.readouterr().err


def test_demo_stays_the_bundled_demo_beside_a_report_folder_named_demo(tmp_path, monkeypatch):
    # red-team 4: `medialens report demo --out demo` made ./demo, then read it as the corpus
    # ("no corpus files found"), and every later "demo" failed the same way
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo" / ".cache").mkdir(parents=True)
    (tmp_path / "demo" / "_demo.partial").mkdir()
    (tmp_path / "demo" / "20261207T000000Z_demo").mkdir()
    (tmp_path / "demo" / "20261207T000000Z_demo" / "manifest.json").write_text("{}")
    df, _ = load_corpus("demo", **FAST)
    assert len(df) == 200
    (tmp_path / "demo" / "mine.txt").write_text("My own article about the council.")
    df, _ = load_corpus("demo", **FAST)  # a folder of the user's own texts is theirs
    assert df["text"].tolist() == ["My own article about the council."]


def test_control_characters_leave_the_rest_of_the_layout_as_written(tmp_path):
    # only the damaged run becomes a space: a wire story's indented paragraphs stay paragraphs
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": "1", "text": "First paragraph.\\n    Second \\u0005\\u0006 paragraph."}\n')
    df, _ = load_corpus(path, **FAST)
    assert df["text"].iloc[0] == "First paragraph.\n    Second paragraph."
