"""What newsalert knows of each language, one module per language; scripts are not languages.

Each module (``arabic``, ``english``, ``french``, ``persian``) defines ``LANGUAGE``, a :class:`Language`:
its letters and folding, the prefixes its words carry, its elisions, its sentence and dateline cues,
the function words the claim reader relies on, and the labels and chrome of scraped pages. Word lists are written as they stand in the word
stream (folded: lower case, ة as ه, أ as ا), which a test checks.

Text is often mixed (an English report quoting Arabic names), so by default the knowledge of every
language applies, each to the words of its script. When an article's ``lang`` names a language, that
language decides for the words of its script: Persian and Urdu are written in Arabic letters but
their words take no Arabic proclitics.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from streams.registry import defined_in

Script = Literal["arabic", "latin"]


@dataclass(frozen=True)
class Language:
    """One language's knowledge; every word set is in folded form."""

    code: str  # ISO 639-1
    script: Script
    # Letters folded to another for matching (Arabic ى → ي), and combining marks removed outright.
    letters: Mapping[str, str] = field(default_factory=dict)
    marks: frozenset[int] = frozenset()
    # Prefixes a word may carry inside the same written word (Arabic و ف ب ك ل and their stacks), and
    # those of them that end in the definite article (a name written with ال keeps needing it).
    proclitics: frozenset[str] = frozenset()
    definite_prefixes: frozenset[str] = frozenset()
    article_prefix: str = ""
    # The proclitics that join clauses (Arabic و ف): a connector may carry one.
    conjunctions: frozenset[str] = frozenset()
    # Words elided onto the next one with an apostrophe (French l', d'): written apart for matching.
    elided: frozenset[str] = frozenset()
    sentence_ends: frozenset[str] = frozenset()
    # Abbreviations whose dot ends no sentence, as written ("Sept. 10", "Lt. Gen. Smith").
    abbreviations: frozenset[str] = frozenset()
    # Marks that end a clause inside a sentence besides the common ones (Arabic comma ،).
    clause_marks: frozenset[str] = frozenset()
    # Dashes that close a dateline ("دمشق ـ") besides the common ones.
    dateline_dashes: frozenset[str] = frozenset()
    # News agencies as a dateline names them in brackets after its place, as written («دمشق (وكالات) دخلت»).
    dateline_agencies: frozenset[str] = frozenset()
    # "X in (southern) Y": the words that make Y the place where X is, and the region words between.
    locating: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    # Words after a noun for a town that say where it lies near another place ("a village near the border",
    # "a town some 40 km from Goma"), as ``locating`` and ``bearings`` say where it lies in or towards one.
    proximity: frozenset[str] = frozenset()
    # Words that open a phrase of time, place or means; a name of two words that a word opening names heads
    # ends before one («بلدة الشيخ عقيل خلال عملية»).
    prepositions: frozenset[str] = frozenset()
    # The proclitics that say "in" on the name itself: «بلدة سريبن بدونيتسك» (Serebne in Donetsk).
    locating_proclitics: frozenset[str] = frozenset()
    # Nouns after a city's name that make it the name of its province ("Hama province", "Kharkiv oblast").
    # For a rule that reads a change of the place itself, also the countryside and the nouns that make the
    # name a road's, an airport's or a government's ("the Homs airport", «طريق حلب», «قوات كييف»): after
    # the name, or in front of it where the head of a noun phrase comes first (``head_first``, Arabic).
    region_nouns: frozenset[str] = frozenset()
    landmarks: frozenset[str] = frozenset()
    # Bearings that, with a name link after them, make a name only say where another place lies ("45 km
    # east of Jowhar"), for a language that writes them so; where the head comes first, right in front of the
    # name or of its noun for a town («شمال شرق حماة», «شمال مدينة هوليايبولي»).
    bearings: frozenset[str] = frozenset()
    # Words and phrases that make the names after them the ends of a stretch ("between Aleppo and Damascus",
    # «بين حلب ودمشق», "the road leading to Hama"): they say where something else lies.
    between: frozenset[str] = frozenset()
    # The noun for a capital in front of its name ("the capital Mogadishu", «العاصمة الخرطوم»).
    capital_nouns: frozenset[str] = frozenset()
    # Words that, right after a town's name, say that the province named next has it as its capital or its
    # seat, with the nouns for a province that may stand between («مزار شريف عاصمة ولاية بلخ», «المكلا مركز
    # محافظة حضرموت», "Singa, capital of Sennar state"): the province only describes the town.
    capital_of: frozenset[str] = frozenset()
    province_heads: frozenset[str] = frozenset()
    # Nouns after a name that make it a district's when "in" (and region words: "in northern Maungdaw
    # Township") or a settlement's name link stands before it ("fighting in Mocimboa da Praia district", "the
    # villages of Fizuli district"); alone they may name the district's town ("took control of Runirgod district").
    district_nouns: frozenset[str] = frozenset()
    head_first: bool = False
    # Who reports from a place: "a source in Homs", «مصدر في حماة» (the place says where they are).
    reporters: frozenset[str] = frozenset()
    # What says where a reporter is from, besides ``locating``: "a correspondent from Aleppo", «مراسل من حلب».
    reporter_origins: frozenset[str] = frozenset()
    # The claim reader: words that open another clause; "from" and "to" after a change; words after which
    # "from" means "of" ("units of the army"); articles; coordinators; phrases that refer back to a place.
    connectors: frozenset[str] = frozenset()
    # Words after a connector that make it open a clause of its own («قبل أن تسقط»), where without them it heads
    # a time («قبل شهرين», two months ago) that stays in the clause in front of it.
    complementizers: frozenset[str] = frozenset()
    # Pronouns that open a relative clause after a name ("Kidal, which lies north of Gao, has fallen"): the
    # clause describes the name, which stays its verb's subject past it.
    relatives: frozenset[str] = frozenset()
    # Participles that open such a description as a relative pronoun does, after a comma ("Kidal, located 300 km
    # north of Gao, has fallen").
    locating_participles: frozenset[str] = frozenset()
    # Words a hyphen joins to a town's name for the town's centre ("Walikale-centre", as against the territory
    # of the same name): the name stays the town's, where any other word so joined makes it a description
    # ("Tripoli-allied forces", "Kyiv-based").
    centre_words: frozenset[str] = frozenset()
    # Words that make a noun indefinite ("a", "another"): "a third town, Mongmit," names a town in an
    # apposition; "the mayor of the town, Mandefro Tadesse," a person.
    indefinites: frozenset[str] = frozenset()
    source_words: frozenset[str] = frozenset()
    recipient_words: frozenset[str] = frozenset()
    partitives: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    references: frozenset[str] = frozenset()
    # Of ``references``, those that as often mean a place in general or open another's name («المدينة
    # المنورة»): the claim reader reads them beside a claim, ``near`` pairs none of them with a place.
    vague_references: frozenset[str] = frozenset()
    # Phrases that name a place the next sentences name ("seized a strategic town … the town of X").
    forward_references: frozenset[str] = frozenset()
    # Phrases that count towns the next sentences list after a plural noun for towns and ``list_openers``
    # ("recaptured more towns in Borno … The towns include Bita, Izge and Uba"), or that their own sentence lists
    # after a word that opens a list ("captured dozens of villages …, including the villages of Anjara, Hawr").
    forward_lists: frozenset[str] = frozenset()
    # Words that stand for those towns as the subject of the next sentence that lists them ("They are A, B and
    # C", "These are the villages of A, B and C").
    forward_list_subjects: frozenset[str] = frozenset()
    # Units of a distance that says where a town lies ("about 200 km northwest of El-Fasher").
    distance_units: frozenset[str] = frozenset()
    # Words that name a party by its relation to the party named beside them, and the relation: "against"
    # (its opponents: "anti-Houthi forces", "forces opposed to the Houthis", «القوات المناهضه للحوثيين»),
    # "own" (its own men by another name: "pro-Houthi", "loyal to", «الموالية ل», «التابعة ل») or "allied"
    # (those it backs or fights beside: "Houthi-backed", "allied with", «المدعومه من», «المتحالفه مع»).
    # Written before the name: "anti-" and "pro-" joined to it by a hyphen, the head noun after them; the
    # others after their head noun ("forces loyal to"), a last word that is a proclitic (ل, ب) perhaps
    # written on the name («للحوثيين»). Written after the name: "-backed" joined to it by a hyphen, the
    # others a noun, perhaps after a possessive ("the Houthis' opponents").
    relations_before: Mapping[str, str] = field(default_factory=dict)
    relations_after: Mapping[str, str] = field(default_factory=dict)
    # Phrases that name a party by its hold on a place, "X" standing for the name, and what they say: "left"
    # (the place leaves its hold: «من سيطره X», "from the control of X", "from X control": after a change, the
    # party that lost the place) or "held" (the place is in its hold: «تحت سيطره X», «التي يسيطر عليها X»,
    # "under X control", "X-held": the state before or around a change, never the winner of it). "-held" is
    # joined to the name by a hyphen; articles and words for a party's men may stand before the name
    # ("under the rebels' control", «من سيطره ميليشيات الحوثي»); a last word before it that is a proclitic
    # may be written on the name («الخاضعه للحوثيين»).
    holds: Mapping[str, str] = field(default_factory=dict)
    # Words that make the hold after them new, a change: "now under rebel control", "came under Houthi
    # control", «باتت المقار الأمنية تحت سيطرة الفصائل» (became), read a few words back in the clause.
    becoming: frozenset[str] = frozenset()
    # Words that may stand between an action and the place that is its object ("took control of the town
    # of", «السيطرة على مدينة»), besides articles and ``settlement_nouns`` (the nouns for a city, a town, a
    # village, which may also stand in a list of places).
    object_leads: frozenset[str] = frozenset()
    # Where the subject stands between a verb and its object, the words that open the object (Arabic على).
    object_markers: frozenset[str] = frozenset()
    # The nouns of a change that take their object in construct, right after them: a name in quotes there is a
    # place's («تحرير «سوق الإثنين» و«المتون»»).
    construct_changes: frozenset[str] = frozenset()
    # An object that refers back to places named before: «السيطرة عليهن» (of them), "took them".
    object_pronouns: frozenset[str] = frozenset()
    # Phrases that add a name to a list as a coordinator does ("as well as", «بالإضافة إلى»): "seized Pokrovsk
    # as well as Vovchansk" takes both.
    additions: frozenset[str] = frozenset()
    settlement_nouns: frozenset[str] = frozenset()
    # The nouns of references that name a town or a village, never a country's capital ("the town").
    town_nouns: frozenset[str] = frozenset()
    # The nouns of references that name a village, never a city ("the village").
    village_nouns: frozenset[str] = frozenset()
    # "the town *of* Marin Gubay": the word by which a reference introduces a name (then it refers to nothing).
    name_links: frozenset[str] = frozenset()
    # The nouns that make a capitalised word next to them a town's name the rules may not know ("the village
    # of Maiorsk", "Kawbein village", see streams.ruleset.unlisted), each with whether it is plural (then it
    # may name a list: "the villages of Progres and Yevgenivka"). A city is mostly in the gazetteer: see
    # ``unlisted_city_nouns``.
    unlisted_town_nouns: Mapping[str, bool] = field(default_factory=dict)
    # Nouns for cities, the same way, after which a name is read only when each of its words is as rare as a
    # transliteration («مدينة أنيفيس», «مدن كيدال وتنزواتين»): most names after them are cities the gazetteer
    # knows, or words («مدينة الملاهي»).
    unlisted_city_nouns: Mapping[str, bool] = field(default_factory=dict)
    # Those of them that name an area as often as a town («منطقة اللاعودة», «منطقة الفيلات الحمر»): a name after
    # them must be rarer still than after a noun for a city.
    unlisted_area_nouns: frozenset[str] = frozenset()
    # Plural nouns of the two above that name towns only in a list of three names or more, known ones counted
    # («سيطرت على مناطق صوران والفان الوسطاني والمضبعة»): with fewer, what follows says what the places are
    # («مناطق واسعة», «مناطق سيطرة النظام»).
    town_list_nouns: frozenset[str] = frozenset()
    # The plural nouns of the two above that name two towns, no more («قريتي تومى ومجارين وقطع طريق الكسك»:
    # what follows the second is no third village).
    dual_town_nouns: frozenset[str] = frozenset()
    # Endings of a feminine dual as written and the singular's ending in their place: «الواقعتان» (the two lying)
    # is as common a word as «الواقعة», whose dual a name never is.
    dual_endings: Mapping[str, str] = field(default_factory=dict)
    # Nouns for towns of ``unlisted_town_nouns`` whose construct with a word carrying the article names the
    # town whatever the word («قرية الصوفي»): after an indefinite noun an adjective would not carry it.
    construct_town_nouns: frozenset[str] = frozenset()
    # Nouns for a city's quarters, each with whether it is plural («حي», «أحياء», «حيي»): a quarter changes hands
    # on its own (Aleppo fell street by street), and its name is made of words as often as not («حي الفردوس», «حي
    # كرم الدعدع»), so the words after the noun name it whatever their frequency.
    quarter_nouns: Mapping[str, bool] = field(default_factory=dict)
    # Endings, as folded, of an adjective of relation that describes the noun before it rather than naming a
    # place: «قرية حدودية» (a border village), «بلدة استراتيجية».
    relation_adjective_endings: tuple[str, ...] = ()
    # Spellings, as written, of another word whose letters fold to a noun for quarters: «إحياء» (the reviving of,
    # as in «إحياء ذكرى») folds as «أحياء» (quarters) does.
    quarter_homographs: frozenset[str] = frozenset()
    # Words carrying the article that end a town's name after a word of the language («قرية جرس الشرقية»).
    name_tails: frozenset[str] = frozenset()
    # Words after a town's name that make the words the name of one of its quarters: «الموصل الجديدة», «دمشق
    # القديمة», "Mosul al-Jadida" (after the article in Latin script); not «درعا البلد», the town's old half, whose
    # fall is the town's.
    quarter_tails: frozenset[str] = frozenset()
    # When, in words a clause may set between a verb and its object: «سيطرت القوات، اليوم الجمعة، على هجين».
    time_words: frozenset[str] = frozenset()
    # Bearings that end a town's name where nothing follows them in their clause but the next name of a list
    # («قرى سويدان جزيرة وجرذي غربي وجرذي شرقي»); with a place after them they say where a town lies («غربي حلب»).
    bearing_tails: frozenset[str] = frozenset()
    # Titles in front of a name that make it a person's: «العميد», "Major General Tar Bone Kyaw" (in Latin
    # script past the capitalised words of the name).
    person_titles: frozenset[str] = frozenset()
    # Words that open a place's name of two words in a script without capitals («تل رفعت», «كفر نبودة»); in
    # Latin script, the words of transliterated names that are common words alone ("El Hareeri", "Um Sayala").
    name_heads: frozenset[str] = frozenset()
    # Words in Latin script that open a transliterated family name ("Muqtada al-Sadr"): a place's name after
    # one, behind a capitalised word that heads no place's name, is a person's.
    surname_articles: frozenset[str] = frozenset()
    # Words between a name and the landmark named after it: after the name in a language that puts the head
    # last ("the al-Bukamal border crossing", "Aleppo International Airport"), in front of it in one that puts
    # the head first («الطريق الدولي حلب – دمشق»).
    landmark_modifiers: frozenset[str] = frozenset()
    # Words that join two words of one name there, as in a patronymic («قبيبات أبو الهدى», «تل ابن سعيد»).
    name_joins: frozenset[str] = frozenset()
    # Between a plural noun for towns and the list it opens, words that describe the towns or open the list
    # («القرى المحيطة مثل عين دقنة، شواغرة»); and words that end or sum up a list of towns and never name one
    # in it («قرى النقير وكفر سجنة وغيرها»).
    list_openers: frozenset[str] = frozenset()
    # The passive of a change that makes a list of names opening a sentence its towns: "Sorman, Sabratha and
    # Zelton have all been recaptured" (what people undergo too, "captured", "freed", is none).
    list_changes: frozenset[str] = frozenset()
    # Words after a clause mark that go on naming what the clause is about, so the mark opens no clause: "lost
    # control of several small towns, including Bulo Burde in the past years", «قرى عدة، بينها …».
    inclusions: frozenset[str] = frozenset()
    # Words that heighten an inclusion right after them ("most notably").
    inclusion_intensifiers: frozenset[str] = frozenset()
    # The inclusions that are also a pronoun after a preposition (Arabic «منها», 'from it'): they include only
    # after a comma.
    pronoun_inclusions: frozenset[str] = frozenset()
    # Words that complete an inclusion before the names it introduces: «بما في ذلك», «بما فيها».
    inclusion_tails: frozenset[str] = frozenset()
    # Words that count or measure the nouns for towns after them, where an inclusion then names some of them:
    # "captured a string of villages, among them …", «سيطرت على عدد من القرى، بينها …» (digits count too).
    quantities: frozenset[str] = frozenset()
    # Words of size or place that describe the noun for the rest of a list's towns, after the words that count
    # them: "Dhuurow, Qorsheeye and other small towns".
    town_sizes: frozenset[str] = frozenset()
    list_closers: frozenset[str] = frozenset()
    # What a list adds to the town before it, in two words after a noun, and the list goes on past it: «تل شعير
    # والمزارع المحيطة بها والطعانة» (Tal Shair and the farms around it, and al-Taana).
    surroundings: frozenset[str] = frozenset()
    # Words that announce which places of a number or an area follow, and the plural nouns for places a few
    # words before them that they announce: «تحرير مناطق واسعة شملت: الأحامدة، السليك، ود نوار»,
    # «89 مركزا سكنيا بما فيها بافلوفكا ونيكولسكويه وفلاديميروفكا»; three names or more, as in a list with no noun.
    announcing: frozenset[str] = frozenset()
    announced_nouns: frozenset[str] = frozenset()
    # Words that point at the noun after them, so an announcing word may stand in front of its noun: «وشملت تلك
    # المواقع طيبة الإمام، حلفايا، …».
    demonstratives: frozenset[str] = frozenset()
    # Words after a capital's name, or after its possessive, that make it the name of a government or a
    # side ("Kyiv said", "Kyiv officials", "Kyiv's claim"): a party, not the place where something happened.
    speaker_words: frozenset[str] = frozenset()
    # Auxiliaries and negations that may stand between a speaker and its word ("Kyiv has not confirmed"), and
    # that end an apposition left open before its verb ("Sheberghan, the capital of Jawzjan province has fallen").
    auxiliaries: frozenset[str] = frozenset()
    # The auxiliaries right before a participle that make it passive ("were captured", "had been liberated"): its
    # subject, the places that changed hands, may stand past an apposition ("The towns of A and B, all in eastern
    # Daraa, had been liberated").
    passive_auxiliaries: frozenset[str] = frozenset()
    # Adverbs that may stand between such an auxiliary and the participle ("were also reclaimed").
    passive_adverbs: frozenset[str] = frozenset()
    # Words in front of a capital's name that make it a government or a side where the head comes first: what
    # it said or suffered («إعلان كييف انسحاب قواتها», «أكبر انتكاسة لكييف»); in any language, those loyal to
    # it (a phrase of up to two words: «موالون لكينشاسا», "troops loyal to Damascus", "pro-Damascus").
    speaker_heads: frozenset[str] = frozenset()
    # Inflection (streams/text/inflect.py): a lemma's irregular forms ("take" → took, taken, taking), the
    # words that never inflect (function words heading a phrase: "in full control of"), for Arabic the
    # affixes of verbs (by person, number and gender) and the pronouns a noun or verb carries at its end,
    # and the generated forms that are mostly another word (never generated).
    irregular: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    uninflected: frozenset[str] = frozenset()
    verb_prefixes: frozenset[str] = frozenset()
    past_suffixes: frozenset[str] = frozenset()
    present_suffixes: frozenset[str] = frozenset()
    pronoun_suffixes: frozenset[str] = frozenset()
    # Of them, the third person's, that make a listed noun a thing of the town before it («ومزارعها», its farms),
    # not the first's, which a town's name may end in («البوبنا»).
    third_person_suffixes: frozenset[str] = frozenset()
    homographs: frozenset[str] = frozenset()
    # Scraped pages, as regular-expression pieces (case-insensitive): a line of site chrome anywhere in
    # it or at its end, and the labels of a date line ("published on:"), of an update after the date, of
    # the source, of a "read also" link; month names as embedded posts print them.
    page_chrome: frozenset[str] = frozenset()
    page_chrome_at_end: frozenset[str] = frozenset()
    date_labels: frozenset[str] = frozenset()
    updated_labels: frozenset[str] = frozenset()
    source_labels: frozenset[str] = frozenset()
    read_also_labels: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    # Month names as the word stream has them, with their numbers (1-12), for the dates a text names.
    month_numbers: Mapping[str, int] = field(default_factory=dict)


@cache
def languages() -> dict[str, Language]:
    """Every language by code, found as the ``LANGUAGE`` of each module of this package."""
    return {language.code: language for language in defined_in(__name__, __path__, "LANGUAGE", Language)}


@cache
def every(attribute: str) -> frozenset[str]:
    """One of the word sets (``connectors``, ``locating``, …) of every language together, for text whose
    language is not known or is mixed."""
    return frozenset().union(*(getattr(language, attribute) for language in languages().values()))


@cache
def month_numbers() -> dict[str, int]:
    """The month names of every language, folded, with their numbers."""
    return {name: number for language in languages().values() for name, number in language.month_numbers.items()}


def for_script(script: Script, lang: str | None) -> Language:
    """The language whose knowledge applies to the words of ``script`` in an article of language ``lang``.

    The article's own language when it is written in that script; else the script's default language
    (Arabic for Arabic letters: most Arabic-script news is Arabic).
    """
    known = languages()
    language = known.get((lang or "").split("-")[0].lower())
    if language is not None and language.script == script:
        return language
    return known[_DEFAULT[script]]


_DEFAULT: dict[Script, str] = {"arabic": "ar", "latin": "en"}


def is_arabic_letter(char: str) -> bool:
    """Whether ``char`` is in the Arabic script's blocks (Arabic, Persian, Urdu letters alike)."""
    return "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" or "\u08a0" <= char <= "\u08ff"


# A letter of each script as the word stream writes it (folded: Latin in lower case; the blocks of
# ``is_arabic_letter``).
_LETTERS: dict[Script, re.Pattern[str]] = {
    "arabic": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]"),
    "latin": re.compile("[a-z]"),
}


def has_letters(text: str, script: Script) -> bool:
    """Whether folded ``text`` holds a letter of ``script``: a text without one holds no word of the languages
    of that script, whose every word has one (a test checks)."""
    if script != "latin" and text.isascii():
        return False  # known without reading the text: CPython marks a string that is all ASCII
    return _LETTERS[script].search(text) is not None
