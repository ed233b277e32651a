"""Messages a volunteer understands: no programmer's words, both lines of a YAML mistake,
rupiah written the Indonesian way (issue #14, point 8)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import NOW
from sitekit import LAYANAN, write

from kampung.content import parse_yaml
from kampung.i18n import catalog
from kampung.model import load_site
from kampung.yamlerror import describe

VILLAGE = "content/sukamaju"
DOCS = Path(__file__).parents[1] / "docs"
# words a programmer reads, a volunteer does not (English ones too: the guide is bilingual)
TYPE_NAMES = re.compile(r"\b(object|int|str|dict|bool|float|integer|string|boolean|None|"
                        r"NoneType|array|mapping|scalar|sequence|token|stream)\b")
# PyYAML's own words, which must never reach a message
PYYAML_WORDS = ("did not find", "expected", "while parsing", "while scanning", "mapping values",
                "could not find", "found character", "cannot start any token")


def found(site: Path, lang: str = "id") -> list[tuple[str, int, str, str, str]]:
    _, problems = load_site(site / "content", NOW)
    return [(p.path, p.line, p.code, p.message(lang), p.hint(lang)) for p in problems
            if p.severity == "error"]


def announce(site: Path, front: str) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", f"---\n{front}---\nIsi.\n")


def service(site: Path, old: str, new: str) -> None:
    assert old in LAYANAN
    write(site, f"{VILLAGE}/layanan/sktm.md", LAYANAN.replace(old, new))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_message_or_hint_in_a_catalog_names_a_data_type(lang: str) -> None:
    texts = {k: v for k, v in catalog(lang).items() if k.startswith(("error.", "hint."))}
    assert texts
    assert {k: v for k, v in texts.items() if TYPE_NAMES.search(v)} == {}


def test_a_requirement_written_as_one_line_shows_the_line_to_write(site: Path) -> None:
    service(site, "  - nama: Kartu Keluarga\n    bawa: fotokopi", "  - Kartu Keluarga")
    [(path, line, code, message, hint)] = found(site)
    assert (path, line, code) == ("sukamaju/layanan/sktm.md", 6, "wrong_object_item")
    assert message == ('Butir ke-1 di kolom "persyaratan" harus berisi kolom-kolom, '
                       'bukan satu isian.')
    assert hint.startswith("Tulis butirnya sebagai - nama: Kartu Keluarga (kolom yang bisa")
    assert "object" not in message + hint


@pytest.mark.parametrize(("old", "new", "code", "words"), [
    ("prosedur: [Datang ke kantor desa, Isi formulir]", "prosedur: Datang saja", "wrong_list",
     "harus berisi daftar"),
    ("biaya: {nominal: 0}", "biaya: gratis", "wrong_object", "harus berisi kolom-kolom"),
    ("waktu_penyelesaian: {nilai: 1,", "waktu_penyelesaian: {nilai: satu,", "wrong_int",
     "harus berisi angka bulat"),
    ("populer: true", "populer: [ya]", "wrong_bool", "harus berisi true atau false"),
    ("produk: KTP-el", "produk: [KTP-el]", "wrong_text", "harus berisi tulisan"),
])
def test_a_value_of_the_wrong_shape_is_named_in_words(site: Path, old: str, new: str,
                                                      code: str, words: str) -> None:
    service(site, old, new)
    [(_, _, got, message, hint)] = found(site)
    assert got == code and words in message
    for lang in ("id", "en"):
        [(_, _, _, message, hint)] = found(site, lang)
        assert not TYPE_NAMES.search(message + hint), message + hint


def test_a_group_of_free_fields_written_as_one_value_needs_no_field_list(site: Path) -> None:
    desa = site / VILLAGE / "desa.yaml"
    desa.write_text(desa.read_text(encoding="utf-8") + "publikasi: ftp\n", encoding="utf-8")
    [(path, _, code, message, hint)] = found(site)
    assert (path, code) == ("sukamaju/desa.yaml", "wrong_object_open")
    assert "publikasi" in message and "nama: nilai" in hint and "()" not in hint


@pytest.mark.parametrize("written", ["10000", "10.000", "Rp10.000", "Rp 10.000,-", "rp. 10.000",
                                     "Rp 10.000,00", '"10.000"'])
def test_a_rupiah_amount_written_the_indonesian_way_is_read_as_a_number(
        site: Path, written: str) -> None:
    service(site, "biaya: {nominal: 0}", f"biaya:\n  nominal: {written}")
    loaded, problems = load_site(site / "content", NOW)
    assert [p for p in problems if p.severity == "error"] == []
    [page] = [p for p in loaded.villages[0].pages if p.slug == "sktm"]
    assert page.data["biaya"]["nominal"] == 10000


@pytest.mark.parametrize(("written", "example"), [
    ("10,000", "10000"), ("Rp 10,000", "10000"), ("10.5", "10000"), ("10rb", "10000"),
    ("Rp 1.000,50", "10000")])
def test_an_ambiguous_rupiah_amount_is_answered_with_the_number_to_write(
        site: Path, written: str, example: str) -> None:
    service(site, "biaya: {nominal: 0}", f"biaya:\n  nominal: {written}")
    [(path, line, code, message, hint)] = found(site)
    assert (path, line, code) == ("sukamaju/layanan/sktm.md", 10, "bad_rupiah")
    assert message == f'Jumlah rupiah "{written}" di kolom "nominal" tidak bisa dibaca.'
    assert hint.startswith(f"Tulis angka saja: {example}.")
    assert found(site, "en")[0][4].startswith(f"Write digits only: {example}.")


def test_rupiah_still_has_its_minimum(site: Path) -> None:
    service(site, "biaya: {nominal: 0}", "biaya: {nominal: -5000}")
    assert [x[2] for x in found(site)] == ["too_small"]


# (front matter, code, line of the problem, the lines the message names)
YAML_MISTAKES = {
    "unclosed_list": ("judul: Rapat\nuntuk: [Warga, Perangkat desa\ntanggal: 2026-11-20\n",
                      "yaml_unclosed_list", 3, ("baris 3", "baris 4")),
    "unclosed_quote": ('judul: "Rapat warga\ntanggal: 2026-11-20\n', "yaml_unclosed_quote", 2,
                       ("baris 2", "baris 3")),
    "tab": ("judul: Rapat\ntanggal: 2026-11-20\nevakuasi:\n\ttitik_kumpul: Balai\n",
            "yaml_tab", 5, ("Baris 5",)),
    "missing_colon": ("judul: Rapat\ntanggal 2026-11-20\njenis: berita\n",
                      "yaml_missing_colon", 3, ("Baris 3", "baris 4")),
    "bad_indent": ("judul: Rapat\ntanggal: 2026-11-20\nevakuasi:\n  titik_kumpul: Balai\n"
                   " rute: Jalan desa\n", "yaml_indent", 6, ("Baris 6", "baris 2")),
    "colon": ("judul: Rapat Warga: RT 01\ntanggal: 2026-11-20\n", "yaml_colon", 2,
              ("baris 2",)),
    "no_space": ("judul:Rapat Warga\ntanggal: 2026-11-20\n", "yaml_no_space", 2,
                 ("baris 2", "baris 3")),
    "special_start": ("judul: *Penting* rapat\ntanggal: 2026-11-20\n", "yaml_special_start",
                      2, ("baris 2", "tanda *")),
    "after_quote": ('judul: "Rapat" warga\ntanggal: 2026-11-20\n', "yaml_after_quote", 2,
                    ("baris 2",)),
    "duplicate": ("judul: Rapat\ntanggal: 2026-11-20\njudul: Rapat lagi\n", "duplicate_key",
                  4, ('"judul"', "baris 2")),
}


@pytest.mark.parametrize("case", list(YAML_MISTAKES))
def test_a_yaml_mistake_is_said_plainly_with_where_it_began_and_broke(site: Path,
                                                                       case: str) -> None:
    front, code, line, named = YAML_MISTAKES[case]
    announce(site, front)
    [(path, got_line, got, message, hint)] = found(site)
    assert (path, got_line, got) == ("sukamaju/pengumuman/rapat.md", line, code)
    for words in named:
        assert words in message
    for lang in ("id", "en"):
        [(*_, message, hint)] = found(site, lang)
        assert not any(w in message + hint for w in PYYAML_WORDS), message


@pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader])
@pytest.mark.parametrize("case", [c for c in YAML_MISTAKES if c != "duplicate"])
def test_both_yaml_parsers_give_the_same_answer(loader: type, case: str) -> None:
    """PyYAML without libyaml words its problems differently; the codes must not change."""
    front, code, line, _ = YAML_MISTAKES[case]
    parser = loader(front)
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        parser.get_single_node()
    parser.dispose()
    assert describe(caught.value, front, 2)[::2] == (line, code)


def test_parse_yaml_raises_no_pyyaml_error() -> None:
    with pytest.raises(Exception) as caught:
        parse_yaml("a: [1, 2\nb: 3\n")
    assert not isinstance(caught.value, yaml.YAMLError)


ERROR_CODES = sorted({key.split(".", 1)[1] for key in catalog("id") if key.startswith("error.")})


@pytest.mark.parametrize(("guide", "mark"), [("kesalahan.md", "kode"), ("en/errors.md", "code")])
def test_every_error_code_is_documented_in_both_guides(guide: str, mark: str) -> None:
    """Each message the program can print has an entry in the guide's list of every
    message, marked `<!-- kode: ... -->` (`code` in English) with the codes it explains."""
    text = (DOCS / guide).read_text(encoding="utf-8")
    marked = re.findall(rf"<!-- {mark}: ([\w ]+) -->", text)
    codes = [code for line in marked for code in line.split()]
    assert [code for code in ERROR_CODES if code not in codes] == []
    assert sorted(set(codes)) == sorted(codes), "each code is explained once"
    assert set(codes) <= set(ERROR_CODES), "the guide explains no message that is gone"
    assert set(catalog("en")) >= {f"error.{c}" for c in ERROR_CODES}


def test_the_editor_schema_takes_the_rupiah_amounts_the_validator_takes() -> None:
    from jsonschema import Draft7Validator

    from kampung.jsonschema import field_schema
    from kampung.schema import LAYANAN

    editor = Draft7Validator(field_schema(LAYANAN["biaya"].fields["nominal"]))
    as_editor_reads = [yaml.safe_load(f"x: {w}")["x"]  # an unquoted 10.000 is a number to it
                       for w in ("10000", "10.000", "Rp10.000", "Rp 10.000,-", "0")]
    assert all(editor.is_valid(value) for value in as_editor_reads)
    assert not any(editor.is_valid(value) for value in ("10rb", "10,5", "Rp 1.000,50", -5))
