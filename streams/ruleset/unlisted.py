"""Towns that no rule file and no gazetteer knows, found where news names a town as one.

GeoNames lists no population for most front-line villages, and a world gazetteer of every hamlet would
read ordinary words as places. But a report names such a village the way it names a town: "captured the
village of Maiorsk", "the settlements of Progres and Yevgenivka", "Kawbein village was retaken",
"control of Yontoy and Bulo-Gadud villages", «استعادة السيطرة على قرى حوير العيس وتل التباريز والطحش»,
«حررت بلدة فولتشي». There a word that is no common word of its language (wordfreq) is a town's name,
whatever the gazetteer says; the scan makes it a place mention of its own (``UNLISTED``), so a change of
it reads and alerts like any other.

Latin script needs a capital as well ("Border villages", "the town of Great Falls" name nothing), and a
name written before the noun must be rarer still ("retakes strategic Mozambican town"). Arabic has no
capitals: a name follows its noun, one word, or two when the first is a word that opens names (تل، كفر،
أم) or the second carries the article and is as rare as a name («حوير العيس»); «قرية صغيرة» (a small
village), «بلدة رابعة» (a fourth town) are words.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, assert_never

from streams.places.ambiguity import TANWEEN, folded_zipf, spelling_zipf
from streams.places.scripts import ARABIC_ASSOCIATIONS, ARABIC_FACILITIES, ascii_name, slugify, starts_name
from streams.text.clauses import (
    COMMAS,
    between,
    closes_parenthesis,
    coordinates,
    mark_before,
    parenthesis_end,
    speaks_at,
    without_locating,
)
from streams.text.inflect import bare_forms, without_proclitics
from streams.text.languages import Language, is_arabic_letter
from streams.text.normalise import DASHES, WordStream, fold

# The term of an occurrence that names an unlisted town (see :class:`streams.ruleset.occurrences.Occurrence`).
UNLISTED = "unlisted"

# The id prefix of an unlisted town's entity: ``unlisted:maiorsk``.
UNLISTED_PREFIX = "unlisted:"

# Words of a name: a village is rarely named in more than three ("Staraya Sorochina", "Gamboru Ngala").
_NAME_WORDS = 3
# Names before a noun for towns ("Yontoy and Bulo-Gadud villages") are shorter: two words.
_NAME_WORDS_BEFORE = 2
# How much of the text after a lower-case article shows the capital of the name it opens ("al-Maseed").
_NAME_WORD_AFTER_ARTICLE = 2
# Towns in one list: "the villages of Viktorovka, Nikolayevka and Staraya Sorochina"; an army's statement may
# list a score or more («قرى العذبة والبوجوراي والجماسة … واللزاكة»).
_LISTED = 40
# A word at least this frequent (wordfreq's Zipf scale: once in 300,000 words) is a word, not a village's
# name: "Russian", "Border", "Progress" are; "Maiorsk", "Kawbein", "Progres" are not.
COMMON_ZIPF = 3.5
# In front of the noun a rarer word still may describe, not name: "retakes strategic Mozambican town".
COMMON_ZIPF_BEFORE = 2.0
# Between the commas of a list in front of the noun, a word is a name up to this frequency.
COMMON_ZIPF_BETWEEN_COMMAS = 4.0
# A name after a noun for cities is a transliteration, or a name rarer than the words that describe a city
# («تلودي» 2.2, «شقرة» 2.65, Gori; not «ساحلي» 2.7, «الملاهي» 3.4); after a noun for an area rarer still
# («منطقة بوهادي» 1.6, «منطقة النقوب»; not «منطقة اللاعودة», the point of no return, 2.4).
COMMON_ZIPF_CITY = 2.7
COMMON_ZIPF_AREA = 2.0
# An Arabic word has no capital to say it is a name: only a rare one is («المالكية» at 3.5 is also an
# adjective, «صغيرة» at 5.3 is one).
COMMON_ZIPF_ARABIC = 3.0


@dataclass(frozen=True, slots=True)
class UnlistedTown:
    """One mention of a town the rules do not know: its words, its name as written and its entity id."""

    first: int
    last: int
    name: str

    @property
    def entity_id(self) -> str:
        """The id a match binds: the same name always gives the same id, in any article (Latin names as a
        slug, Arabic ones folded)."""
        folded = "-".join(fold(self.name).split())
        if any(is_arabic_letter(c) for c in self.name):
            return UNLISTED_PREFIX + folded  # «3000 شقة» whole, not the digits a slug keeps
        return UNLISTED_PREFIX + (slugify(self.name) or folded)


def is_unlisted(entity_id: str) -> bool:
    """Whether ``entity_id`` names a town found by :func:`unlisted_towns`, not an entity of the rules."""
    return entity_id.startswith(UNLISTED_PREFIX)


def unlisted_name(entity_id: str) -> str:
    """The name of an unlisted town as its entity id keeps it: ``unlisted:maiorsk`` → ``maiorsk``."""
    return entity_id.removeprefix(UNLISTED_PREFIX)


def display_name(entity_id: str) -> str:
    """What an alert or the board calls an entity that no rule defines: an unlisted town by its name
    (``unlisted:staraya-sorochina`` → ``Staraya Sorochina``), anything else by its id."""
    if not is_unlisted(entity_id):
        return entity_id
    name = unlisted_name(entity_id).replace("-", " ")
    return name.title() if name.isascii() else name


def unlisted_towns(
    words: WordStream, languages: Sequence[Language], known: Container[int], sentences: Iterable[int] | None = None
) -> list[UnlistedTown]:
    """The towns that no rule knows that ``words`` name as towns, read with each of ``languages`` (one per
    script), each once; only those named in ``sentences`` when given.

    ``known`` holds the words that a known name covers (a country, an actor, a listed town: none of them is
    an unlisted town). Mostly a noun for towns says so, and a plural one may name a list ("the villages of
    Progres and Yevgenivka", «قريتي زيتان وبرنة»). In Latin script a name follows the noun and a name link
    ("the village of Maiorsk"), stands in front of the noun after a word written in lower case, so that a
    title's capitals are not read as names ("Army Takes Village"), or the noun describes it in an apposition
    ("Umm Sumeima, a strategic town west of El Obeid"); three names or more listed with no noun are towns
    too ("the recapture of Viktorovka, Nikolayevka and Staraya Sorochina"). In Arabic names in quotes right
    after the word that opens an object or a noun for a place are («السيطرة على «جبل موية»», «منطقة “أم
    قليب”»), and so are transliterated names a known place locates («على زاريتشني في منطقة دونيتسك»).
    A town is named in the sentence of the word that names it (a list does not run on past a full stop:
    "… ward, Tower Hamlets. Mr Galloway said"), so one sentence is read on its own.
    """
    found: list[UnlistedTown] = []
    stream = words.words(0, words.word_count)
    indices = _words_of(words, sentences)
    for language in languages:
        if not language.unlisted_town_nouns:
            continue
        lexicon = _lexicon(language)
        readers = lexicon.readers
        for index in indices:
            word = stream[index]
            if word not in readers:
                continue
            towns = _towns_at(words, index, word, known, language, lexicon)
            if towns:
                sentence = words.sentence_of(index)
                found += [town for town in towns if words.sentence_of(town.first) == sentence]
    # a list after a noun for towns is also a list: each town once
    return list({(town.first, town.last): town for town in found}.values())


def _words_of(words: WordStream, sentences: Iterable[int] | None) -> list[int] | range:
    """The words of ``sentences`` (every sentence when None): a text's last too, a noun for towns that names the
    town in front of it ("Army retakes Zarovka village")."""
    if sentences is None:
        return range(words.word_count)
    starts = [0, *words.sentence_starts, words.word_count]
    return [
        index
        for sentence in sorted(sentences)
        if sentence + 1 < len(starts)
        for index in range(starts[sentence], min(starts[sentence + 1], words.word_count))
    ]


def _towns_at(
    words: WordStream, index: int, word: str, known: Container[int], language: Language, lexicon: _Lexicon
) -> list[UnlistedTown]:
    """The towns that ``word``, word ``index`` of ``words``, names, read with ``language``."""
    triggers, announcers, locators, _, _ = lexicon
    latin = language.script == "latin"
    if index + 1 == words.word_count:
        # a text's last word names only what stands in front of it: "Army retakes Zarovka village"
        noun = triggers.get(word)
        if not latin or noun is None or noun not in language.unlisted_town_nouns:
            return []
        return _names_in_front(words, index, known, language, _LISTED if language.unlisted_town_nouns[noun] else 1)
    found: list[UnlistedTown] = []
    if word in announcers:
        found += _announced_names(words, index, known, language)
    if latin and word in locators and _located_at(words, index, known, language):
        # "seized Ptyche, southeast of Pokrovsk", "took full control of Mongngawt in Kyaukme Township"
        found += _latin_located(words, index, known, language)
    if word not in triggers:
        if latin and word in language.coordinators:
            found += _latin_list(words, index, known, language)
        return found
    noun = triggers[word]
    if noun is None:
        # names set in quotes where a place stands: «السيطرة على «الدشول»», «منطقة “أم قليب”», «منطقتي
        # “أم دم حاج أحمد” و”كازقيل”», «تحرير «سوق الإثنين» و«المتون»» (common words only after a word that opens
        # names)
        opens = (
            word in language.object_markers or word in language.settlement_nouns or word in language.construct_changes
        )
        quoted = _quoted_names(words, index + 1, known, language) if opens else []
        if not quoted and not latin and word not in language.settlement_nouns:
            # «سيطرت على زاريتشني … في منطقة دونيتسك», «أخرجت الجيش من زافودي في منطقة خاركيف»
            quoted = _located_names(words, index + 1, known, language)
            if not quoted and word in language.object_markers:
                quoted = _joined_name(words, index + 1, known, language) or _listed_after_known(
                    words, index + 1, known, language
                )
        return found + quoted
    return found + _named_by(noun, words, index, known, language)


# How far before the word that announces them a plural noun for places may stand («مناطق واسعة شملت», «قرى
# وبلدات بريف حلب الغربي، من بينها», «البلدات الجديدة التي دخل إليها بمحيط مدينة رأس العين هي», past a long subject:
# «القرى والبلدات التي سيطرت عليها الفصائل الإسلامية والمقاتلة المدعمة بالدبابات والطائرات التركية وهي»).
_ANNOUNCED_WITHIN = 14


def _announced_names(words: WordStream, index: int, known: Container[int], language: Language) -> list[UnlistedTown]:
    """The towns that the word at ``index`` announces (see ``announcing``): three names or more right after it,
    listed as after a plural noun for towns, when a plural noun for places, or a noun for towns a number counts,
    stands a few words before it in its sentence, or a demonstrative and such a noun right after it («وشملت
    تلك المواقع طيبة الإمام، حلفايا، …»)."""
    sentence = words.sentence_of(index)
    first = index + 1
    before = [i for i in range(max(0, index - _ANNOUNCED_WITHIN), index) if words.sentence_of(i) == sentence]
    # a dual noun announces its two names: «سيطر على قريتين تقعان غرب كركوك، هما طويليعة والملحة»
    dual = any(_dual_town_noun(words.word(i), language) for i in before)
    least = 2 if dual else _LIST_ITEMS
    if (
        first + 1 < words.word_count
        and words.word(first) in language.demonstratives
        and words.word(first + 1) in language.announced_nouns
        and words.sentence_of(first + 1) == sentence
    ):
        first += 2
    elif not dual:
        towns_before = any(_plural_town_noun(words, i, language) for i in before)
        if not towns_before and not any(words.word(i) in language.announced_nouns for i in before):
            return []
        if (
            towns_before
            and words.word(index) in language.inclusions
            and (between(words, index).strip() in COMMAS or words.word(index) not in language.pronoun_inclusions)
        ):
            # one name is enough where a word of its own says it is one of the towns before it: «سيطرت على
            # 34 بلدة وقرية بريف حلب، منها مسكنة», «مناطق عدة، لا سيما يثرب» (not of the positions: «مواقع
            # عدة، منها تلة»; nor «منها» with no comma, which may be 'from it')
            least = 1
    match language.script:
        case "latin":
            towns = _names_after(words, first, known, language, _common_word(language, COMMON_ZIPF), _LISTED)
            listed = len(towns)
        case "arabic":
            # known names count: «طيبة الإمام، وحلفايا، وكرناز، ومعردس»
            towns, listed = _arabic_names(words, first, known, language, _LISTED, village=True)
        case _:
            assert_never(language.script)
    return towns if listed >= least else []


def _plural_town_noun(words: WordStream, index: int, language: Language) -> bool:
    """Whether word ``index`` is a plural noun for towns, cities or quarters («وقرى», «المدن», «أحياء») or one a
    number counts."""
    noun = _lexicon(language).triggers.get(words.word(index))
    if noun and any(
        nouns.get(noun)
        for nouns in (language.unlisted_town_nouns, language.unlisted_city_nouns, language.quarter_nouns)
    ):
        return True
    return _counted_town_noun(words, index, language)


# How many words may say where the towns lie between a noun for towns a number counts and the comma after which
# their names are listed: «4 قرى بمحافظة إدلب في شمال غربي البلاد، سروج …».
_COUNTED_LIST_WITHIN = 8


def _counted_names(words: WordStream, noun: int, known: Container[int], language: Language) -> list[UnlistedTown]:
    """The Arabic names listed after the comma or the colon that follows a noun for towns a number counts, past
    what says where they lie (a word that locates or carries «ب»): «سيطر على 4 قرى بمحافظة إدلب في شمال
    غربي البلاد، سروج واسطبلات ورسم الورد وأعجاز»; two names at least, no more than the number."""
    count = words.word(noun - 1)
    count = count[1:] if count[:1] in language.coordinators else count
    sentence = words.sentence_of(noun)
    end = min(noun + 1 + _COUNTED_LIST_WITHIN, words.word_count)
    for index in range(noun + 1, end):
        if words.sentence_of(index) != sentence:
            return []
        if mark_before(words, index):
            if between(words, index).strip() not in _COUNTED_LIST_MARKS:
                return []
            towns, listed = _arabic_names(words, index, known, language, _LISTED, village=True)
            return towns if count.isdigit() and 2 <= listed <= int(count) else []
        word = words.word(index)
        if index == noun + 1 and not (
            word in language.locating
            or word in language.bearings
            or without_locating(word, language.locating_proclitics) is not None
        ):
            return []
    return []


# What may stand between the words that count towns and the list of their names.
_COUNTED_LIST_MARKS = COMMAS | frozenset(":")


def _dual_town_noun(word: str, language: Language) -> bool:
    """Whether ``word`` is the dual of a noun for towns («قريتين», «بلدتان»)."""
    return word in language.dual_town_nouns or any(
        word.endswith(dual) and word[: -len(dual)] + fold(single) in language.unlisted_town_nouns
        for dual, single in language.dual_endings.items()
    )


def _counted_town_noun(words: WordStream, index: int, language: Language) -> bool:
    """Whether word ``index`` is a noun for towns that a number counts: «سيطرت على 17 قرية وبلدة», «و24 قرية»,
    also as the second of two coordinated nouns the number counts («34 بلدة وقرية بالريف الشرقي»)."""
    if index < 1:
        return False
    word = words.word(index)
    if word[:1] in language.coordinators and word[1:] in language.unlisted_town_nouns:
        return _counted_town_noun(words, index - 1, language)
    if word not in language.unlisted_town_nouns:
        return False
    number = words.word(index - 1)
    return number.isdigit() or (number[:1] in language.coordinators and number[1:].isdigit())  # «و24 قرية»


class _Lexicon(NamedTuple):
    """The words of a language the reader looks each word of an article up in, worked out once per language
    so that a word is looked up once instead of trying every proclitic or coordinator on it."""

    triggers: Mapping[str, str | None]
    """The words after which a town may be named: a noun for towns or cities, also with a proclitic in front
    of it («بقرية», «وبلدات»), to the noun; a word that opens an object or a noun for a place (where a quoted
    name may stand), or a word of the source ("from", where a located name may) to None."""
    announcers: frozenset[str]
    """The words that announce a list (``announcing``), also with a coordinator glued to them («وشملت»)."""
    locators: frozenset[str]
    """The words after a name that may say that a known place locates it ("in", "near", "southeast")."""
    readers: frozenset[str]
    """Every word the reader reads on from: the others name no town and are passed over."""
    addition_heads: frozenset[str]
    """The first words of the phrases that add to a list («إضافة إلى», "as well as"): what follows is no name of it."""


# Per language (by identity, the language kept alive beside it): see _lexicon.
_LEXICONS: dict[int, tuple[Language, _Lexicon]] = {}


def _lexicon(language: Language) -> _Lexicon:
    """``language``'s words that the reader looks up (see ``_Lexicon``)."""
    kept = _LEXICONS.get(id(language))
    if kept is not None and kept[0] is language:
        return kept[1]
    triggers: dict[str, str | None] = dict.fromkeys(
        language.object_markers
        | language.settlement_nouns
        | language.source_words
        | language.name_links
        | language.construct_changes
    )
    nouns = [*language.unlisted_town_nouns, *language.unlisted_city_nouns, *language.quarter_nouns]
    triggers |= {prefix + noun: noun for prefix in language.proclitics for noun in nouns}
    triggers |= {noun: noun for noun in nouns}
    announcers = language.announcing | {c + word for c in language.coordinators for word in language.announcing}
    locators = language.locating | language.proximity | language.bearings
    readers = triggers.keys() | announcers
    if language.script == "latin":
        readers |= locators | language.coordinators
    heads = frozenset(phrase.split()[0] for phrase in language.additions)
    lexicon = _Lexicon(triggers, frozenset(announcers), locators, frozenset(readers), heads)
    _LEXICONS[id(language)] = (language, lexicon)
    return lexicon


def _named_by(
    noun: str, words: WordStream, index: int, known: Container[int], language: Language
) -> list[UnlistedTown]:
    """The towns that the noun for towns, cities or quarters ``noun``, written at word ``index``, names."""
    if noun in language.quarter_nouns and language.script == "arabic":
        start, end = words.original_span(index, index)
        if words.word(index).removesuffix(noun).endswith(language.article_prefix) or _homograph(
            words.original[start:end], language
        ):
            # «الأحياء الشرقية», «الحي»: the quarters described or referred back to, not named; «إحياء ذكرى»
            return []
        most = 2 if noun in language.dual_town_nouns else _LISTED if language.quarter_nouns[noun] else 1
        return _quarter_names(words, index + 1, known, language, most)
    city = noun in language.unlisted_city_nouns
    plural = (
        language.unlisted_city_nouns[noun]
        if city
        else language.quarter_nouns[noun]
        if noun in language.quarter_nouns
        else language.unlisted_town_nouns[noun]
    )
    if city and not plural and index > 0 and language.unlisted_town_nouns.get(words.word(index - 1)):
        # the area the towns lie in, not a town: «حررت واحدة من كبرى بلدات منطقة دزيرجينسك»
        return []
    if (
        language.article_prefix
        and words.word(index).removesuffix(noun).endswith(language.article_prefix)
        and not (plural and not city and words.word(index + 1) in language.list_openers)
    ):
        # a name follows a noun in construct; after one carrying the article come its adjectives or the rest
        # of the sentence («البلدة الزراعية», «دخلت البلدة بدبابات», «في المدينة لمسلحي الحوثي»), or a list
        # that words of its own open («القرى المحيطة مثل عين دقنة»)
        return []
    if _counted_town_noun(words, index, language):
        # a counted noun is described, not named: «و24 قرية أذرية» (24 Azeri villages); a list its own word
        # announces is read apart («17 قرية من بينها …»); what it adds to is named ("Zaytunak, Sorani and other
        # 4 villages")
        if language.script == "latin" and plural:
            return _names_in_front(words, index, known, language, _LISTED)
        return _counted_names(words, index, known, language)
    following = index + 1
    if following < words.word_count and _lexicon(language).triggers.get(words.word(following)) is not None:
        # two nouns coordinated: the names follow the second, which reads them («بلدات وقرى معر شمارين»)
        return []
    most = _DUAL_MOST if noun in language.dual_town_nouns else _LISTED if plural else 1
    # a noun for areas before a word that joins names names a locality, whatever word ends its name («منطقة أبو
    # قمرة»: «قمرة» is a word, and «أبو» says a name is meant)
    joined = (
        noun in language.unlisted_area_nouns
        and following < words.word_count
        and words.word(following) in language.name_joins
    )
    match language.script:
        case "latin":
            towns = _latin_names(words, index, known, language, most)
        case "arabic":
            construct = noun in language.construct_town_nouns or joined
            # quotes after a noun for cities mark its name as they do after one for villages («مدينة "كونا"»);
            # after one for areas common words in quotes name zones («منطقة "عازلة"»)
            towns, listed = _arabic_names(
                words,
                index + 1,
                known,
                language,
                most,
                construct=construct,
                village=noun not in language.unlisted_area_nouns,
            )
            if noun in language.town_list_nouns and (
                listed < _LIST_ITEMS
                or any(
                    fold(town.name).split()[0].removeprefix(language.article_prefix) in language.landmarks
                    for town in towns
                )
            ):
                # fewer names say what the places are; a neighbourhood, a street or a headquarters among them makes
                # them a city's quarters («حررت مناطق الهياكل والديوم وحي الطين», «مناطق الرمادي والمقار الأمنية»)
                return []
            if most == 1 and len(towns) == 1 and not city:
                towns += _coordinated_village(words, towns[0].last + 1, known, language)
            if (
                most == _DUAL_MOST
                and len(towns) == _DUAL_MOST
                and not _added_to_pair(words, towns[-1], known, language)
            ):
                towns = towns[:-1]  # «قريتي تومى ومجارين وقطع طريق زوردة»: what the sentence goes on to do
        case _:
            assert_never(language.script)
    if city:
        # a city's name no gazetteer lists is a transliteration («مدينة أنيفيس», not «مدينة الملاهي»), unless
        # quotes mark it as a name
        if not plural and (capital := _named_capital(words, index + 1, known, language)) is not None:
            return [capital]
        rarer = COMMON_ZIPF_AREA if noun in language.unlisted_area_nouns else COMMON_ZIPF_CITY
        return [
            town
            for town in towns
            if (joined and town.first == following)
            or _quote_before(words, town.first)
            or _transliterated(town.name, language, rarer)
        ]
    return towns


def _added_to_pair(words: WordStream, town: UnlistedTown, known: Container[int], language: Language) -> bool:
    """Whether ``town``, read as a third name after a dual noun for towns, is one the writer adds to the pair: a
    rare word, or a word that opens names («ومزرعة العفافرة»), where the list ends or goes on; not a common one
    («وقطع طريق»), a facility («وتلة الإعلام»), a count of farms («ومزرعتين») or a verb mistyped («ووتجه إلى»)."""
    word = words.word(town.first)
    glued = _glued(word, language)
    head = word[glued:]
    start, end = words.original_span(town.first, town.first)
    return (
        (
            head in language.name_heads
            or spelling_zipf(words.original[start + glued : end], language.code) < _ADDED_NAME_ZIPF
        )
        and not _facility_at(words, town.first, glued, language)
        and not any(
            head.endswith(dual) and fold(head[: -len(dual)] + single) in language.name_heads
            for dual, single in language.dual_endings.items()
        )
        and _list_goes_on(words, town.last + 1, known, language)
    )


def _homograph(written: str, language: Language) -> bool:
    """Whether the noun for quarters ``written`` (with its proclitics) is as written another word its letters fold
    to («وإحياء مظاهر العيد»: the reviving of)."""
    return not language.quarter_homographs.isdisjoint(bare_forms(written, language.proclitics))


def _quarter_names(
    words: WordStream, first: int, known: Container[int], language: Language, most: int
) -> list[UnlistedTown]:
    """The quarters that a noun for quarters names from word ``first`` on, listed with و or commas up to ``most``
    («أحياء الصالحين والفردوس وكرم الدعدع»); a quarter the rules know is passed over, it binds as itself («حيي
    الشيخ مقصود والأشرفية»)."""
    found: list[UnlistedTown] = []
    if first >= words.word_count:
        return found
    sentence = words.sentence_of(first)
    index, listed = first, 0
    quoted = not _QUOTES.isdisjoint(between(words, first))
    # a list whose names are joined by و alone ends at a comma: «الجبيلية والعابد والجمعيات، وأكد المصدر»
    joined_bare = False
    while listed < most and index < words.word_count and words.sentence_of(index) == sentence:
        glued = 0
        if listed:
            marks = between(words, index).strip()
            if words.word(index) in language.coordinators and not mark_before(words, index):
                index += 1
            elif (
                (marks in COMMAS and joined_bare)
                # and a list set in quotes at the quote that closes it: «أحياء "الكنامات والرصافة" وألحق خسائر»
                or (quoted and not _QUOTES.isdisjoint(marks))
                if (glued := _glued(words.word(index), language))
                else marks not in COMMAS
            ):
                break
            joined_bare = joined_bare or (glued > 0 and not marks)
            if index >= words.word_count or words.sentence_of(index) != sentence:
                break
        if index in known:
            opening = index
            while (
                index < words.word_count
                and index in known
                and words.sentence_of(index) == sentence
                and (index == opening or not mark_before(words, index))
            ):
                index += 1
            if _quarter_tail_at(words, index, sentence, language):
                # a quarter named after its town is a name of its own: «أحياء الحمدانية وحلب الجديدة والأعظمية»
                found.append(_written_town(words, opening, index, glued))
                index += 1
            listed += 1
            continue
        if words.word(index)[glued:].isdigit() and _quarter_tail_at(words, index + 1, sentence, language, noun=True):
            # a numbered quarter, the number first: «أحياء الحمدانية و3000 شقة»
            found.append(_written_town(words, index, index + 1, glued))
            listed += 1
            index += 2
            continue
        last = _quarter_name_end(words, index, glued, known, language)
        if last is None and most > 1 and _listed_before_name(words, index, glued, known, language):
            last = index  # a common word named in a list that goes on to a name: «أحياء بري والشقلة»
        if last is None:
            break
        found.append(_written_town(words, index, last, glued))
        listed += 1
        index = last + 1
    return found


def _quarter_tail_at(words: WordStream, index: int, sentence: int, language: Language, *, noun: bool = False) -> bool:
    """Whether word ``index``, in ``sentence`` and no mark before it, ends a quarter's name: a word that makes a
    town's name a quarter's («الجديدة», ``quarter_tails``) or, after a number (``noun``), a noun of Arabic letters
    with no article or coordinator («3000 شقة»)."""
    if index >= words.word_count or words.sentence_of(index) != sentence or mark_before(words, index):
        return False
    word = words.word(index)
    if not noun:
        return word in language.quarter_tails
    return (
        all(is_arabic_letter(c) for c in word)
        and not word.startswith(language.article_prefix)
        and not _glued(word, language)
        and not _ends_quarter_name(word, language)
    )


def _written_town(words: WordStream, first: int, last: int, glued: int) -> UnlistedTown:
    """The town named by words ``first`` to ``last`` as the article writes them, past the ``glued`` coordinator."""
    start, _ = words.original_span(first, first)
    _, end = words.original_span(last, last)
    return UnlistedTown(first, last, " ".join(words.original[start + glued : end].split()))


def _listed_before_name(words: WordStream, index: int, glued: int, known: Container[int], language: Language) -> bool:
    """Whether word ``index`` (its first ``glued`` letters a coordinator), a word of the language and no name
    alone, is named as a quarter in a list of quarters: a word of Arabic letters with no article, that a name
    read as a quarter's follows with a coordinator glued to it («أحياء بري والشقلة والكرمشية»)."""
    core = words.word(index)[glued:]
    after = index + 1
    if (
        core.startswith(language.article_prefix)
        or _no_quarter_word(core, language)
        or after >= words.word_count
        or mark_before(words, after)
        or words.sentence_of(after) != words.sentence_of(index)
    ):
        return False
    coordinator = _glued(words.word(after), language)
    return coordinator > 0 and _quarter_name_end(words, after, coordinator, known, language) is not None


def _quarter_name_end(
    words: WordStream, first: int, glued: int, known: Container[int], language: Language
) -> int | None:
    """The last word of a quarter's name from word ``first`` on (its first ``glued`` letters a coordinator), or
    None where no name is: a word carrying the article («حي الفردوس») and a tail of names after it («حي الأنصاري
    الشرقي»); a word that opens names and the word after it («حي الشيخ سعيد»); a rare word («حي جوبر», not a
    preposition glued to a common word: «بث حي لمجريات الجلسة»); a common word in construct with one carrying
    the article or a rare one («حي كرم الدعدع», «حي مساكن هنانو»; «حي سكني» describes)."""
    core = words.word(first)[glued:]
    article = language.article_prefix
    if _no_quarter_word(core, language):
        return None
    second = first + 1
    follows = (
        _continues_name(words, first, second, known)
        and not _glued(words.word(second), language)
        and not _ends_quarter_name(words.word(second), language)
    )
    if core in language.name_heads or core.removeprefix(article) in language.name_heads:
        if not follows:
            return None
        # and after a word that joins names, a noun carrying the article that ends the name: «حي أم بدة السبيل غربي
        # المدينة» (not an adjective, «حي الشيخ سعيد الاستراتيجي»)
        third = second + 1
        ends = third + 1
        if (
            core.removeprefix(article) in language.name_joins
            and _continues_name(words, second, third, known)
            and words.word(third).startswith(article)
            and not words.word(third).endswith(_ADJECTIVE_ENDINGS)
            and not _ends_quarter_name(words.word(third), language)
            and (
                ends >= words.word_count
                or words.sentence_of(ends) != words.sentence_of(first)
                or mark_before(words, ends)
                or _glued(words.word(ends), language) > 0
                or _ends_quarter_name(words.word(ends), language)
            )
        ):
            return third
        return second
    if core.startswith(article):
        return second if follows and words.word(second) in language.name_tails else first
    start, end = words.original_span(first, first)
    written = words.original[start + glued : end]
    common = _common_word(language, COMMON_ZIPF)
    if not common(written):
        prepositions = (p for p in language.proclitics if p[:1] not in language.coordinators)
        if any(common(bare) for bare in without_proclitics(written, prepositions, least=3)):
            return None
        return second if follows and words.word(second) in language.name_tails else first
    if follows and (words.word(second).startswith(article) or not _common_arabic(words, second, 0, language)):
        return second
    return None


# How an Arabic adjective of relation ends («الاستراتيجي», «الشرقية» folded): no noun of a name.
_ADJECTIVE_ENDINGS = ("ي", "يه")


def _no_quarter_word(core: str, language: Language) -> bool:
    """Whether ``core`` (a word past the coordinator glued to it) can be no word that opens a quarter's name: too
    short, not of Arabic letters, what follows a name (see ``_ends_quarter_name``), what the quarters are of or
    where they lie («أحياء المدينة الشرقية», «الأحياء الجنوبية والغربية»), more places the noun lists («أحياء وقرى
    الجانب الأيمن»), or a word that ends names."""
    article = language.article_prefix
    return (
        (len(core) <= len(article) and core not in language.name_heads)  # not «أم», «أبو»: «حي أم بدة»
        or not all(is_arabic_letter(c) for c in core)
        or _ends_quarter_name(core, language)
        or core[_coordinator_length(core, language) :].removeprefix(article) in language.settlement_nouns
        or core in language.name_tails
    )


def _ends_quarter_name(word: str, language: Language) -> bool:
    """Whether ``word`` is no word of a quarter's name but what follows one: a preposition, a connector, a relative,
    a bearing, a word that closes a list or says where («بريف»), a preposition glued to the next word's article
    («بالكامل»)."""
    return (
        word in language.prepositions
        or word in language.locating
        or word in language.connectors
        or word in language.relatives
        or word in language.bearings
        or word in language.list_closers
        or word in language.coordinators
        or _locates(word, language)
        or any(
            word.startswith(prefix)
            for prefix in language.definite_prefixes
            if prefix != language.article_prefix and prefix[:1] not in language.coordinators
        )
    )


def _coordinated_village(words: WordStream, at: int, known: Container[int], language: Language) -> list[UnlistedTown]:
    """A second village that a coordinator glued to one rare word adds to the name of a singular noun for
    villages («استعادت قرية كفراع ومعرشحور»): the word as rare as a transliteration, its clause or sentence
    ending after it; not a noun with a pronoun («ومحيطها», its surroundings)."""
    if at >= words.word_count or at in known or mark_before(words, at):
        return []
    word = words.word(at)
    glued = _glued(word, language)
    end = at + 1
    if (
        not glued
        or spelling_zipf(word[glued:], language.code) >= COMMON_ZIPF_CITY
        or _possessed_noun(word, language)
        or (end < words.word_count and words.sentence_of(end) == words.sentence_of(at) and not mark_before(words, end))
    ):
        return []
    start, stop = words.original_span(at, at)
    return [UnlistedTown(at, at, words.original[start + glued : stop])]


def _transliterated(name: str, language: Language, rarer: float) -> bool:
    """Whether each word of ``name`` is rarer than ``rarer`` (Zipf), as a transliteration is, a word that joins
    or opens names in front of it aside («أم روابة», «أبو قمرة», "Umm Rawaba"); the word it opens, which makes a
    name of it, need only be no common word («منطقة رأس لانوف»)."""
    written = name.split()
    if len(written) > 1 and fold(written[0]) in language.name_joins | language.name_heads:
        written, rarer = written[1:], max(rarer, COMMON_ZIPF_CITY)
    return all(spelling_zipf(word, language.code) < rarer for word in written)


def _latin_names(
    words: WordStream, noun: int, known: Container[int], language: Language, most: int
) -> list[UnlistedTown]:
    """The capitalised names the noun at word ``noun`` introduces ("of Maiorsk", a plural one with words that
    open a list: "the liberated villages are Dordchinar, Kurdler and Vang") or follows ("Kawbein village")."""
    common = _common_word(language, COMMON_ZIPF)
    if noun + 2 < words.word_count and words.word(noun + 1) in language.name_links:
        after = _names_after(words, noun + 2, known, language, common, most)
        if noun > 0 and _capitalised(words, noun) and words.sentence_of(noun - 1) == words.sentence_of(noun):
            # a headline's capitals name nothing: "First Liberated Villages of Major Counteroffensive" (every word
            # of a name there is rare)
            after = [town for town in after if not any(common(words.word(i)) for i in range(town.first, town.last + 1))]
        # "Garadaghli, Khatunbulag and Garakollu villages of Fuzuli district", "Demirchiler, Chanagchi, Signaq
        # villages of Khojaly": the names stand in front, and what follows the name link says where they lie
        before = _names_before(words, noun, known, language, _common_word(language, COMMON_ZIPF_BEFORE), most)
        if after and not _names_district(words, after[-1].last + 1, language) and len(before) < 2:
            return after
        return before or after
    opened = noun + 1
    while (
        most > 1
        and opened < min(noun + 1 + _OPENERS, words.word_count)
        and (
            words.word(opened) in language.list_openers
            # "eighteen villages which are: Nus Tell, …"
            or (
                words.word(opened) in language.relatives
                and not mark_before(words, opened)  # (not "villages, which are part of the community")
                and opened + 1 < words.word_count
                and words.word(opened + 1) in language.list_openers
            )
        )
    ):
        opened += 1
    if opened > noun + 1:
        after = _names_after(words, opened, known, language, common, most)
        if after or words.word(noun + 1) not in language.relatives:
            return after
    if most > 1 and noun + 1 < words.word_count:
        # names right after a plural noun: "the villages Mugingo, Gasiza and Rugamba", also past a comma or a
        # colon when two names or more follow ("a string of strategic towns, Sanqa, Sirinka, Hara and Robit";
        # not "captured two villages, Kyiv said")
        apart = mark_before(words, noun + 1)
        if not apart or between(words, noun + 1).strip() in _LIST_MARKS:
            after = _names_after(words, noun + 1, known, language, common, most)
            if len(after) > (1 if apart else 0):
                return after
    if most == 1 and (town := _name_in_apposition(words, noun, known, language, common)) is not None:
        return [town]
    if most == 1 and (town := _apposed_name(words, noun, known, language, common)) is not None:
        return [town]
    if most > 1 and (towns := _names_in_counted_apposition(words, noun, known, language)):
        return towns
    if noun > 0:
        return _names_in_front(words, noun, known, language, most)
    return []


def _names_in_front(
    words: WordStream, noun: int, known: Container[int], language: Language, most: int
) -> list[UnlistedTown]:
    """The names in front of the noun at word ``noun`` ("Zarovka and Shula villages"), or in front of the
    coordinator of the words that count the rest ("Zaytunak, Sorani and four other villages")."""
    end = _counted_rest(words, noun, language) if most > 1 else None
    return _names_before(
        words, noun if end is None else end, known, language, _common_word(language, COMMON_ZIPF_BEFORE), most
    )


# The words that count the rest of a list's towns ("and other 4 villages", "and four more villages"): two at
# least (not "the talks in A, B and other towns", a place of talks), three at most.
_COUNT_WORDS = (2, 3)


def _counted_rest(words: WordStream, noun: int, language: Language) -> int | None:
    """The coordinator in front of the words that count the plural noun at word ``noun`` ("and four other
    villages", "and other 4 villages", past a word of size: "and other small towns"), or None."""
    least, most = _COUNT_WORDS
    index = noun - 1
    if words.word(index) in language.town_sizes:
        # a word of size is no count, and says with one that the rest are towns: "and other small towns" (not
        # "the talks in A, B and other towns")
        noun, index, least = index, index - 1, 1
    while (
        index >= 0
        and noun - index <= most
        and (words.word(index) in language.quantities or words.word(index).isdigit())
    ):
        index -= 1
    if noun - 1 - index < least or index < 1 or words.word(index) not in language.coordinators:
        return None
    return None if mark_before(words, noun) else index


# What may stand between a plural noun for towns and the list of their names.
_LIST_MARKS = frozenset([",", ":"])


def _names_district(words: WordStream, index: int, language: Language) -> bool:
    """Whether word ``index`` is a noun for a province or a district, which makes the name before it one."""
    return index < words.word_count and (
        words.word(index) in language.region_nouns or words.word(index) in language.district_nouns
    )


def _named_capital(words: WordStream, first: int, known: Container[int], language: Language) -> UnlistedTown | None:
    """The name of one or two words from word ``first`` on that a noun for a capital then names a province's
    capital, common words or not: «مدينة محمود راقي، عاصمة ولاية كابيسا»."""
    for last in range(first, min(first + _NAME_WORDS_BEFORE, words.word_count)):
        if last in known or (last > first and mark_before(words, last)):
            return None
        if _capital_follows(words, last + 1, language):
            return _town(words, first, last, lambda _: False)  # common words or not
    return None


def _capital_follows(words: WordStream, index: int, language: Language) -> bool:
    """Whether word ``index`` names the town before it a province's capital, in its sentence: «مدينة محمود
    راقي، عاصمة ولاية كابيسا», «"محمود راقي" عاصمة ولاية كابيسا» (the construct of a noun for a capital)."""
    return (
        0 < index < words.word_count
        and words.sentence_of(index) == words.sentence_of(index - 1)
        and bool(language.article_prefix)
        and language.article_prefix + words.word(index) in language.capital_nouns
    )


def _common_word(language: Language, bar: float) -> Callable[[str], bool]:
    """Whether a word as written is at least ``bar`` frequent in ``language`` (wordfreq's Zipf scale)."""
    return lambda word: spelling_zipf(word, language.code) >= bar


# Names a dual noun for towns reads: its two, and a third the writer adds to them («قريتي الزيلة والقهرة وسون»,
# «قريتي البرغوثية وعرشونة ومزرعة العفافرة»).
_DUAL_MOST = 3
# Rarer than this (Zipf) the third is a name («وسون», 3.8), not what the sentence goes on to («وقطع», 5.0; «وأسر», 4.2).
_ADDED_NAME_ZIPF = 4.0


# Names a list needs, with its last after the coordinator, to be read as towns without a noun for them.
_LIST_ITEMS = 3


def _latin_list(words: WordStream, coordinator: int, known: Container[int], language: Language) -> list[UnlistedTown]:
    """The towns of a list of capitalised names that the coordinator at word ``coordinator`` closes, with no
    noun for towns: "announced the recapture of Viktorovka, Nikolayevka and Staraya Sorochina", "captured
    Dimitrov, Rodynske, and Artyomovka". At least three names, each of one to three capitalised words, the list
    opened by a word in lower case; the names no rule knows must end in a rare word (a list of people's names
    is mostly common given names). Names the rules know are listed but not returned. A list the coordinator
    closes with words in lower case needs four names ("the capture of Qabtan al-Jabal, Hur, Basratun, Bala,
    and key positions")."""
    if coordinator + 1 < words.word_count and words.sentence_of(coordinator + 1) != words.sentence_of(coordinator):
        return []
    closing = _list_item(words, coordinator + 1, known, language, forward=True)
    if closing is None and not mark_before(words, coordinator):
        return []
    items = [closing] if closing is not None else []
    least = _LIST_ITEMS if closing is not None else _LIST_ITEMS + 1
    last = coordinator - 1
    while len(items) <= _LISTED:
        item = _list_item(words, last, known, language, forward=False)
        if item is None:
            return []
        if closes_parenthesis(words, item[1]):
            break  # "Zarovka (in Fuzuli), Dorvalka": where the town before lies, no town of the list
        items.insert(0, item)
        first = item[0]
        # (a colon or a bracket opens the list, a semicolon ends the group before it: "A villages of Khojaly; B and C
        # villages")
        if (
            not mark_before(words, first)
            or ";" in between(words, first)
            or _opened_list(words, first, language)
            or words.opens_sentence(first)
        ):
            break
        last = first - 1
    if len(items) < least:
        return []
    first = items[0][0]
    if words.opens_sentence(first):
        # the subject of a passive change: "Sorman, Sabratha and Zelton have all been recaptured"
        if not _changed_after(words, items[-1][1] + 1, language):
            return []
    elif not _opens_name(words, first) or (mark_before(words, first) and not _opened_list(words, first, language)):
        # (a colon announces the list: "The following settlements were liberated: A, B and C"; a bracket holds it:
        # "five towns were entered today (A, B and C)")
        return []
    after = items[-1][1] + 1
    if _names_district(words, after, language) or (
        after < words.word_count and words.word(after) in language.landmarks
    ):
        # "17 villages in Fuzuli, Jabrayil, Khjavand and Zangilan districts", "entered the al-Halak, Bani Zaid
        # and Bustan al-Basha neighbourhoods": the districts, the neighbourhoods
        return []
    found: list[UnlistedTown] = []
    unread = 0
    for start, end in items:
        # (a known name is passed over, also written with an article its alias lacks: "Al Qarah")
        if all(
            i in known or (i == start and words.word(i) in language.surname_articles) for i in range(start, end + 1)
        ):
            continue
        town = _town(words, start, end, _common_word(language, COMMON_ZIPF), language.name_heads)
        if town is None:
            # one name of common words in a long list that a colon or a bracket opens is a name like a phrase
            # ("liberated five settlements: Cossack Hamlet, …"), and the rest are still towns; more, or in another
            # list, make it a list of something else ("stars Ben Stiller, Robert De Niro, … and Barbra Streisand")
            unread += 1
            if unread > 1 or len(items) < _LONG_LIST or not _opened_list(words, items[0][0], language):
                return []
            continue
        found.append(town)
    return found


# How many names a list holds that may keep one name of common words.
_LONG_LIST = 4


# The auxiliaries between a list and the passive change it undergoes: "have all been", "were".
_PASSIVE_WORDS = 3


def _changed_after(words: WordStream, index: int, language: Language) -> bool:
    """Whether a passive change (``list_changes``) follows word ``index`` in its sentence, past a few auxiliaries
    and no mark ("have all been recaptured", "were liberated")."""
    for at in range(index, min(index + _PASSIVE_WORDS + 1, words.word_count)):
        if words.sentence_of(at) != words.sentence_of(index) or mark_before(words, at):
            return False
        if words.word(at) in language.list_changes:
            return at > index
    return False


def _opened_list(words: WordStream, first: int, language: Language) -> bool:
    """Whether the mark before word ``first`` opens a list: a colon, a bracket, or a comma after a word that says
    the list includes the names ("The following settlements were liberated: A, B and C", "five towns were entered
    today (A, B and C)", "including, Tel Hameed, Karkasha")."""
    opening = between(words, first)
    return ":" in opening or opening.endswith("(") or _includes_after_comma(words, first, language)


def _includes_after_comma(words: WordStream, first: int, language: Language) -> bool:
    """Whether a word that says a list includes the names stands before word ``first``, a comma between them:
    "seven villages were liberated during the offensive including, Tel Hameed, Karkasha, …"."""
    return first > 0 and between(words, first).strip() == "," and words.word(first - 1) in language.inclusions


def _list_item(
    words: WordStream, index: int, known: Container[int], language: Language, *, forward: bool
) -> tuple[int, int] | None:
    """The [first, last] words of a name of a list starting (``forward``) or ending at word ``index``: up to
    three capitalised words of one sentence ("Jabal Sheikh Aqil"), no mark inside, all known or none unless a
    rare word joins a known one ("Uchungu Mahmudlu": a village named after another, not "Kharkiv Oblast")."""
    if not 0 <= index < words.word_count or not _capitalised(words, index):
        return None
    end = index
    articles = 0  # (as in ``_names_after``)
    while abs(end - index) + 1 - articles < _NAME_WORDS:
        other = end + 1 if forward else end - 1
        inside = other if forward else end  # the word whose mark would split the two
        if not (
            0 <= other < words.word_count
            and not mark_before(words, inside)
            and words.sentence_of(other) == words.sentence_of(index)
            and words.word(other) not in language.coordinators
            and _capitalised(words, other)
            and (
                (other in known) == (index in known)
                or _joins_known(words, other if index in known else index, language)
                # an article joins the words of a name: "Busra al-Harir", "Al Qarah"
                or words.word(other) in language.surname_articles
            )
        ):
            break
        articles += words.word(end) in language.surname_articles
        end = other
    return (index, end) if forward else (end, index)


def _joins_known(words: WordStream, index: int, language: Language) -> bool:
    """Whether word ``index``, next to a known name, is with it the name of another town: a rare word, not a
    region's noun or a word of the language ("Uchungu Mahmudlu", not "Kharkiv Oblast", "Aleppo City")."""
    word = words.word(index)
    if word in language.name_heads - language.surname_articles and index + 1 < words.word_count:
        return True  # "Tal Malah", "Kafr Sultan": the word that opens a place's name, before the known one
    return (
        word not in language.region_nouns
        and word not in language.district_nouns
        and spelling_zipf(word, language.code) < COMMON_ZIPF_LOCATED
    )


def _closes_apposition(words: WordStream, index: int, language: Language) -> bool:
    """Whether word ``index`` leaves the noun before it the head of an apposition: a mark or the sentence's
    end, a word that says where the town lies ("a town west of El Obeid", "a village in Donetsk") or a relative
    pronoun ("a town that had stood as the front line"), not a noun the town's word only qualifies ("a town
    official")."""
    if (
        index >= words.word_count
        or mark_before(words, index)
        or words.sentence_of(index) != words.sentence_of(index - 1)
    ):
        return True
    word = words.word(index)
    return (
        word.isdigit()  # how far it lies: "a town 80 kilometres west of the state capital"
        or word in language.locating
        or word in language.regions
        or word in language.bearings
        or word in language.proximity
        or word in language.relatives
    )


# Words that may describe the town in an apposition ("Umm Sumeima, a strategic desert town").
_APPOSITION_WORDS = 2


def _name_in_apposition(
    words: WordStream, noun: int, known: Container[int], language: Language, common: Callable[[str], bool]
) -> UnlistedTown | None:
    """The name that a singular noun for a town describes in an apposition right after it: "seized control of
    Umm Sumeima, a strategic town west of El Obeid" (a comma, an article, a few words in lower case, the
    noun); None when no such name stands there."""
    index = noun - 1
    while index > 0 and noun - index <= _APPOSITION_WORDS and words.word(index) not in language.articles:
        start, end = words.original_span(index, index)
        if not words.original[start:end][:1].islower() or mark_before(words, index + 1):
            return None
        index -= 1
    if index < 1 or words.word(index) not in language.articles or not mark_before(words, index):
        return None
    if words.sentence_of(index - 1) != words.sentence_of(noun) or not _closes_apposition(words, noun + 1, language):
        return None
    last = index - 1
    if not _name_word(words, last, known):
        return None
    first = last
    while first > 0 and last - first + 1 < _NAME_WORDS and not mark_before(words, first):
        if not _name_word(words, first - 1, known):
            break
        first -= 1
    if words.opens_sentence(first) or not _opens_name(words, first):
        return None
    return _town(words, first, last, common)


def _names_in_counted_apposition(
    words: WordStream, noun: int, known: Container[int], language: Language
) -> list[UnlistedTown]:
    """The names that a plural noun for towns, counted, describes in an apposition right after them: "took over
    Karmadi and Zarovka, two villages near Aleppo" (a comma, a number, a few words in lower case, the noun, what
    closes an apposition); two names at least, each very rare, or none."""
    index = noun - 1
    while index > 0 and noun - index <= _APPOSITION_WORDS and not _counts(words.word(index), language):
        start, end = words.original_span(index, index)
        if not words.original[start:end][:1].islower() or mark_before(words, index + 1):
            return []
        index -= 1
    if (
        index < 1
        or not _counts(words.word(index), language)
        or between(words, index).strip() != ","
        or words.sentence_of(index - 1) != words.sentence_of(noun)
        or not _closes_apposition(words, noun + 1, language)
    ):
        return []
    towns = _latin_located(words, index, known, language)
    return towns if len(towns) >= 2 else []


def _counts(word: str, language: Language) -> bool:
    """Whether ``word`` is a number ("two", "12")."""
    return word.isdigit() or word in language.quantities


def _apposed_name(
    words: WordStream, noun: int, known: Container[int], language: Language, common: Callable[[str], bool]
) -> UnlistedTown | None:
    """The name that a comma sets after an indefinite singular noun for a town, written in lower case, closed as
    an apposition is: "seized complete control of a third town, Mongmit, in northern Shan State", or after a
    definite one that opens its sentence ("The captured village, al-Hadath, is about 30 km east of"); not a
    person named after a definite one further in ("the mayor of the town, Mandefro Tadesse,"), a title's word
    ("Ghost Town, The Buzzcocks") or the source of the news ("took a town, Reuters reported")."""
    first = noun + 1
    start, _ = words.original_span(noun, noun)
    opening = words.sentence_start(words.sentence_of(noun))
    if (
        first >= words.word_count
        or not words.original[start : start + 1].islower()
        or not (
            any(words.word(index) in language.indefinites for index in range(max(0, noun - 3), noun))
            or (noun - 3 <= opening < noun and words.word(opening) in language.articles)
        )
        or between(words, first).strip() != ","
        or words.sentence_of(first) != words.sentence_of(noun)
    ):
        return None
    last = first
    while last + 1 < words.word_count and last + 1 - first < _NAME_WORDS and not mark_before(words, last + 1):
        if not _name_word(words, last + 1, known):
            break
        last += 1
    if not _name_word(words, first, known) or speaks_at(words, last + 1, language.speaker_words):
        return None
    if not _closes_apposition(words, last + 1, language):
        return None
    return _town(words, first, last, common)


def _name_word(words: WordStream, index: int, known: Container[int]) -> bool:  # Latin script
    """Whether word ``index`` may be part of a name: capitalised Latin letters that no known name covers."""
    return _capitalised(words, index) and index not in known


def _capitalised(words: WordStream, index: int) -> bool:  # Latin script
    """Whether word ``index`` is written as a name's word: capitalised Latin letters, a hyphen or an apostrophe
    inside ("Maiorsk", "al-Nuba", "Ma'ar")."""
    start, end = words.original_span(index, index)
    written = words.original[start:end]
    return (
        starts_name(words.original[start : end + 1 + _NAME_WORD_AFTER_ARTICLE])
        and written[:1].isascii()
        and ascii_name(written).translate(_INSIDE_NAME).isalpha()
    )


# What may stand between the letters of a name's word: "Bulo-Gadud", "Ma'ar", "Ma’arrat".
_INSIDE_NAME = str.maketrans("", "", "-'’")


def _town(
    words: WordStream, first: int, last: int, common: Callable[[str], bool], heads: frozenset[str] = frozenset()
) -> UnlistedTown | None:
    """The town named by words ``first``..``last``, or None when its last word is a common word ("the
    town of Great Falls" is no name we can tell from a phrase) and its first word no word of ``heads`` that
    opens place names ("Tal Sultan", "Kafr Sultan": a hill's, a village's name)."""
    if common(words.word(last)) and not (last > first and words.word(first) in heads):
        return None
    start, _ = words.original_span(first, first)
    _, end = words.original_span(last, last)
    return UnlistedTown(first, last, " ".join(words.original[start:end].split()))


def _names_after(
    words: WordStream,
    index: int,
    known: Container[int],
    language: Language,
    common: Callable[[str], bool],
    most: int,
) -> list[UnlistedTown]:
    """The names from word ``index`` on, listed with commas and coordinators up to ``most`` of them; a known
    name in the list is passed over ("the villages of Viktorovka, Nikolayevka and Staraya Sorochina"), unless
    a rare word in front of it makes both another town's name ("Uchungu Mahmudlu")."""
    found: list[UnlistedTown] = []
    sentence = words.sentence_of(index)
    listed = 0
    coordinated = False
    while listed < most and index < words.word_count and words.sentence_of(index) == sentence:
        last = index
        if words.word(index) in language.surname_articles and index + 1 in known:
            last += 1  # a known name written with an article its alias lacks: "Al Qarah"
        if last in known:
            while last < words.word_count and last in known:
                last += 1
            ended = _past_tail(words, last, language)
            if ended == last and _rare_word_after(words, last, known, language):
                ended = last + 1  # and so does a rare word after it: "Marj Kawkah"
            if ended > last:
                # a word that ends a name makes the known one another town's: "al-Beida al-Sharqiyeh"
                town = _town(words, index, ended - 1, lambda _: False)
                if town is not None:
                    found.append(town)
                last = ended
        else:
            articles = 0  # (the article of each word does not count: "al-Ghariyah al-Sharqiya" is a name of two)
            while last < words.word_count and last - index - articles < _NAME_WORDS and _name_word(words, last, known):
                if last > index and (mark_before(words, last) or words.sentence_of(last) != sentence):
                    break
                articles += words.word(last) in language.surname_articles
                last += 1
            if last == index or speaks_at(words, last, language.speaker_words):
                break  # the source of a list is no town in it: "… Burka, and Bati, Sputnik reported"
            if (
                last < words.word_count
                and last in known
                and not mark_before(words, last)
                and _capitalised(words, last)
                and (
                    _joins_known(words, last - 1, language)
                    # (an article inside a name joins it too: "Busra al-Harir" is no "Harir")
                    or (last - 1 > index and words.word(last - 1) in language.surname_articles)
                )
            ):
                while last < words.word_count and last in known:
                    last += 1
            town = _town(words, index, last - 1, common, language.name_heads)
            if town is not None:
                found.append(town)
            elif last >= words.word_count or not mark_before(words, last):
                break  # (a name like a phrase ends the list, unless a mark goes on with it: "Nus Tell, Rajm Anuah")
        listed += 1
        index = parenthesis_end(words, last - 1) + 1  # "Aybasanli (in Fuzuli), Sarafsha"
        if index >= words.word_count:
            break
        listing = mark_before(words, index)
        if words.word(index) in ("and", "or"):
            index += 1  # ", and al-Tayyi" as well as "and al-Tayyi"
            coordinated = True
        elif not listing or coordinated:
            break  # a list ends with the name its coordinator joins: "A and B, The TASS news agency said"
    return found


def _rare_word_after(words: WordStream, at: int, known: Container[int], language: Language) -> bool:
    """Whether word ``at``, right after a known name with no mark between, goes on with it as one name: a
    capitalised rare word no rule knows (below Zipf 1.5, no region's or district's noun)."""
    return (
        at < words.word_count
        and at not in known
        and not mark_before(words, at)
        and _capitalised(words, at)
        and words.word(at) not in language.coordinators
        and _joins_known(words, at, language)
    )


def _past_tail(words: WordStream, at: int, language: Language) -> int:
    """Where the words end that end a name at word ``at`` (``name_tails``, maybe with an article in front: "al-
    Sharqiyeh", "Kabir"), with no mark inside; ``at`` when none does."""
    ahead = at
    if ahead + 1 < words.word_count and words.word(ahead) in language.surname_articles:
        ahead += 1
    if (
        ahead < words.word_count
        and words.word(ahead) in language.name_tails
        and not any(mark_before(words, i) for i in range(at, ahead + 1))
    ):
        return ahead + 1
    return at


def _between_commas(words: WordStream, first: int, last: int) -> bool:
    """Whether a comma stands right before word ``first`` and right after word ``last``, in one sentence."""
    return (
        first > 0
        and last + 1 < words.word_count
        and words.sentence_of(first - 1) == words.sentence_of(last + 1)
        and between(words, first).strip() == ","
        and between(words, last + 1).strip() == ","
    )


def _names_before(
    words: WordStream,
    noun: int,
    known: Container[int],
    language: Language,
    common: Callable[[str], bool],
    most: int,
) -> list[UnlistedTown]:
    """The names right in front of the noun at word ``noun``, listed up to ``most`` of them, each opened by a
    word written in lower case (or a comma, or a coordinator of the list)."""
    found: list[UnlistedTown] = []
    last = noun - 1
    while len(found) < most and last >= 0:
        first = last
        town: UnlistedTown | None = None
        if last in known and _capitalised(words, last):
            # a known name is passed over ("the Zarovka and al-Shula villages"), unless a word that opens names
            # or a rare one makes it another's ("the strategic Bir Ghabaghib and … villages", "Seyid Mahmudlu,
            # Asgarli villages")
            while first > 0 and first - 1 in known and not mark_before(words, first):
                first -= 1
            if (
                first > 0
                and not mark_before(words, first)
                and _capitalised(words, first - 1)
                and _joins_known(words, first - 1, language)
            ):
                first -= 1
                if words.word(first) not in language.surname_articles:
                    town = _town(words, first, last, lambda _: False)
        elif _name_word(words, last, known):
            while first > 0 and last - first + 1 < _NAME_WORDS_BEFORE and not mark_before(words, first):
                if not _name_word(words, first - 1, known) or words.sentence_of(first - 1) != words.sentence_of(last):
                    break
                first -= 1
            if (
                first > 0
                and words.word(first) in language.surname_articles
                and words.word(first - 1) in language.name_heads
                and _name_word(words, first - 1, known)
                and not mark_before(words, first)
            ):
                first -= 1  # a word that opens names before the article of the rest: "Ayn al-Arous village"
            town = _town(words, first, last, common, language.name_heads)
            if town is None and first < last and not common(words.word(first)):
                # a rare first word makes a name of two ("the Volokhiv Yar village"): its last word need only be
                # no common word
                town = _town(words, first, last, _common_word(language, COMMON_ZIPF))
            if town is None and _between_commas(words, first, last):
                # inside a list, commas on both sides, a name need only be no frequent word: "Susanlig, Doni, Tug,
                # Akaku and Azikh villages" (tug 3.5; not "Victory" 4.7)
                town = _town(words, first, last, _common_word(language, COMMON_ZIPF_BETWEEN_COMMAS))
            if town is None:
                break
        else:
            break
        if words.opens_sentence(first) or not _opens_name(words, first):
            break
        if town is not None:
            found.append(town)
        before = first - 1
        if words.word(before) in language.coordinators and before > 0:
            last = before - 1
        elif mark_before(words, first) and ";" not in between(words, first):
            last = before  # (a semicolon ends a group of names: "A villages of Khojaly; B, C villages of …")
        else:
            break
    return found[::-1]


def _opens_name(words: WordStream, first: int) -> bool:
    """Whether the word before ``first`` leaves it a name's first word: written in lower case, or a clause
    mark between them ("…, Kawbein village")."""
    if mark_before(words, first):
        return True
    start, end = words.original_span(first - 1, first - 1)
    return words.original[start:end][:1].islower()


def _arabic_names(
    words: WordStream,
    index: int,
    known: Container[int],
    language: Language,
    most: int,
    *,
    construct: bool = False,
    village: bool = False,
) -> tuple[list[UnlistedTown], int]:
    """The Arabic names from word ``index`` on (right after the noun), listed with و or commas up to ``most``,
    and how many names the list holds, known ones too: a known name in the list is passed over («قرى حوير
    العيس وتل التباريز والطحش»). After a noun for towns (``village``) a name in quotes may be of common words
    («قريتي "حمار العلي"»), and after one whose construct names the town (``construct``) so may a name carrying
    the article («قرية الصوفي»)."""
    found: list[UnlistedTown] = []
    sentence = words.sentence_of(index)
    listing = most > 1
    if listing:
        # «القرى المحيطة مثل عين دقنة»: what describes the towns comes before their names
        opened = index
        for _ in range(_OPENERS):
            if index < words.word_count and words.word(index) in language.list_openers:
                index += 1
        if index > opened:
            index = _past_colon(words, index)
    # (a list may stand in parentheses too: «قرى (عريضة صغيرة، خربة، المردود)»)
    quotes = _LIST_QUOTES if listing else _QUOTES
    if index < words.word_count and _quote_before(words, index, quotes):
        # quotes say where the name ends: «بلدة "راجي عيلي"», «قريتي "حمار العلي" و"حمار الكسرة"»
        # one pair of quotes may hold a whole list: «قرى "سمكة والمدمومة والبرسة وجديدة نواف"»
        span = _QUOTED_LIST_WORDS if listing else _QUOTED_NAME_WORDS
        quoted = _quoted_names(words, index, known, language, village=village, span=span, quotes=quotes)
        if not listing:
            return quoted[:most], len(quoted[:most])
        # one pair of quotes may hold the whole list: «قريتي "مجارز والصالحية"»; a known name in it is
        # passed over, and counted
        # (the quotes end past a facility the list leaves out: «"…، والمنطقة الحرة، وسجن الأحداث"، بريف حلب»)
        after = quoted[-1].last + 1 if quoted else index
        quoted = [part for town in quoted for part in _split_coordinated(words, town, language)][:most]
        unknown = [town for town in quoted if not all(i in known for i in range(town.first, town.last + 1))]
        if not (
            quoted
            and after < words.word_count
            and words.sentence_of(after) == sentence
            and between(words, after).strip(" " + "".join(quotes)) in COMMAS
            and _glued(words.word(after), language)
            and not _quote_before(words, after, quotes)
        ):
            return unknown, len(quoted)
        # and the list goes on past the quotes: «"طيبة الإمام"، وكفر زيتة، وكفرنبودة، …، ومعردس»
        found, listed, index = unknown, len(quoted), after
    else:
        listed = 0
    while listed < most and index < words.word_count and words.sentence_of(index) == sentence:
        word = words.word(index)
        glued = 0
        if listed and "(" in between(words, index):
            # a short parenthesis says where or what the last name is: «قريتي زيتان (غرب) وبرنة»
            index = parenthesis_end(words, index - 1) + 1
            if index >= words.word_count or words.sentence_of(index) != sentence:
                break
            word = words.word(index)
        if listed:
            # the list goes on after a comma, or with و glued to the next name (والطحش) or standing alone, a
            # comma before it too («'المرجانة'، و'الكرمشية'»), or past a phrase that adds to it, where a name
            # follows («… والزهيرات إضافة إلى برغوثة»; not «إضافةً للحواجز»)
            added = _addition_at(words, index, language)
            if added and index + added < words.word_count and words.sentence_of(index + added) == sentence:
                index += added
                word = words.word(index)
            elif word in language.coordinators and (
                not mark_before(words, index) or between(words, index).strip() in COMMAS
            ):
                index += 1
                if index >= words.word_count or words.sentence_of(index) != sentence:
                    break
                word = words.word(index)
            elif glued_length := _glued(word, language):
                glued = glued_length
            elif not mark_before(words, index) or "(" in between(words, index):
                break  # and a longer one ends the list
            if words.word(index) in _lexicon(language).addition_heads or words.word(index) in language.list_closers:
                break  # what a list adds past its names is no town: «… والجيزة، إضافةً للحواجز»، «وصولاً إلى»
            if " ".join(words.words(index + 1, index + 3)) in language.surroundings:
                index += 3  # «… والمزارع المحيطة بها والطعانة»: the farms around the town before, then more towns
                continue
            if words.word(index)[glued:] in language.unlisted_town_nouns and index + 1 < words.word_count:
                # a noun for towns inside the list names the next one: «قرى A، وB، وبلدة C، وD»
                index += 1
                glued = 0
                if words.sentence_of(index) != sentence or mark_before(words, index):
                    break
        elif (
            listing
            and words.word(index) in language.unlisted_town_nouns
            and index + 1 < words.word_count
            and not mark_before(words, index + 1)
        ):
            index += 1  # the first name may have its noun: «والمتمثلة بكل من: بلدة ترملا، وكرسعة»
        if index in known:
            index += 1
            # up to the next name of the list, known too: «حلفايا، وكرناز»
            while (
                index < words.word_count
                and index in known
                and not mark_before(words, index)
                and not _opens_item(words.word(index), language)
            ):
                index += 1
            # a known name's rare next words are the rest of its name: «قرى قوبو ديلاجاردا ويال …»
            for _ in range(_NAME_WORDS - 1):
                if not (
                    listing
                    and _continues_name(words, index - 1, index, known)
                    and not _glued(words.word(index), language)
                    and not _common_arabic(words, index, 0, language)
                ):
                    break
                index += 1
            listed += 1
            continue
        if listing and listed and _facility_at(words, index, glued, language):
            # a facility in the list is no town, and its name may be of common words: the list goes on past it
            # («… وبشنطرة وجمعية الكهرباء الثانية ومجينة»)
            end = index + 1
            while (
                end < min(index + _FACILITY_WORDS, words.word_count)
                and words.sentence_of(end) == sentence
                and not mark_before(words, end)
                and not _glued(words.word(end), language)
            ):
                end += 1
            if end < words.word_count and words.sentence_of(end) == sentence and end < index + _FACILITY_WORDS:
                listed += 1
                index = end
                continue
        last = _arabic_name_end(words, index, glued, known, language, listing)
        if last is None and construct and not listed:
            last = _construct_name_end(words, index, known, language)
        if last is None and listed:
            last = _listed_name_end(words, index, glued, known, language)
        elif last is None and listing:
            # a list's first name of common words, when a rare name follows it in the list: «قريتي تومي ومجارين»
            last = _listed_name_end(words, index, glued, known, language)
            if last is not None and not _rare_name_follows(words, last + 1, known, language):
                last = None
        if last is None and listing and listed and (skipped := _past_unread_item(words, index, known, language)):
            # a name of frequent words between commas is passed over and the list goes on: «تل عزو، محمد زيد، هزيل»
            listed += 1
            index = skipped
            continue
        if last is None:
            break
        if listing and _name_goes_on(words, last, known, language):
            last += 1
        elif listed and mark_before(words, index):
            last = _to_the_comma(words, last, known, language)
        # a known name right after it, with no coordinator or mark, is the rest of its name: «ونزل الحويجة»
        while (
            listing
            and last + 1 < words.word_count
            and last + 1 in known
            and words.sentence_of(last + 1) == sentence
            and not mark_before(words, last + 1)
            and not _glued(words.word(last + 1), language)
        ):
            last += 1
        start, _ = words.original_span(index, index)
        _, end = words.original_span(last, last)
        written = " ".join(words.original[start:end].split())
        # a hill or a works named in the list is no town, though the list goes on: «قرى …، الرجم العالي، تلة الإعلام»
        # (nor is what the list adds to the town before it: «وشبيران ومزارعها», and its farms); the name a noun for
        # towns introduces is a town's, a works' noun or not: «قريتي مطحنة التركي والرجلة الحمرا»
        if (
            (not _facility_at(words, index, glued, language) or last == index or not listed)
            and not (found and last == index and _possessed_noun(written[glued:], language, listed=True))
            and not _indefinite(words, index)
        ):
            town = UnlistedTown(index, last, written[glued:] if glued else written)
            found.append(_elliptic(words, found[-1] if found else None, town, language))
        listed += 1
        index = last + 1
    return found, listed


def _addition_at(words: WordStream, index: int, language: Language) -> int:
    """How many words the phrase of ``additions`` that starts at word ``index`` has («إضافة إلى», «فضلا عن»); 0
    where none does."""
    for phrase in language.additions:
        parts = phrase.split()
        if tuple(words.words(index, index + len(parts))) == tuple(parts):
            return len(parts)
    return 0


def _indefinite(words: WordStream, index: int) -> bool:
    """Whether word ``index`` is written with tanween, in it or right after its letters (the mark is dropped from
    the word's span when it ends it): a word, no name («وتلالاً استراتيجية», and hills of strategic worth)."""
    start, end = words.original_span(index, index)
    return not TANWEEN.isdisjoint(words.original[start : end + 1])


def _name_goes_on(words: WordStream, last: int, known: Container[int], language: Language) -> bool:
    """Whether the word after a listed name's word ``last`` is still of the name: a word carrying the article
    («وقبتان الجبل، وتلة الراقب») that the list goes on right after (a comma, a coordinator glued to the next
    name) or ends after, or a rare word the list goes on right after with a coordinator glued to the next name."""
    after = last + 1
    if (
        after >= words.word_count
        or words.sentence_of(after) != words.sentence_of(last)
        or mark_before(words, after)
        or after in known
    ):
        return False
    word = words.word(after)
    if not _listable(word, words, after, 0, language) or _glued(word, language):
        return False
    if word.startswith(language.article_prefix):
        return (
            after + 1 >= words.word_count
            or words.sentence_of(after + 1) != words.sentence_of(after)
            or mark_before(words, after + 1)
            or _glued(words.word(after + 1), language) > 0
        )
    # a rare word without the article, when the list goes on right after it with a coordinator glued to the next
    # name: «وتبارة كلش وإم ميال», «وأبو صبحة صلمة وتبارة»
    return (
        after + 1 < words.word_count
        and words.sentence_of(after + 1) == words.sentence_of(after)
        and not mark_before(words, after + 1)
        and _glued(words.word(after + 1), language) > 0
        and not _common_arabic(words, after, 0, language)
    )


def _arabic_name_end(
    words: WordStream, first: int, glued: int, known: Container[int], language: Language, listing: bool
) -> int | None:
    """The last word of the Arabic name that starts at word ``first`` (its first ``glued`` letters a
    coordinator), or None when no rare word is there. In a list of towns (``listing``) a word that opens
    names takes any word after it: «قرى الشيخ مصطفى والنقير» names Sheikh Mustafa, no sheikh."""
    core = words.word(first)[glued:]
    if not all(is_arabic_letter(c) for c in core):
        return None
    if (
        not glued
        and core[:1] in language.coordinators
        and not _joined_to_article(core, language)
        and _common_arabic(words, first, 1, language)
    ):
        return None  # a verb joined on («قرية وأعدم»), rare only with its clitic; not «بلدة ويكرو» (Wukro)
    second = first + 1
    if (
        _tail_follows(words, first, known, language)
        and not core.startswith(language.article_prefix)
        and _listable(core, words, first, glued, language)
    ):
        return second  # «قرية جرس الشرقية»: a word the tail makes a name
    # a word that opens names before a known one makes another town's name: «بلدة كفر حلب» is not Aleppo
    joins = (core in language.name_heads and second in known and _continues_name(words, first, second, ())) or (
        _continues_name(words, first, second, known)
        and (
            core in language.name_heads
            or (
                words.word(second).startswith(language.article_prefix)
                and not _common_arabic(words, first, glued, language)
            )
        )
        and (
            (listing and core in language.name_heads and words.word(second) not in language.list_closers)
            or not _common_arabic(words, second, 0, language)
        )
    )
    rare = not _common_arabic(words, first, glued, language)
    if not joins and rare:
        # «ويوخاري ياجليوند وديلاجاردا», «قرية طاط مراش،»: two rare words, where the list goes on or the name
        # ends after them
        joins = (
            _continues_name(words, first, second, known)
            and not _glued(words.word(second), language)
            and words.word(second) not in language.list_closers  # «بلدة الأربان بأكملها»
            and not _common_arabic(words, second, 0, language)
            and _list_goes_on(words, second + 1, known, language)
        )
    if not joins and rare and _tail_follows(words, first, known, language):
        joins = True  # «بلدة الغارية الشرقية»: a rare word carrying the article, and the tail of its name
    last = second if joins else first if rare else None
    after = last + 1 if last is not None else words.word_count
    if last is not None and words.word(last) in language.name_joins and _continues_name(words, last, after, known):
        return after  # «قصر ابن وردان»: a word that joins names takes the next one whole, a و of its own and all
    if (
        after + 1 < words.word_count
        and words.word(after) in language.name_joins
        and _continues_name(words, after - 1, after, known)
        and _continues_name(words, after, after + 1, known)
    ):
        return after + 1  # «قبيبات أبو الهدى»: a patronymic goes on with the word after it
    return last


def _joined_to_article(word: str, language: Language) -> bool:
    """Whether ``word`` is a word that joins names glued to the article of the next («ودالفادني»: «ود
    الفادني», Wad al-Fadni), not a coordinator glued to a word."""
    return any(word.startswith(join + language.article_prefix) for join in language.name_joins)


def _to_the_comma(words: WordStream, last: int, known: Container[int], language: Language) -> int:
    """The last word of a listed name that commas part from the next, a word or two past word ``last``
    where a comma and the next name follow them, with its coordinator or none: «قرى بولوتان، ومليك جانلي،
    وكمر تورك، وتكه», «قرى التدمرية، جباب حمد، رجم القصر»; ``last`` where none do."""
    for end in range(last + 1, min(last + _NAME_WORDS, words.word_count - 1)):
        word = words.word(end)
        if not _continues_name(words, end - 1, end, known) or _glued(word, language) or word in language.list_closers:
            return last
        following = end + 1
        if (
            mark_before(words, following)
            and words.sentence_of(following) == words.sentence_of(end)
            and (_glued(words.word(following), language) or between(words, following).strip() in COMMAS)
        ):
            return end
    return last


def _construct_name_end(words: WordStream, first: int, known: Container[int], language: Language) -> int | None:
    """The last word of a name carrying the article that a noun for towns in construct introduces, common
    word or not («قرية الصوفي», «بلدة الحمراء الشرقية»), or of one a word that opens names opens and the next
    word ends («بلدة الشيخ مصطفى», «قرية أم تريكة»), or of a word in construct with one carrying the article
    («بلدة بصر الحرير»; not an adjective that describes the town: «قرية حدودية»), or None when word ``first`` is
    no such name."""
    core = words.word(first)
    if (
        core in language.name_heads or core.removeprefix(language.article_prefix) in language.name_heads
    ) and _ends_headed_name(words, first + 1, known, language):
        return first + 1
    second = first + 1
    if (
        not core.startswith(language.article_prefix)
        and not core.endswith(language.relation_adjective_endings)
        and all(is_arabic_letter(c) for c in core)
        and _listable(core, words, first, 0, language)
        and _continues_name(words, first, second, known)
        and words.word(second).startswith(language.article_prefix)
        and not _glued(words.word(second), language)
        and words.word(second) not in language.name_tails
        and not _ends_quarter_name(words.word(second), language)
    ):
        return second
    if not (
        core.startswith(language.article_prefix)
        and all(is_arabic_letter(c) for c in core)
        and _listable(core, words, first, 0, language)
    ):
        return None
    return first + 1 if _tail_follows(words, first, known, language) else first


def _ends_headed_name(words: WordStream, second: int, known: Container[int], language: Language) -> bool:
    """Whether word ``second`` is the word after a word that opens a name, and the name ends with it: Arabic
    letters in the same clause, no word that ends a list or says where, and the sentence, a clause, the list
    or an adjective carrying the article goes on after it («قرية أم تريكة المحاذية له»), or a connector
    («بلدة الشيخ مصطفى بعد معارك») or a preposition («بلدة الشيخ عقيل خلال عملية»)."""
    if not _continues_name(words, second - 1, second, known):
        return False
    word = words.word(second)
    following = second + 1
    return (
        word not in language.list_closers
        and word not in language.locating
        and word not in language.bearings
        and not _glued(word, language)
        and (
            _list_goes_on(words, following, known, language)
            or words.word(following).startswith(language.article_prefix)
            or words.word(following) in language.connectors
            or words.word(following) in language.prepositions
        )
    )


def _tail_follows(words: WordStream, first: int, known: Container[int], language: Language) -> bool:
    """Whether a word that ends a name («الشرقية», «الكبرى»: ``name_tails``) follows word ``first``, or a bearing
    that the end of its clause or the next name of a list follows («وجرذي غربي وجرذي شرقي)»: ``bearing_tails``)."""
    if not _continues_name(words, first, first + 1, known):
        return False
    tail, after = words.word(first + 1), first + 2
    return (
        tail in language.name_tails
        or (
            tail in language.bearing_tails
            and (
                after >= words.word_count
                or mark_before(words, after)
                or words.sentence_of(after) != words.sentence_of(first)
                # the next name of a list, not a second bearing of where the towns lie («شمالي وغربي حماة»)
                or (
                    coordinates(words.word(after))
                    and words.word(after)[_coordinator_length(words.word(after), language) :]
                    not in language.bearing_tails
                )
            )
        )
    )


def _continues_name(words: WordStream, first: int, second: int, known: Container[int]) -> bool:
    """Whether word ``second`` may be the next word of an Arabic name that word ``first`` opens: no known name,
    in the same clause, Arabic letters only."""
    return (
        second < words.word_count
        and second not in known
        and words.sentence_of(second) == words.sentence_of(first)
        and not mark_before(words, second)
        and all(is_arabic_letter(c) for c in words.word(second))
    )


def _listed_name_end(
    words: WordStream, first: int, glued: int, known: Container[int], language: Language
) -> int | None:
    """The last word of a town's name made of common words inside a list of towns («قرى رأس العين ومسعدة
    وبارسا وطويل الشيخ وشوحة جنوب شرق إدلب»; the caller asks that the list named a town before it or names a
    rare one after it): one word, or two (the second carrying the article, or a common word but not the next
    name with its «و»), taken only where the list goes on or ends right after it."""
    core = words.word(first)[glued:]
    if not (core and all(is_arabic_letter(c) for c in core)) or not _listable(core, words, first, glued, language):
        return None
    second = first + 1
    if _locates(words.word(second) if second < words.word_count else "", language):
        # «وبلدتي رطلة والحمام بريف الرقة»: «بريف» says where the last name lies
        return first if _list_goes_on(words, second, known, language) else None
    if (
        _continues_name(words, first, second, known)
        and words.word(second) not in language.list_closers
        and (
            words.word(second).startswith(language.article_prefix)
            or (
                _listable(words.word(second), words, second, 0, language)
                and not _opens_item(words.word(second), language)
            )
        )
        and _list_goes_on(words, second + 1, known, language)
    ):
        return second  # «وطويل الشيخ», «وجب أبيض»
    third = second + 1
    if (
        _continues_name(words, first, second, known)
        and _continues_name(words, second, third, known)
        and not _opens_item(words.word(second), language)
        and words.word(second) not in language.coordinators
        and words.word(second) not in language.list_closers
        and not _glued(words.word(third), language)
        and not _common_arabic(words, third, 0, language)
        and _list_goes_on(words, third + 1, known, language)
    ):
        return third  # «ويال بير أحمدلي»: common words a rare one ends
    return first if _list_goes_on(words, first + 1, known, language) else None


# How many names of a list a rare one may come after, past the first («قرى القاهر والروضة والخوير»).
_RARE_NAME_WITHIN = 3


def _rare_name_follows(words: WordStream, index: int, known: Container[int], language: Language) -> bool:
    """Whether one of the next names of a list from word ``index`` on, each carrying a coordinator glued to it or
    after a comma, is a rare Arabic name («قريتي تومى ومجارين», «قرى القاهر والروضة والخوير», «بينها المزرعة،
    لبين، جرين»)."""
    for _ in range(_RARE_NAME_WITHIN):
        if index >= words.word_count or words.sentence_of(index) != words.sentence_of(index - 1):
            return False
        glued = _glued(words.word(index), language)
        alone = words.word(index) in language.coordinators and not mark_before(words, index)
        if alone:
            index += 1  # a coordinator standing alone: «قرى خراب صلوق و حيدر»
            if index >= words.word_count or words.sentence_of(index) != words.sentence_of(index - 1):
                return False
        elif not glued and between(words, index).strip() not in COMMAS:
            return False
        end = _arabic_name_end(words, index, glued, known, language, True)
        # (after a comma the list must go on past the name: «ولاية الجزيرة، مواصلاً تقدمه» is no list)
        if end is not None and (glued or alone or _list_goes_on(words, end + 1, known, language)):
            return True
        if not _listable(words.word(index)[glued:], words, index, glued, language):
            return False
        index += 1
    return False


# At most this many words between a plural noun for towns and the first name of its list.
_OPENERS = 2
# A word this frequent (Zipf) is no name even inside a list of towns («أخرى» 5.9, «عدة» 5.6).
COMMON_ZIPF_LISTED = 5.5


def _listable(word: str, words: WordStream, index: int, glued: int, language: Language) -> bool:
    """Whether ``word`` (word ``index`` past ``glued`` letters) may be part of a town's name inside a list."""
    start, end = words.original_span(index, index)
    return (
        word not in language.list_closers
        and word not in language.coordinators
        and word not in language.bearings  # «وأرفيلة، جنوب الموصل»: where the list lies
        # «ومحطة كهرباء اللزاكة», «والمستودعات القريبة منها»: a power station, depots in the list
        and word.removeprefix(language.article_prefix) not in language.landmarks
        and spelling_zipf(words.original[start + glued : end], language.code) < COMMON_ZIPF_LISTED
        # a word of its own written with a coordinator's letters, no name's head: «، وفق المصدر», «، وسط البلاد»
        and not (_coordinator_length(word, language) and not _glued(word, language) and word not in language.name_heads)
    )


def _locates(word: str, language: Language) -> bool:
    """Whether ``word`` carries "in" on a noun for a region, a province or a town («بريف», «بمحافظة», «بمدينة»):
    what follows it says where a name lies, and is no word of the name."""
    rest = without_locating(word, language.locating_proclitics)
    return rest is not None and (
        rest in language.region_nouns or rest in language.province_heads or rest in language.settlement_nouns
    )


def _opens_item(word: str, language: Language) -> bool:
    """Whether ``word`` carries a coordinator glued to it (the next name of a list: «وخفاجة»), unless it is a
    word that opens names («وادي»)."""
    return word not in language.name_heads and _glued(word, language) > 0


# A word written with a coordinator's letters in front at least this frequent as it stands is a word of its own:
# «وسط» (the middle, 5.4), «ولاية» (a province, 5.1), «وادي» (a valley, 4.6), not «و» and a name; a coordinator
# glued to a name's head is rarer («وأبو» 4.2, «وعين» 4.0, «والشيخ» 4.1).
_WORD_NOT_GLUED_ZIPF = 4.5


def _glued(word: str, language: Language) -> int:
    """How many letters of ``word`` are a coordinator glued to the word after it («والطحش»: 1; 0 for none)."""
    length = _coordinator_length(word, language)
    return 0 if length and folded_zipf(word, language.code) >= _WORD_NOT_GLUED_ZIPF else length


def _coordinator_length(word: str, language: Language) -> int:
    """How many letters of ``word`` a coordinator written on it takes, two letters or more left (0 for none)."""
    return next((len(c) for c in language.coordinators if word.startswith(c) and len(word) > len(c) + 1), 0)


def _list_goes_on(words: WordStream, index: int, known: Container[int], language: Language) -> bool:
    """Whether a list of towns goes on at word ``index`` (a comma, a coordinator, standing alone or glued to
    the next name) or ends there at the end of its sentence, a bearing («جنوب شرق إدلب»), a word that
    locates («في», «بريف»), a word that closes a list or says where its towns lie («بلدة أدن يبال الواقعة في»)
    or a name the rules know; not where a quotation opens (a verb's quoted object: «وأرفيلة، وطرد "داعش"
    منها»)."""
    if index >= words.word_count or words.sentence_of(index) != words.sentence_of(index - 1):
        return True
    if _only_quotes_before(words, index):
        return False
    word = words.word(index)
    return (
        mark_before(words, index)
        or index in known
        or word in language.bearings
        or word in language.locating
        or word in language.list_closers
        or word in language.coordinators
        or _glued(word, language) > 0
        or without_locating(word, language.locating_proclitics) is not None
    )


# A name no noun introduces must be rarer than one a noun does: a transliteration (زاريتشني), not a word.
COMMON_ZIPF_LOCATED = 1.5
# How far past the names the known place that locates them may stand («في منطقة دونيتسك»).
_LOCATED_WITHIN = 3


def _located_names(words: WordStream, first: int, known: Container[int], language: Language) -> list[UnlistedTown]:
    """The names right after the word that opens an object, with no noun for towns, that a place the rules
    know then locates: «سيطرت على زاريتشني ونوفوتوشكيفسك في منطقة دونيتسك», «على كوسيفستيف بمنطقة
    زابوروجيا». Each word of them must be very rare (a transliterated name, not a word)."""
    if first >= words.word_count:
        return []
    # most words after «من» and «على» are words (a known name too: «على زاريتشني» is as rare)
    if folded_zipf(words.word(first), language.code) >= COMMON_ZIPF_LOCATED:
        return []
    towns = _arabic_names(words, first, known, language, _LISTED)[0]
    if not towns or any(
        spelling_zipf(word, language.code) >= COMMON_ZIPF_LOCATED for town in towns for word in town.name.split()
    ):
        return []
    end = towns[-1].last + 1
    if end >= words.word_count or words.sentence_of(end) != words.sentence_of(first) or mark_before(words, end):
        return []
    word = words.word(end)
    if not (
        word in language.locating
        or word in language.bearings
        or _capital_follows(words, end, language)  # «على لشكركاه عاصمة ولاية هلمند»
        or without_locating(word, language.locating_proclitics) is not None
    ):
        return []
    if any(index in known for index in range(end, min(end + _LOCATED_WITHIN, words.word_count))):
        return towns
    return []


def _joined_name(words: WordStream, first: int, known: Container[int], language: Language) -> list[UnlistedTown]:
    """The name right after the word that opens an object, with no noun for towns, that a word joining names
    opens, its second word as rare as a city's name: «السيطرة على أم صميمة» (not «على أبو بكر», a man's)."""
    second = first + 1
    if (
        second >= words.word_count
        or words.word(first) not in language.name_joins
        or first in known
        or second in known
        or words.sentence_of(second) != words.sentence_of(first)
        or mark_before(words, second)
    ):
        return []
    start, end = words.original_span(second, second)
    if spelling_zipf(words.original[start:end], language.code) >= COMMON_ZIPF_CITY:
        return []
    town = _town(words, first, second, lambda _: False)
    return [town] if town is not None else []


def _listed_after_known(words: WordStream, first: int, known: Container[int], language: Language) -> list[UnlistedTown]:
    """The Arabic names listed with a known one right after the word that opens an object, with no noun for towns:
    «سيطرت على كفرنبل، وحاس، وحزارين، وكفرسجنة». At least three names, as a Latin list has (see
    ``_latin_list``); the names no rule knows are read as any listed name is."""
    if first not in known:
        return []
    towns, listed = _arabic_names(words, first, known, language, _LISTED)
    if listed < _LIST_ITEMS or not all(_names_a_place(words, town, language) for town in towns):
        return []  # what follows a place after a comma or و is mostly not a list («وأمرنا الجنود», «، صباح الثلاثاء»)
    return towns


def _names_a_place(words: WordStream, town: UnlistedTown, language: Language) -> bool:
    """Whether each word of a listed name is rare, opens or ends names, or is ended by the next («الدار الكبيرة»),
    and its first is no phrase a preposition opens («بالاستسلام»)."""
    glued = _glued(words.word(town.first), language)
    core = words.word(town.first)[glued:]
    if any(core.startswith(prefix) for prefix in language.definite_prefixes if prefix != language.article_prefix):
        return False
    for index in range(town.first, town.last + 1):
        word = words.word(index)[glued if index == town.first else 0 :]
        if not (
            word in language.name_heads
            or word in language.name_tails
            or (index < town.last and words.word(index + 1) in language.name_tails)
            or not _common_arabic(words, index, glued if index == town.first else 0, language)
        ):
            return False
    return True


# Words of a listed name the reader cannot read that a comma may close (see ``_past_unread_item``).
_UNREAD_ITEM_WORDS = 3


def _past_unread_item(words: WordStream, index: int, known: Container[int], language: Language) -> int:
    """Where the list goes on past the name at word ``index`` that the reader cannot read, when commas stand on
    both sides of it (of at most ``_UNREAD_ITEM_WORDS`` words) and a name it can read follows, with «و» or not;
    0 where it does not."""
    if between(words, index).strip() not in COMMAS:
        return 0
    sentence = words.sentence_of(index)
    for ahead in range(index + 1, min(index + _UNREAD_ITEM_WORDS + 1, words.word_count)):
        if words.sentence_of(ahead) != sentence or not mark_before(words, ahead):
            continue
        if between(words, ahead).strip() not in COMMAS:
            return 0
        glued = _glued(words.word(ahead), language)
        readable = (
            ahead in known
            or _arabic_name_end(words, ahead, glued, known, language, True) is not None
            or _listed_name_end(words, ahead, glued, known, language) is not None
        )
        return ahead if readable else 0
    return 0


# Words between the words that open a list and the colon that names start after.
_COLON_WORDS = 5


def _past_colon(words: WordStream, index: int) -> int:
    """Word ``index``, or the first word after a colon within ``_COLON_WORDS`` words of it in its sentence, with
    no other mark before: «تحرير القرى التالية منذ انطلاق العملية: تل عزو، …»."""
    sentence = words.sentence_of(index) if index < words.word_count else -1
    for ahead in range(index, min(index + _COLON_WORDS + 1, words.word_count)):
        if words.sentence_of(ahead) != sentence:
            return index
        if mark_before(words, ahead):
            return ahead if ahead > index and between(words, ahead).strip() == ":" else index
    return index


def _latin_located(words: WordStream, at: int, known: Container[int], language: Language) -> list[UnlistedTown]:
    """The capitalised names right before word ``at``, with no noun for towns, where ``at`` says that a place
    the rules know locates them (see ``_located_at``): "took full control of Mongngawt in Kyaukme Township",
    "withdrawn from Artouz in the Damascus countryside", "seized control of Derylove and Maiske in the Donetsk
    region", "seized Ptyche, southeast of Pokrovsk". Up to three names joined by "and" or commas, each of one
    or two words, each word very rare (a transliterated name, not a word or a person's common name), after a
    word in lower case or a mark."""
    towns: list[UnlistedTown] = []
    end = at  # the word after the name being read
    while len(towns) < _LIST_ITEMS:
        first = end
        articles = 0  # an article joins the words of a name: "Hay al-Zohoor"
        while first > 0 and end - first - articles < _NAME_WORDS_BEFORE and _name_word(words, first - 1, known):
            if first < end and (mark_before(words, first) or words.opens_sentence(first)):
                break
            first -= 1
            articles += first < end - 1 and words.word(first) in language.surname_articles
        if first == end or any(
            spelling_zipf(words.word(i), language.code) >= COMMON_ZIPF_LOCATED
            and not (i == first < end - 1 and words.word(i) in language.name_heads)  # "El Hareeri"
            and not (first < i < end - 1 and words.word(i) in language.surname_articles)
            for i in range(first, end)
        ):
            break
        town = _town(words, first, end - 1, _common_word(language, COMMON_ZIPF))
        if town is None:
            break
        towns.insert(0, town)
        if first > 1 and words.word(first - 1) in language.coordinators and not mark_before(words, first):
            end = first - 1
        elif first > 0 and between(words, first).strip() == ",":
            end = first
        else:
            break
    if not towns or _names_a_landmark(words, towns[0].first, language):
        return []
    first = towns[0].first
    # (a name may open its sentence where a comma sets apart where it lies: "Karmadi, in the Lower Shabelle region,
    # lies 40 km from Mogadishu")
    if not (_opens_name(words, first) or (words.opens_sentence(first) and between(words, at).strip() == ",")):
        return []
    return towns


def _past_distance(words: WordStream, index: int, language: Language) -> int:
    """Word ``index``, or the word after a distance and its bearing that start there ("about 200 km northwest
    of El-Fasher": El-Fasher)."""
    if (
        index + 3 < words.word_count
        and words.word(index).isdigit()
        and words.word(index + 1) in language.distance_units
        and words.word(index + 2) in language.bearings
        and words.word(index + 3) in language.name_links
    ):
        return index + 4
    return index


def _opening_name_before(words: WordStream, index: int, known: Container[int]) -> bool:
    """Whether the words before word ``index`` are one name that opens their sentence."""
    start = words.sentence_start(words.sentence_of(index))
    return 0 < index - start <= _NAME_WORDS_BEFORE and all(_name_word(words, i, known) for i in range(start, index))


def _names_a_landmark(words: WordStream, first: int, language: Language) -> bool:
    """Whether the name at word ``first`` is a landmark's, a name link and the landmark's noun before it: "the
    neighborhood of Tajnid in Jalawla" is a quarter of the town, "the camp of Ber" no town."""
    return first > 1 and words.word(first - 1) in language.name_links and words.word(first - 2) in language.landmarks


# Words in lower case between "in" and the known place that locates a town ("in the Damascus countryside",
# "in northern North Kordofan", "in the northeastern province of Hassakeh").
_LOCATOR_WORDS = 4


def _located_at(words: WordStream, index: int, known: Container[int], language: Language) -> bool:
    """Whether a place the rules know locates what stands before word ``index``: "in" or "near" and the place
    ("in the Donetsk region", "in northern North Kordofan", "in the northeastern province of Hassakeh"), or a
    bearing from it ("Ptyche, southeast of Pokrovsk"), in the same sentence."""
    if index >= words.word_count:
        return False
    sentence = words.sentence_of(index)
    word = words.word(index)
    if word in language.locating or word in language.proximity:
        if mark_before(words, index) and not (
            between(words, index).strip() == ","
            and (word in language.proximity or _opening_name_before(words, index, known))
        ):
            # (a comma may set apart where the town lies, "seized Karmadi, near Aleppo", "Karmadi, in the Lower
            # Shabelle region, lies 40 km from", not a dateline's or a speaker's "in": "said Kodo, in N'Djamena")
            return False
        following = _past_distance(words, index + 1, language)
    elif word in language.bearings:
        following = index + 2
        if following >= words.word_count or words.word(index + 1) not in language.name_links:
            return False
    else:
        return False
    for place in range(following, min(following + _LOCATOR_WORDS + 1, words.word_count)):
        if words.sentence_of(place) != sentence or mark_before(words, place):
            return False
        if place in known:
            return True
        word = words.word(place)
        # and the noun of its province before it: "in the northeastern province of Hassakeh"
        if not (
            word in language.articles
            or word in language.regions
            or (
                word in language.region_nouns
                and place + 1 < words.word_count
                and words.word(place + 1) in language.name_links
            )
            or (word in language.name_links and words.word(place - 1) in language.region_nouns)
        ):
            return False
    return False


# Words of a name set in quotes: «منطقتي “أم دم حاج أحمد”»; of a list in one pair of quotes after a plural noun.
_QUOTED_NAME_WORDS = 4
_QUOTED_LIST_WORDS = 40
# Words of a facility's name in a list of towns: «وجمعية الكهرباء الثانية».
_FACILITY_WORDS = 4

# Quotation marks around a name («جبل موية», “أم قليب”, "الدشول", 'تل دبس').
_QUOTES = frozenset("«»\"“”„‹›'‘’")
_LIST_QUOTES = _QUOTES | frozenset("()")
# (of which a parenthesis only opens or only closes)
_OPENING = frozenset("(")
_CLOSING = frozenset(")")


def _only_quotes_before(words: WordStream, first: int) -> bool:
    """Whether quotation marks, and only they (with spaces), stand between word ``first`` and the word before
    it."""
    marks = between(words, first)
    return not _QUOTES.isdisjoint(marks) and not marks.strip(" " + "".join(_QUOTES))


def _quote_before(words: WordStream, first: int, quotes: frozenset[str] = _QUOTES) -> bool:
    """Whether a quotation mark (one of ``quotes``) opens right before word ``first`` (not one that closes the
    word before it and a comma: «“طلافح”، وقرى»)."""
    marks = between(words, first) if first else words.original[: words.original_span(0, 0)[0]]
    return marks.rstrip()[-1:] in quotes - _CLOSING


def _quoted_names(
    words: WordStream,
    first: int,
    known: Container[int],
    language: Language,
    *,
    village: bool = False,
    span: int = _QUOTED_NAME_WORDS,
    quotes: frozenset[str] = _QUOTES,
) -> list[UnlistedTown]:
    """The Arabic names set in quotes from word ``first`` on, one or a list of them joined by و (after a noun
    for towns, ``village``, also by commas: «قرى “طلافح”، “الذهبية”، و”جليبة”»); the names listed after the
    first, or all after a noun for towns, may be common words («"مزارع زوردة" و"التلة الطويلة"», «قريتي
    "حمار العلي" و"حمار الكسرة"»)."""
    found: list[UnlistedTown] = []
    while len(found) < _LISTED and (
        town := _quoted_name(
            words, first, known, language, listed=bool(found), village=village, span=span, quotes=quotes
        )
    ):
        found.append(town)
        first = town.last + 1
        if first < words.word_count and words.word(first) in language.coordinators:
            first += 1
        elif not (
            village
            and first < words.word_count
            # (a quote that closes a name and one that opens the next part them too: «'الكنايس' 'إعجاز'»)
            and (mark_before(words, first) or sum(mark in quotes for mark in between(words, first)) > 1)
            and _quote_before(words, first, quotes)
        ):
            break
        if first >= words.word_count or words.sentence_of(first) != words.sentence_of(town.last):
            break
    return found


def _split_coordinated(words: WordStream, town: UnlistedTown, language: Language) -> list[UnlistedTown]:
    """The names a quoted list holds, parted before each word that carries a coordinator («مجارز والصالحية» →
    «مجارز», «الصالحية»); the town itself when no word does."""
    starts = [(town.first, 0)]
    alone: set[int] = set()  # coordinators standing as words of their own: «"خراب صلوق و حيدر"»
    for index in range(town.first + 1, town.last + 1):
        if words.word(index) in language.coordinators and index < town.last:
            alone.add(index)
            continue
        # (a coordinator, not any conjunction: «"تل أبو فهد"» is one name)
        glued = _coordinator_length(words.word(index), language)
        # «"عريضة صغيرة، خربة"», «"صماد - سمج"» (a dash with spaces around it; «"تل-أبيض"» is one name)
        marks = between(words, index)
        if index - 1 in alone or glued or marks.strip() in COMMAS or (marks.strip() in DASHES and marks[:1] == " "):
            starts.append((index, glued))
    if len(starts) == 1:
        return [town]
    parts: list[UnlistedTown] = []
    for (first, glued), (following, _) in zip(starts, [*starts[1:], (town.last + 1, 0)], strict=True):
        last = following - 2 if following - 1 in alone else following - 1
        start, end = words.original_span(first, last)
        name = " ".join(words.original[start + glued : end].split())
        if last > first and words.word(first)[glued:] in language.unlisted_town_nouns:
            # a noun for towns inside the quotes names the next one: «"… والشيخ مصطفى، وبلدة كفرسجنة"»
            start, _ = words.original_span(first + 1, first + 1)
            first, name = first + 1, " ".join(words.original[start:end].split())
        if parts and last == first and _possessed_noun(name, language):
            # «"سروج ومعسكرها"»: the noun goes with the town before it, which keeps its name
            parts[-1] = UnlistedTown(parts[-1].first, first, parts[-1].name)
        elif parts and _facility_at(words, first, glued, language):
            # «"… والمرورية، ومعسكر تل بلال العسكري"», «"…، والمنطقة الحرة"»: a facility or a zone in the list is
            # no town
            continue
        else:
            parts.append(_elliptic(words, parts[-1] if parts else None, UnlistedTown(first, last, name), language))
    return parts


def _elliptic(words: WordStream, previous: UnlistedTown | None, town: UnlistedTown, language: Language) -> UnlistedTown:
    """``town``, or where it is only a word that ends a name after a listed name that ends in one, that name with
    it: «البكر الأولى والثانية» lists «البكر الثانية», «البوقا كبيرة وصغيرة» «البوقا صغيرة»."""
    if (
        previous is None
        or town.first != town.last
        or previous.first == previous.last
        or words.word(town.first)[_glued(words.word(town.first), language) :] not in language.name_tails
        or words.word(previous.last) not in language.name_tails
    ):
        return town
    head = previous.name.rsplit(maxsplit=1)[0]
    return UnlistedTown(town.first, town.last, f"{head} {town.name}")


# How frequent the word after a housing association's noun may be and still name a village («الأمين» 4.6, «العمري»
# 4.1; «الكهرباء» 4.8 names the electricity works).
COMMON_ZIPF_ASSOCIATION = 4.7


def _facility_at(words: WordStream, index: int, glued: int, language: Language) -> bool:
    """Whether the listed name at word ``index`` (its first ``glued`` letters a coordinator) names a facility or a
    zone (see ``_facility``), not a village named after a housing association: its noun before a word that opens
    names or one no more frequent than ``COMMON_ZIPF_ASSOCIATION`` («وجمعية المعري», «جمعية أبو عمشة»)."""
    word = words.word(index)[glued:]
    if not _facility(word, language):
        return False
    after = index + 1
    if (
        word not in ARABIC_ASSOCIATIONS
        or after >= words.word_count
        or words.sentence_of(after) != words.sentence_of(index)
        or mark_before(words, after)
    ):
        return True
    start, end = words.original_span(after, after)
    return (
        words.word(after) not in language.name_heads
        and spelling_zipf(words.original[start:end], language.code) > COMMON_ZIPF_ASSOCIATION
    )


def _facility(word: str, language: Language) -> bool:
    """Whether a listed name that ``word`` opens names a facility («سجن الأحداث») or a zone, an area noun carrying
    the article («المنطقة الحرة»), not a town."""
    return word in ARABIC_FACILITIES or (
        word.startswith(language.article_prefix)
        and word.removeprefix(language.article_prefix) in language.unlisted_area_nouns
    )


def _possessed_noun(word: str, language: Language, *, listed: bool = False) -> bool:
    """Whether ``word`` is a common noun with a pronoun on it, what a quoted list adds to a town and no town:
    «"سروج ومعسكرها"» (Suruj and its camp), «وريفها» (and its countryside); in a list with no quotes
    (``listed``) a noun of three letters or more and a pronoun of the third person («وشبيران ومزارعها»; «وتكه»
    and «والبوبنا» are villages)."""
    least = 3 if listed else 2
    for suffix in language.third_person_suffixes if listed else language.pronoun_suffixes:
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= least:
            # a noun ending in ة writes it ت before the pronoun: «قلعتها» is «قلعة» with «ها»
            stems = (stem, stem[:-1] + "ة") if stem.endswith("ت") else (stem,)
            if any(spelling_zipf(form, language.code) >= COMMON_ZIPF_ARABIC for form in stems):
                return True
    return False


def _quoted_name(
    words: WordStream,
    first: int,
    known: Container[int],
    language: Language,
    *,
    listed: bool,
    village: bool,
    span: int = _QUOTED_NAME_WORDS,
    quotes: frozenset[str] = _QUOTES,
) -> UnlistedTown | None:
    """The Arabic name of up to ``span`` words set in quotes from word ``first`` on, when none of its words is
    known and one is rare, or a word that opens names opens it, or (``listed``) it follows a quoted name in
    a list and has several words, or (``village``) a noun for towns introduced it. Common words in quotes
    name operations and zones: «منطقة "خفض التصعيد"», «منطقة "عازلة"»; a facility or a junction is no town:
    «على "مثلث العند"»."""
    if first >= words.word_count or not _quote_before(words, first, quotes) or words.word(first) in ARABIC_FACILITIES:
        return None
    start, _ = words.original_span(first, first)
    for last in range(first, min(first + span, words.word_count)):
        # a list in one pair of quotes may hold a known name: «قرى "المسعودية، والعزيزية، ودويبق"», and so may a
        # name a word that opens names heads: «"تل الناصرية"» is no Nasiriyah
        headed = last > first and words.word(first) in language.name_heads
        if (last in known and span <= _QUOTED_NAME_WORDS and not headed) or not all(
            is_arabic_letter(c) for c in words.word(last)
        ):
            return None
        _, end = words.original_span(last, last)
        following = last + 1
        after = words.original[
            end : words.original_span(following, following)[0] if following < words.word_count else None
        ]
        if not (quotes - _OPENING).isdisjoint(after):
            several = last > first
            headed = several and words.word(first) in language.name_heads
            rare = any(not _common_arabic(words, i, 0, language) for i in range(first, last + 1))
            if not (headed or rare or (listed and several) or village or _capital_follows(words, following, language)):
                return None
            return UnlistedTown(first, last, " ".join(words.original[start:end].split()))
        if following >= words.word_count or words.sentence_of(following) != words.sentence_of(first):
            return None
    return None


def _common_arabic(words: WordStream, index: int, glued: int, language: Language) -> bool:
    """Whether word ``index`` (past ``glued`` letters) is a common word as written (ة and hamzas kept), or the
    dual of one («الواقعتان»)."""
    start, end = words.original_span(index, index)
    written = words.original[start + glued : end]
    forms = [written] + [
        written[: -len(dual)] + single
        for dual, single in language.dual_endings.items()
        if written.endswith(dual) and len(written) > len(dual) + 2
    ]
    return any(spelling_zipf(form, language.code) >= COMMON_ZIPF_ARABIC for form in forms)
