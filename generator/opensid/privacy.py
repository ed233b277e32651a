"""The last gate: no resident's personal data from the backup may appear in an imported file.

The mapping never copies a personal column, but free text can still hold one (an article
naming a resident, a letter's requirement quoting a NIK). So the personal columns of the
dump become a `Register`, and every string of every imported file is cleaned with it
before it is written again: each match becomes a [GANTI] mark that `kampung check` flags.

What identifies a person is redacted wherever it appears: a full name of two words or more,
a NIK, KK or other identity number (and any number shaped like a NIK), a phone number or
e-mail the village does not publish itself (a seller's shop number is published by the
seller). What only identifies a person together with a name (a one-word name, a birth
date, an address) is redacted only in a paragraph that names that person: dates, single
common words and place names are not personal data by themselves (UU 27/2022).

Text is read as words, whatever whitespace or markup lies between them (`AHMAD&nbsp;ALLIF`,
`<b>AHMAD</b> ALLIF`, a line break), and looked up by their first word in a dict, so a
register of 20,000 residents costs a dict lookup per word of text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from .dump import Dump

ID, NAME, WORD, DATE, PLACE = "id", "name", "word", "date", "place"
OFFICIAL = "official"  # an official's name: public (Perki 1/2018 Pasal 2), a WORD at most
# table -> kind -> columns holding data about a person (UU 27/2022)
PERSONAL = {
    "tweb_penduduk": {
        ID: "nik ayah_nik ibu_nik telepon email dokumen_pasport dokumen_kitas akta_lahir "
            "akta_perkawinan akta_perceraian no_kk_sebelumnya tag_id_card no_asuransi "
            "bpjs_ketenagakerjaan",
        NAME: "nama nama_ayah nama_ibu", DATE: "tanggallahir",
        PLACE: "alamat_sekarang alamat_sebelumnya tempatlahir"},
    "tweb_keluarga": {ID: "no_kk nik_kepala", PLACE: "alamat"},
    "tweb_rtm": {ID: "no_kk"},
    "tweb_desa_pamong": {ID: "pamong_nik pamong_nip pamong_pin pamong_tag_id_card pamong_niap",
                         OFFICIAL: "pamong_nama", DATE: "pamong_tanggallahir",
                         PLACE: "pamong_tempatlahir"},
    "program_peserta": {ID: "peserta no_id_kartu kartu_nik", NAME: "kartu_nama",
                        DATE: "kartu_tanggal_lahir", PLACE: "kartu_alamat kartu_tempat_lahir"},
    "config": {ID: "nip_kepala_desa nip_kepala_camat"},
    "user": {ID: "password email username pin", NAME: "nama"},
    "tweb_penduduk_mandiri": {ID: "pin"},
}
PUBLIC = {"pelapak": "telepon", "config": "telepon email_desa"}  # numbers the village shows
REGISTER = "tweb_penduduk"  # without it no resident can be recognised in the text
READ_ANYWAY = ("call", "not_utf8", "repeated_key")  # dump.py's notes on rows it did read
UNKNOWN_TABLE = ("cut", "open_quote")  # a statement lost before its table was read
REPLACEMENT = "(data pribadi dihapus [GANTI])"
SHORT = "[GANTI]"  # in a field, which has a length limit
HOLD = ("[GANTI] Periksa halaman ini sebelum terbit: data warga di cadangan tidak terbaca "
        "penuh saat impor, jadi nama atau data pribadi warga mungkin masih ada di sini "
        "(lihat laporan impor). Hapus paragraf ini setelah diperiksa.")
NOTHING = {"", "-", "0", "00", "000", "null", "none", "0000-00-00"}
MONTHS = ("januari februari maret april mei juni juli agustus september oktober november "
          "desember", "january february march april may june july august september october "
          "november december")  # a birth date as the site or an article writes it

WORDS = re.compile(r"[^\W_]+")
MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")
GAP = re.compile(r"(?:[\s*_~`.'’@/\\-]|<[^<>]*>|&#?\w+;)*")  # what may lie inside a name
NUMBER = re.compile(r"\d+(?:(?:[\s./()-]|&nbsp;){1,2}\d+)*")  # digits in groups: 0812-3456
DIGITS = re.compile(r"\d+")
NOT_DIGIT = re.compile(r"\D")
LETTER = re.compile(r"[^\W\d_]")
PARAGRAPH = re.compile(r"(\n\s*\n)")
KEPT = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\s*/?>|[*_~`]+")  # markup without attributes
PROVINCES = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61,
             62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}

Key = tuple[int, str]  # (person, kind); person -1 is anyone (a NIK-shaped number)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    keys: tuple[Key, ...]


@dataclass
class Register:
    """Every personal value of a dump, as word sequences and as digit strings."""

    public: set[str] = field(default_factory=set)  # numbers and e-mails the village shows
    officials: set[tuple[str, ...]] = field(default_factory=set)  # their names are public
    phrases: dict[tuple[str, ...], list[Key]] = field(default_factory=dict)
    lengths: dict[str, list[int]] = field(default_factory=dict)  # first word -> lengths
    numbers: dict[str, list[Key]] = field(default_factory=dict)
    born: dict[str, list[int]] = field(default_factory=dict)  # birth date -> people

    def clean(self, text: str, mark: str = REPLACEMENT) -> tuple[str, int]:
        """`text` with what identifies a person replaced by `mark`; how many were."""
        parts = PARAGRAPH.split(text)
        count = 0
        for index in range(0, len(parts), 2):
            parts[index], n = self._clean_paragraph(parts[index], mark)
            count += n
        return "".join(parts), count

    def _clean_paragraph(self, text: str, mark: str) -> tuple[str, int]:
        spans = _merged(_chosen(list(self._hits(text))))
        for start, end in reversed(spans):  # bold or a tag around a name stays balanced
            text = text[:start] + mark + "".join(KEPT.findall(text, start, end)) + text[end:]
        return text, len(spans)

    def _hits(self, text: str) -> Iterator[Hit]:
        yield from self._phrase_hits(text)
        if "<" in text or "&" in text:  # again with markup as spaces: <b>AHMAD</b> ALLIF
            yield from self._phrase_hits(MARKUP.sub(lambda m: " " * len(m[0]), text))
        yield from self._number_hits(text)

    def _phrase_hits(self, text: str) -> Iterator[Hit]:
        words = list(WORDS.finditer(text))
        folded = [w[0].casefold() for w in words]
        joined = _joined(text, words)
        for i, word in enumerate(folded):
            for n in self.lengths.get(word, ()):
                keys = self.phrases.get(tuple(folded[i:i + n])) if n - 1 <= joined[i] else None
                if keys:
                    yield Hit(words[i].start(), words[i + n - 1].end(), tuple(keys))
                    break

    def _number_hits(self, text: str) -> Iterator[Hit]:
        for run in NUMBER.finditer(text):
            groups = list(DIGITS.finditer(text, run.start(), run.end()))
            for i in range(len(groups)):
                digits = ""
                for j in range(i, len(groups)):
                    digits += groups[j][0]
                    if len(digits) > 20:
                        break
                    keys = list(self.numbers.get(_phone(digits), ()))
                    if len(digits) == 16 and _nik_shaped(text, groups[i:j + 1], digits):
                        keys.append((-1, ID))
                    if keys:
                        yield Hit(groups[i].start(), groups[j].end(), tuple(keys))

    def add(self, person: int, kind: str, value: Any) -> None:
        raw = str(value).strip()
        if raw.lower() in NOTHING:
            return
        if kind == ID:
            self._add_id(person, raw)
        elif kind == DATE:
            self.born.setdefault(raw, []).append(person)
        else:
            words = _words(raw.split(",")[0])  # 'AHMAD, S.PD': the name without the degree
            if kind != PLACE:
                full = kind == NAME and len(words) >= 2 and words not in self.officials
                kind = NAME if full else WORD
            self._add_phrase(words, [(person, kind)])

    def _add_id(self, person: int, raw: str) -> None:
        digits = NOT_DIGIT.sub("", raw)
        if not LETTER.search(raw):
            number = _phone(digits)
            if len(digits) >= 8 and number not in self.public:  # not an id, a sum of money
                self.numbers.setdefault(number, []).append((person, ID))
        elif len(digits) >= 5 or "@" in raw or (digits and len(raw) >= 8):
            words = _words(raw)
            if " ".join(words) not in self.public:
                self._add_phrase(words, [(person, ID)])

    def add_dates(self) -> None:
        """The birth dates noted by `add`, each in the forms a text writes it."""
        for raw, people in self.born.items():
            keys = [(person, DATE) for person in people]
            numbers, phrases = _date_forms(raw)
            for digits in numbers:
                self.numbers.setdefault(digits, []).extend(keys)
            for words in phrases:
                self._add_phrase(words, keys)

    def _add_phrase(self, words: tuple[str, ...], keys: list[Key]) -> None:
        if not words:
            return
        found = self.phrases.setdefault(words, [])
        if not found:
            lengths = self.lengths.setdefault(words[0], [])
            if len(words) not in lengths:
                lengths.append(len(words))
                lengths.sort(reverse=True)  # the longest name first
        found.extend(keys)


def register(dump: Dump, officials: Iterable[str]) -> Register:
    """The register of `dump`'s personal values; `officials` are names the portal shows."""
    public = {_plain(str(row.get(column) or "")) for table, columns in PUBLIC.items()
              for row in dump.rows(table) for column in columns.split()} - {""}
    found = Register(public=public, officials={_words(name) for name in officials})
    person = 0
    for table, kinds in PERSONAL.items():
        columns = [(kind, column) for kind, names in kinds.items() for column in names.split()]
        for row in dump.rows(table):
            person += 1
            for kind, column in columns:
                if row.get(column) is not None:
                    found.add(person, kind, row[column])
    found.add_dates()
    return found


def _date_forms(raw: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A birth date as digits (19700520, 20-05-1970) and as words (20 Mei 1970)."""
    try:
        day = date.fromisoformat(raw[:10])
    except ValueError:
        return (), ()
    d, m, y = day.day, day.month, day.year
    numbers = {f"{y}{m:02}{d:02}", f"{d:02}{m:02}{y}", f"{d}{m}{y}"}
    words = {(number, months.split()[m - 1], str(y)) for months in MONTHS
             for number in (str(d), f"{d:02}")}
    return tuple(sorted(numbers)), tuple(sorted(words))


def gaps(dump: Dump) -> list[tuple[str, int, int]]:
    """(table, first line, statements lost) for each personal table the dump did not give
    whole: table "" for statements cut off or broken before their table is known, line 0
    when the residents' table is not in the dump at all."""
    found: dict[str, tuple[int, int]] = {}
    for line, reason in dump.unreadable:
        table = reason.params.get("table", "")
        if reason.code in READ_ANYWAY or (table and table not in PERSONAL) or \
                (not table and reason.code not in UNKNOWN_TABLE):
            continue
        first, count = found.get(table, (line, 0))
        found[table] = (min(first, line), count + 1)
    if REGISTER not in dump.tables:
        found.setdefault(REGISTER, (0, 0))
    return [(table, line, count) for table, (line, count) in found.items()]


def fit(new: str, old: str) -> str:
    """`new` no longer than `old` (a field's length limit held before), keeping a mark."""
    if len(new) <= len(old):
        return new
    cut = new[:len(old)]
    return cut if SHORT in cut else new[:max(len(old) - len(SHORT), 0)] + SHORT


def _chosen(hits: list[Hit]) -> list[Hit]:
    """The hits to redact: what identifies a person, and what only does beside their name
    (a one-word name with the birth date; anything of a person named in full or by NIK)."""
    kinds: dict[int, set[str]] = {}
    for hit in hits:
        for person, kind in hit.keys:
            kinds.setdefault(person, set()).add(kind)
    named = {p for p, k in kinds.items() if k & {ID, NAME} or {WORD, DATE} <= k}
    return [h for h in hits if any(k in (ID, NAME) or p in named for p, k in h.keys)]


def _merged(hits: list[Hit]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if spans and hit.start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hit.end))
        else:
            spans.append((hit.start, hit.end))
    return spans


def _joined(text: str, words: list[re.Match[str]]) -> list[int]:
    """For each word, how many words after it are joined to it only by space or markup."""
    joined = [0] * len(words)
    for i in range(len(words) - 2, -1, -1):
        if GAP.fullmatch(text, words[i].end(), words[i + 1].start()):
            joined[i] = joined[i + 1] + 1
    return joined


def _nik_shaped(text: str, groups: list[re.Match[str]], digits: str) -> bool:
    """Sixteen digits in one group, or in groups with one separator throughout that read
    as a NIK or KK number (province, day, month): '5201-1407-0696-6997'."""
    if len(groups) == 1:
        return True
    if len({text[a.end():b.start()] for a, b in pairwise(groups)}) != 1:
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    return int(digits[:2]) in PROVINCES and (1 <= day <= 31 or 41 <= day <= 71) and \
        1 <= month <= 12


def _words(text: str) -> tuple[str, ...]:
    return tuple(WORDS.findall(text.casefold()))


def _phone(digits: str) -> str:
    """+62 812... and 0812... are one number."""
    return "0" + digits[2:] if digits.startswith("62") and len(digits) >= 10 else digits


def _plain(value: str) -> str:
    """A value as compared with what the village publishes: digits of a number, else words."""
    if LETTER.search(value):
        return " ".join(_words(value))
    return _phone(NOT_DIGIT.sub("", value))
