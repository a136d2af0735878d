"""Towns no gazetteer lists, read where a report names them as towns ("the village of Maiorsk", «قرى حوير
العيس وتل التباريز»), and kept apart from words that only stand where a name would. The sentences are
written for these tests; the village names are real or made up alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.articles.model import Article
from streams.evaluation import evaluate_dataset, read_dataset
from streams.places.scripts import arabic_skeleton, latin_skeleton
from streams.ruleset.compiler import Branch, CompiledRules, Leaf, Node, RegexLeaf, compile_rules
from streams.ruleset.loader import load_rules
from streams.ruleset.matcher import match_article
from streams.ruleset.scan import Scan
from streams.ruleset.unlisted import display_name, unlisted_towns
from streams.text.languages import for_script
from streams.text.normalise import WordStream
from tests.fuzzing import FUZZ

ROOT = Path(__file__).resolve().parent.parent
RULE = "city-control-change"
LANGUAGES = (for_script("latin", "en"), for_script("arabic", "ar"))


@pytest.fixture(scope="module")
def shipped() -> CompiledRules:
    return compile_rules(load_rules([ROOT / "rules"]))


def names(text: str, known: set[int] | None = None) -> list[str]:
    return [town.name for town in unlisted_towns(WordStream.of(text), LANGUAGES, known or set())]


def claims(compiled: CompiledRules, body: str, title: str = "") -> dict[str, str | None]:
    matches = match_article(compiled, Article.create(title=title, body=body))
    return {m.bindings["place"]: m.claim.winner if m.claim else None for m in matches if m.rule == RULE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops captured the village of Maiorsk in the Donetsk region.", ["Maiorsk"]),
        (
            "They took the villages of Viktorovka, Dorvalka and Staraya Sorochina.",
            ["Viktorovka", "Dorvalka", "Staraya Sorochina"],
        ),
        ("It said Kawbein village was retaken.", ["Kawbein"]),
        ("Fighters secured Yontoy and Bulo-Gadud villages on Monday.", ["Yontoy", "Bulo-Gadud"]),
        # the lower-case article of a transliterated Arabic name, and a list closed by ", and"
        (
            "Troops seized the towns of al-Maseed, al-Nuba, and al-Tayyi in Gezira.",
            ["al-Maseed", "al-Nuba", "al-Tayyi"],
        ),
        # a town described in an apposition, where the noun says where it lies
        ("Fighters seized Umm Zarqa, a strategic town west of El Obeid, on Friday.", ["Umm Zarqa"]),
        ("The army retook Kawbein, a small village near the border.", ["Kawbein"]),
        # names a counted plural noun describes in an apposition after them
        ("Rebels overran Dorvalka and Mellinka, two small villages near the border.", ["Dorvalka", "Mellinka"]),
        # a list of three names or more, with no noun for them, opened by a word in lower case
        (
            "The ministry announced the recapture of Zarovka, Dorvalka and Staraya Mellina.",
            ["Zarovka", "Dorvalka", "Staraya Mellina"],
        ),
        (
            "Troops entered Tabsa, al-Damra, Gardoud Jama, and al-Mureib on Sunday.",
            ["Tabsa", "al-Damra", "Gardoud Jama", "al-Mureib"],
        ),
        # a singular noun names one town: what follows the name is not another
        ("They entered the town of Tetkino, Kursk, on Friday.", ["Tetkino"]),
        # an apostrophe inside a name's word; two nouns for towns joined in front of the list
        (
            "Troops secured the villages and towns of Zarovka, Ma'ar Dorvalka and Abu Mellina.",
            ["Zarovka", "Ma'ar Dorvalka", "Abu Mellina"],
        ),
        # a parenthesis saying where a listed town lies does not end the list
        ("The liberated villages are Zarovka (in Fuzuli), Dorvalka and Mellinka.", ["Zarovka", "Dorvalka", "Mellinka"]),
        # words that open a list after a plural noun
        (
            "The liberated villages are Zarovka, Dorvalka and Yukhari Mellina.",
            ["Zarovka", "Dorvalka", "Yukhari Mellina"],
        ),
        # after a noun for cities a name that is no word of the language
        ("Rebels seized the city of Nyarovondo in the province.", ["Nyarovondo"]),
        # names in front of the noun when what the name link introduces is a district
        (
            "The army has freed Zarovka, Dorvalka and Mellinka villages of Takrana district.",
            ["Zarovka", "Dorvalka", "Mellinka"],
        ),
        # a colon announces a list
        (
            "The following settlements were liberated on Monday: Zarovka, Dorvalka and Mellinka.",
            ["Zarovka", "Dorvalka", "Mellinka"],
        ),
        # a rare first word makes a name of two in front of the noun, its last word less rare
        ("They confirmed the liberation of the Zorbakhiv Yar village in the north.", ["Zorbakhiv Yar"]),
        # names of three words in a list, and four names or more closed by words in lower case
        (
            "It ended with the capture of Zarovka al-Jabal, Dorvalka, Tel Sheikh Mellina, Takrana, and two hills.",
            ["Zarovka al-Jabal", "Dorvalka", "Tel Sheikh Mellina", "Takrana"],
        ),
        # names right after a plural noun
        ("The rebels took the villages Zarovka, Dorvalka and Mellinka on Monday.", ["Zarovka", "Dorvalka", "Mellinka"]),
        # an English word in front of the name is no Arabic article ("as-Safira" is; "as Dorvalka" is not)
        ("They took the town of Zarovka as well as Dorvalka village from the militia.", ["Zarovka", "Dorvalka"]),
        # the text's last word names the town in front of it
        ("Ukrainian army retakes Zarovka village", ["Zarovka"]),
        # a city's quarters, named in front of their noun or after it
        (
            "Police entered the Zarovka, Dorvalka and Mellinka neighbourhoods at dawn.",
            ["Zarovka", "Dorvalka", "Mellinka"],
        ),
        ("Troops took the neighbourhoods of Zarovka and Dorvalka in the east.", ["Zarovka", "Dorvalka"]),
        ("Fighters seized the Tel Zarovka district on Monday.", ["Tel Zarovka"]),
        # a comma after the word that says the list includes them
        (
            "Seven villages were liberated during the offensive including, Tel Zarovka, Dorvalka, Mellinka and Takrana.",
            ["Tel Zarovka", "Dorvalka", "Mellinka", "Takrana"],
        ),
        # a word that opens names before the article of the rest
        ("The YPG regained control of Ayn al-Zarovka village on Monday.", ["Ayn al-Zarovka"]),
        # "Sheikh" opens a name whatever word follows it
        ("Kurdish fighters took the Sheikh Fares neighbourhood from the rebels.", ["Sheikh Fares"]),
        ("They took Dorvalka and as-Mellina villages", ["Dorvalka", "as-Mellina"]),
        # after a noun for cities a transliterated name, a word that opens names aside
        ("Troops said they had cleansed the city of Umm Zarovka of the militia.", ["Umm Zarovka"]),
        # a name a comma sets after an indefinite noun, closed as an apposition
        ("The rebels seized a third town, Zarovka, in the north on Monday.", ["Zarovka"]),
        # a list ends with the name its coordinator joins: what a comma sets after it is not listed
        (
            "Units managed to liberate the towns of Zarovka and Dorvalka Dolina, The Mellin news agency said.",
            ["Zarovka", "Dorvalka Dolina"],
        ),
        (
            "Units managed to liberate the towns of Zarovka and Dorvalka, and Mellinka on Monday.",
            ["Zarovka", "Dorvalka", "Mellinka"],
        ),
        # one name of common words in a long list leaves the others towns
        (
            "The ministry said its units liberated four villages: Green Meadow, Zarovka, Dorvalka and Mellinka.",
            ["Zarovka", "Dorvalka", "Mellinka"],
        ),
        # a list opening its sentence, the subject of a passive change
        (
            "The fighting went on. Zarovka, Al-Dorvalka, Mellinka and Takrana have all been recaptured by the army.",
            ["Zarovka", "Al-Dorvalka", "Mellinka", "Takrana"],
        ),
    ],
)
def test_latin_names_next_to_a_noun_for_towns(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Border villages were shelled overnight.",  # a capital that opens a sentence, on a common word
        "Rwandan troops retook a strategic Mozambican town.",  # a rare adjective before the noun
        "Army Takes Village After Heavy Fighting",  # a title's capitals
        "They walked to the town of Great Falls.",  # a phrase of common words
        "The Russian villages near the border emptied.",
        "the village of maiorsk",  # no capital
        # people's names in a list are mostly common words; two names are no list of towns
        "The summit brought together Putin, Erdogan and Rouhani in Sochi.",
        "Fighters later entered Zarovka and Dorvalka.",
        # the town's word qualifying another noun ("a town official") is no apposition of a town
        "They spoke to Zorbakh, a town official, on Monday.",
        "They spoke to Zorbakh and Mellinov, two town officials, on Monday.",
        # names a district's noun follows are districts'
        "The army liberated villages in Zarovka, Dorvalka, Mellinka and Takrana districts.",
        # a city's name that is also a word is the gazetteer's to know, not the reader's
        "Crowds gathered in the city of Hope after the march.",
        # three names closed by words in lower case are no list
        "The talks in Zarovka, Dorvalka, Mellinka, and other towns failed.",
        # two such names make it no list of towns
        "The ministry said its units liberated four villages: Green Meadow, Zarovka, Silver Lake and Mellinka.",
        # nor in a list no colon opens
        "The comedy, which stars Ben Stiller, Robert De Niro, Dustin Hoffman and Barbra Streisand, took $28m.",
        # after a definite noun a comma names a person; a title's capitals and a source are no towns
        "The mayor of the town, Dorvalka Mellinov, said rebels had entered.",
        "Hits of the year: Ghost Town, The Zarovkas, Fallen Angels.",
        "Rebels seized a town, Reuters reported.",
        # a list opening its sentence that undergoes no change, or one people undergo
        "The fighting went on. Zarovka, Dorvalka, Mellinka and Takrana were visited by officials.",
        "The fighting went on. Zarovka, Dorvalka, Mellinka and Takrana have been captured by the police.",
    ],
)
def test_words_that_stand_where_a_latin_name_would_are_no_names(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "place", "expected"),
    [
        (
            "Troops have seized control of Zarovka and Dorvalka in the Donetsk region.",
            "donetsk",
            ["Zarovka", "Dorvalka"],
        ),
        ("Government forces withdrew from Zalbouz in the Homs countryside.", "homs", ["Zalbouz"]),
        ("Russian units seized Dorvalka, southeast of Pokrovsk, on Friday.", "pokrovsk", ["Dorvalka"]),
        ("Fighters took over Dorvalka, near Aleppo, on Sunday.", "aleppo", ["Dorvalka"]),
        ("Fighters overran Dorvalka, about 200 km northwest of Aleppo, on Sunday.", "aleppo", ["Dorvalka"]),
        ("They left on Friday. Dorvalka, in the Aleppo countryside, lies on the road.", "aleppo", ["Dorvalka"]),
        # a speaker's "in" after a comma locates the speaker
        ("Rebels took the base, said Dorvalka, in Aleppo.", "aleppo", []),
        # a transliterated name may open with a word that is common alone
        ("The group captured El Zarovka in the Hiraan region.", "hiraan", ["El Zarovka"]),
        # what follows "in" is not the known place; a common given name is no transliteration
        ("Fighters entered Zarovka in the early hours near Homs.", "homs", []),
        ("The minister met Peter in Kyiv.", "kyiv", []),
    ],
)
def test_latin_names_a_known_place_locates_need_no_noun(text: str, place: str, expected: list[str]) -> None:
    words = WordStream.of(text)
    known = {index for index in range(words.word_count) if words.word(index) == place}
    assert names(text, known) == expected


def test_a_list_in_one_pair_of_quotes_passes_over_a_known_name_in_it() -> None:
    text = "سيطر التنظيم على قرى “زوردة، والعزيزية، ودويبق”."
    words = WordStream.of(text)
    known = {index for index in range(words.word_count) if words.word(index) == "والعزيزيه"}
    assert names(text, known) == ["زوردة", "دويبق"]


def test_a_word_that_opens_names_before_a_known_one_names_another_town(shipped: CompiledRules) -> None:
    body = "وأضاف أن قواته حررت بلدة كفر حلب الاستراتيجية غرب المدينة."
    assert claims(shipped, body) == {"unlisted:كفر-حلب": None}
    assert set(claims(shipped, "وأضاف أن قواته حررت مدينة حلب بالكامل.")) == {"aleppo"}


def test_a_rare_word_joined_to_a_known_name_names_another_town() -> None:
    text = "Troops captured the villages of Zarovka, Uchungu Dorvalka, Mellinka and Takrana"
    words = WordStream.of(text)
    known = {index for index in range(words.word_count) if words.word(index) == "dorvalka"}
    assert names(text, known) == ["Zarovka", "Uchungu Dorvalka", "Mellinka", "Takrana"]
    # not a region's noun after a known name
    text = "Troops captured the villages of Zarovka, Dorvalka Raion, Mellinka and Takrana"
    words = WordStream.of(text)
    known = {index for index in range(words.word_count) if words.word(index) == "dorvalka"}
    assert "Dorvalka Raion" not in names(text, known)


def test_a_known_name_in_a_list_is_passed_over_not_read_again() -> None:
    text = "They took the villages of Viktorovka, Nikolayevka and Staraya Sorochina."
    words = WordStream.of(text)
    known = {next(i for i in range(words.word_count) if words.word(i) == "nikolayevka")}
    assert names(text, known) == ["Viktorovka", "Staraya Sorochina"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "استعاد الجيش السيطرة على قرى حوير العيس وتل التباريز والطحش في ريف إدلب.",
            ["حوير العيس", "تل التباريز", "الطحش"],
        ),
        ("أسفرت المعارك عن تحرير قريتي زيتان وبرنة.", ["زيتان", "برنة"]),
        ("دخلت القوات منطقتي الزوردية وكازقيل جنوب المدينة.", ["الزوردية", "كازقيل"]),  # the dual of «منطقة»
        ("حررت القوات بلدة فولتشي في دونيتسك.", ["فولتشي"]),
        ("سيطرت الجماعة على مديرية رغوان بمحافظة مأرب.", ["رغوان"]),
        # a name in quotes where a place stands
        ("الجيش يستعيد السيطرة على «جبل موية» من قوات الدعم السريع", ["جبل موية"]),
        ("بسطت القوات سيطرتها على منطقة “أم قليب” بشمال كردفان", ["أم قليب"]),
        # after a noun for cities quotes mark a name, a word of the language too
        ('استعاد الجيش مدينة "كونا" في وسط البلاد.', ["كونا"]),
        # quoted names listed with و, after a noun for places of any words but one common word
        ("سيطر الجيش على منطقتي “أم دم حاج أحمد” و”كازقيل” بعد معارك.", ["أم دم حاج أحمد", "كازقيل"]),
        ('سيطر الفصيل على "مزارع زوردة" و"التلة الطويلة" شرق البلدة.', ["مزارع زوردة", "التلة الطويلة"]),
        # inside a list that has named a town, names made of common words, up to where the list ends
        (
            "سيطرت القوات على قرى زوردة ومسعدة وطويل النخل وشوحة جنوب شرق المدينة.",
            ["زوردة", "مسعدة", "طويل النخل", "شوحة"],
        ),
        # a word that opens names takes any word after it in a list; what describes the towns comes first
        ("حرر الجيش قرى الشيخ مصطفى والنقير بريف إدلب.", ["الشيخ مصطفى", "النقير"]),
        # the towns a plural noun announces a few words on
        (
            "حررت الفصائل عدة قرى وبلدات بريف حلب الغربي، من بينها الشيخ عقيل، حيردركل، وحور.",
            ["الشيخ عقيل", "حيردركل", "حور"],
        ),
        # a count of more ends the list
        ("حررت القوات بلدات سراقب وكفرنبل وعشرات القرى الأخرى.", ["سراقب", "كفرنبل"]),
        # a word that joins names takes the next one whole, though it opens with و
        ("بسط الجيش سيطرته على قرى قصر ابن وردان والمصيطبة.", ["قصر ابن وردان", "المصيطبة"]),
        ("دخلت الفصائل القرى المجاورة مثل عين دقنة، شواغرة، ودير جمال.", ["عين دقنة", "شواغرة", "دير جمال"]),
        # a first name of common words, when a rare name follows it in the list
        ("تمكنت القوات من تحرير قريتي تومى ومجارين شرق المدينة.", ["تومى", "مجارين"]),
        ("سيطر المسلحون على قرى القاهر والروضة وزوردان جنوب المدينة.", ["القاهر", "الروضة", "زوردان"]),
        # what sums a list up, or a clause that goes on past it, names no town
        ("سيطرت القوات على قرى زوردة وغيرها.", ["زوردة"]),
        ("سيطرت القوات على قرى زوردة وأعلنت ذلك في بيان.", ["زوردة"]),
        # a noun for a village in construct: the word carrying the article is its name, common word or not
        ("استعادت القوات قرية الحمراء بولاية النيل الأبيض.", ["الحمراء"]),
        # a Sudanese locality is named for its town, as a Yemeni district is
        ("سيطرت القوات على محلية الشقلة شرق الولاية.", ["الشقلة"]),
        # a word that opens names, with or without the article, and the next word, common or not, after a noun in
        # construct; two rare words where the name ends
        ("استعاد الجيش بلدة الشيخ مصطفى بعد معارك.", ["الشيخ مصطفى"]),
        ("سيطرت الفصائل على قرية أم زريكة المحاذية للتل.", ["أم زريكة"]),
        ("سيطرت القوات على قرية زاط مراش، فيما قال المتحدث إن المعارك مستمرة.", ["زاط مراش"]),
        # a tail that ends a name makes the word before it a name
        ("سيطرت القوات على قرية نخلة الشرقية في ريف المدينة.", ["نخلة الشرقية"]),
        ("دخلت القوات بلدة الزوارنة الغربية القريبة من الحدود.", ["الزوارنة الغربية"]),
        # a name that opens with و is a name when what follows the و is no word («ويكرو», Wukro)
        ("سيطر الجيش على بلدة ويكرو شمال العاصمة.", ["ويكرو"]),
        # a list that opens with a quoted name goes on past the quotes
        ('سيطرت القوات على قرى "زوردة"، وبرنة، وكفرتين.', ["زوردة", "برنة", "كفرتين"]),
        # a short parenthesis after a name of a list says where it is; the list goes on past it, and a word in it
        # is no name
        ("سيطرت القوات على قريتي زوردة (غرب النهر) وبرنة.", ["زوردة", "برنة"]),
        ("تقدمت القوات في منطقتي زوردة (وسط شرق) التي دخلتها في الصيف.", ["زوردة"]),
        # after a noun for villages a quoted name may be of common words
        ('سيطرت القوات على قريتي "نخلة العلي" و"نخلة الكبرى" غرب النهر.', ["نخلة العلي", "نخلة الكبرى"]),
        # after a noun for cities only a transliteration is a name
        ("استعاد المتمردون مدينة زاغوفيلي شمال البلاد.", ["زاغوفيلي"]),
        ("سيطرت الحركة على مدن أنيفيلا وتيكاراتين في الشمال.", ["أنيفيلا", "تيكاراتين"]),
        # and after «منطقة»; a word that joins names may stand in front of the transliteration
        ("أعلن المتمردون السيطرة على منطقة كازيروبا في جنوب الإقليم.", ["كازيروبا"]),
        ("استعاد الجيش مدينة أم زيرفيلا بعد معارك.", ["أم زيرفيلا"]),
        # a patronymic joins the words of one name; a bearing or a quoted object ends a list
        ("استعاد الثوار قرية زوردة أبو الهدى بريف المدينة.", ["زوردة أبو الهدى"]),
        ("سيطر الجيش على قرى شويلات، وتلول النخل، وزوردة، جنوب المدينة.", ["شويلات", "تلول النخل", "زوردة"]),
        ('سيطر الجيش على قرى شويلات، وزوردة، وطرد "التنظيم" منها.', ["شويلات", "زوردة"]),
        # names of two rare words, or of common words a rare one ends, inside a list; a facility ends it
        (
            "حرر الجيش قرى زوردة ويال بير زوردلي ويوخاري زيدليوند ومحطة كهرباء زوردة قرب المدينة.",
            ["زوردة", "يال بير زوردلي", "يوخاري زيدليوند"],
        ),
        # so do depots, the article on them or not
        ("سيطر الجيش على بلدات زوردة وحوارين ومهيني والمستودعات القريبة منها.", ["زوردة", "حوارين", "مهيني"]),
        # an army's statement lists a dozen villages or more
        (
            "استعادت القوات قرى زوردة وشويلات وأرفيلة وكنيطرة وجماسة وحياليين وزكروطية ولزاكة وباخيرة.",
            ["زوردة", "شويلات", "أرفيلة", "كنيطرة", "جماسة", "حياليين", "زكروطية", "لزاكة", "باخيرة"],
        ),
        # a plural noun carrying the article opens a list with words of its own
        ("سيطرت القوات على القرى التالية: زوردة، شواغرة.", ["زوردة", "شواغرة"]),
        # one pair of quotes may hold a whole list
        (
            'سيطرت الفصائل على قرى "زوردة والمدمومة والبرسة وجديدة زورفان".',
            ["زوردة", "المدمومة", "البرسة", "جديدة زورفان"],
        ),
        # one pair of quotes may hold a dual's two names
        ('استعادت الفصائل السيطرة على قريتي "زوردة وشواغرة" غرب المدينة.', ["زوردة", "شواغرة"]),
        # a noun for a capital after a name makes it a town's, common words or not, quoted or after «مدينة»
        ("سيطرت الحركة على مدينة محمود زوردي، عاصمة ولاية كابيسا.", ["محمود زوردي"]),
        ('سيطرت الحركة على "محمود راقي" عاصمة ولاية كابيسا.', ["محمود راقي"]),
        # a dual names two towns: what follows the second is no third
        ("تمكنت القوات من تحرير قريتي تومى ومجارين وقطع طريق زوردة.", ["تومى", "مجارين"]),
        # words that say which towns of many open the list, a noun for towns inside it, a name's second word
        # carrying the article before the list goes on
        (
            "سيطرت الفصائل على قرى أبرزها: زوردلا، ودورفالكا، وبلدة تاكرانكا، وكيميرا الجبل، وفورسكا.",
            ["زوردلا", "دورفالكا", "تاكرانكا", "كيميرا الجبل", "فورسكا"],
        ),
        # quoted names after a noun for towns, listed with commas; a quote that closes a name opens no other
        (
            "سيطرت الفصائل على قرى “زوردلا”، “الذهبية”، و”دورفالكا”، وقرى “تاكرانكا”، “كيميرا”.",
            ["زوردلا", "الذهبية", "دورفالكا", "تاكرانكا", "كيميرا"],
        ),
        # a word that announces which places of an area follow: three names or more
        (
            "وتمكن الجيش من تحرير مناطق واسعة شملت: زوردلا، دورفالكا، تاكرانكا، وكيميرا.",
            ["زوردلا", "دورفالكا", "تاكرانكا", "كيميرا"],
        ),
        # or of a number of towns; or with a coordinator, a demonstrative and its noun after it
        (
            "سيطرت الفصائل على 17 قرية وبلدة غربي المدينة، ومن بينها زوردلا وتاكرانكا وكيميرا الجبل.",
            ["زوردلا", "تاكرانكا", "كيميرا الجبل"],
        ),
        ("وشملت تلك المواقع زوردلا، ودورفالكا، وتاكرانكا.", ["زوردلا", "دورفالكا", "تاكرانكا"]),
        # «بما في ذلك» (including) after a plural noun for places
        ("حررت القوات عددا من البلدات بما في ذلك زوردلا ودورفالكا وتاكرانكا.", ["زوردلا", "دورفالكا", "تاكرانكا"]),
        # Sudan's «ود» glued to the article opens a name, not a coordinator a verb
        ("سيطر الجيش على قرى ودالزوردي وشرفة زوردة وأرفيجي بالولاية.", ["ودالزوردي", "شرفة زوردة", "أرفيجي"]),
        # commas part a list's names: a name runs to its comma
        (
            "حرر الجيش قرى زورتان، ومليك زوردلي، وكمر تورك، وتكه، وزاغسير، التابعة للولاية.",
            ["زورتان", "مليك زوردلي", "كمر تورك", "تكه", "زاغسير"],
        ),
        # two rare words where a word that says where the town lies follows
        ("سيطرت الحركة على بلدة زوردن يبال الواقعة في الإقليم.", ["زوردن يبال"]),
        # «مناطق» names towns in a list of three or more
        (
            "بسطت الفصائل سيطرتها على مناطق زوران والكان الوسطاني والمضبعة وأبو زيف شمال المدينة.",
            ["زوران", "الكان الوسطاني", "المضبعة", "أبو زيف"],
        ),
        # a word that is common as written with «و» in front is a word, no «و» and a name: «وسط» (amid)
        ("سيطرت القوات على قرى زيتان، وبرنة، وسط اشتباكات عنيفة", ["زيتان", "برنة"]),
        ("سيطرت القوات على قرى زيتان، وبرنة، وأبو قرن", ["زيتان", "برنة", "أبو قرن"]),
        # two nouns coordinated: the names follow the second, not the first with the second in them
        ("حرر الجيش بلدات وقرى زوردلا وتاكرانكا وكيميرا.", ["زوردلا", "تاكرانكا", "كيميرا"]),
        # a word that ends a name, with or without the article, and an ordinal that a listed name's head is left
        # out of
        ("سيطرت الفصائل على قريتي زوردلا كبير وتاكرانكا في ريف عفرين.", ["زوردلا كبير", "تاكرانكا"]),
        ("حررت القوات قرى زوردلا الأولى والثانية وكيميرا.", ["زوردلا الأولى", "زوردلا الثانية", "كيميرا"]),
        # a name in quotes is parted by a coordinator, not by any conjunction («فهد» is no «ف» and «هد»)
        ('سيطرت القوات على قرى "تل زوردلا" و"تل أبو فهد" غرب المدينة.', ["تل زوردلا", "تل أبو فهد"]),
        # what a list reaches up to, what it adds to a town, a facility in quotes: no towns
        ("وحررت القوات قرى زوردلا وكيميرا، وصولاً إلى بلدة تاكرانكا.", ["زوردلا", "كيميرا", "تاكرانكا"]),
        ("سيطرت الفصائل على قرى زوردلا وشبيران ومزارعها وكيميرا.", ["زوردلا", "شبيران", "كيميرا"]),
        ("سيطرت الفصائل على قرى زوردلا والبوبنا.", ["زوردلا", "البوبنا"]),
        ('سيطرت الفصائل على قرى "زوردلا وكيميرا، ومعسكر تل بلال العسكري" شرقا.', ["زوردلا", "كيميرا"]),
        # a list in one pair of quotes or parentheses parted by commas as well as by و
        (
            "بسطت الفصائل سيطرتها على قرى «زوردلا الكبيرة، تاكرانكا، كيميرا» شمالا.",
            ["زوردلا الكبيرة", "تاكرانكا", "كيميرا"],
        ),
        (
            "بسطت الفصائل سيطرتها على قرى (زوردلا الكبيرة، تاكرانكا وكيميرا) شمالا.",
            ["زوردلا الكبيرة", "تاكرانكا", "كيميرا"],
        ),
        ("تمكنت الفصائل من السيطرة على قرى ( زوردلا، تاكرانكا) في الريف الشمالي.", ["زوردلا", "تاكرانكا"]),
        # a noun of a change takes a quoted name as its object, as «على» does
        ('أعلن الجيش تحرير "زوردلا" بعد معارك.', ["زوردلا"]),
        # a noun for areas before a word that joins names names a locality, whatever word ends it
        ("أعلنت القوات السيطرة على منطقة أبو قمرة بعد معارك.", ["أبو قمرة"]),
        # the words that open a list and a colon after them; a name of frequent words between commas is passed over
        (
            "وأعلنت القيادة تحرير القرى التالية منذ بدء العملية: تل زوردلا، محمد زيد، كيميرا، تل تاكرانكا.",
            ["تل زوردلا", "كيميرا", "تل تاكرانكا"],
        ),
        # how much of the town is no word of its name
        ("وشددت القوات سيطرتها على بلدة الزوردلا باكملها شرق المدينة.", ["الزوردلا"]),
        # a rare word after a noun for areas names it
        ("سيطرت القوات على منطقة بوهادي جنوب سرت.", ["بوهادي"]),
        # a courtyard's or a caravanserai's noun opens a name, whatever word follows it
        (
            "سيطرت القوات على بلدات حوش الضواهرة وحوش الصالحية وخان العسل في الريف.",
            ["حوش الضواهرة", "حوش الصالحية", "خان العسل"],
        ),
        # an Iraqi sub-district is named for its town, alone or listed
        ("أعلنت القيادة تحرير ناحية الكرمشية من عناصر التنظيم.", ["الكرمشية"]),
        ("تمكنت القوات من تحرير نواحي الكرمشية والزهيرات في المحافظة.", ["الكرمشية", "الزهيرات"]),
        # names in single quotes, و before a quote after a comma too
        (
            "سيطرت الفصائل على قرى 'تل زعرور'، 'المرجانة'، و'الكرمشية' و'برغوثة' شرقي المدينة.",
            ["تل زعرور", "المرجانة", "الكرمشية", "برغوثة"],
        ),
        # two quoted names back to back are two names of the list
        ('سيطر الجيش على قرى "الزوردلا" "الكيميرا" و"التاكرانكا".', ["الزوردلا", "الكيميرا", "التاكرانكا"]),
        # a dual noun announces its two names
        ("سيطر التنظيم على قريتين تقعان غرب المدينة، هما الكرمشية والزهيرات.", ["الكرمشية", "الزهيرات"]),
        # how much of a place is no name in a list
        ("سيطر المسلحون على قرى كفرنجوم وتل عيسى وأغلب مناطق بلدة الزيتون.", ["كفرنجوم", "تل عيسى", "الزيتون"]),
        # quarters joined by و alone end at a comma, and quarters in quotes at the quote that closes them
        (
            "دخلت القوات أحياء الزوردلا والكيميرا والتاكرانكا، وأعلن المتحدث أن الوحدات تواصل عملها.",
            ["الزوردلا", "الكيميرا", "التاكرانكا"],
        ),
        ('سيطر الجيش على أحياء "الزوردلا والكيميرا" وأوقع خسائر كبيرة في صفوف المسلحين.', ["الزوردلا", "الكيميرا"]),
        # a dual noun reads a third name the writer adds to its two, not a verb
        (
            "سيطر الجيش على قريتي الزوردلا والكيميرا ومزرعة التاكرانكا بريف المحافظة.",
            ["الزوردلا", "الكيميرا", "مزرعة التاكرانكا"],
        ),
        ("سيطر الجيش على قريتي الزوردلا والكيميرا وقتلت القوات عشرة مسلحين.", ["الزوردلا", "الكيميرا"]),
        # one name or two after a word that says they are among the places before it
        ("سيطر الجيش على مناطق كثيرة حول المدينة، لا سيما الزوردلا والكيميرا في المحافظة.", ["الزوردلا", "الكيميرا"]),
        ("سيطر الجيش على أحياء عدة داخلها بينها الزوردلا والكيميرا.", ["الزوردلا", "الكيميرا"]),
        # the names a counted noun lists after a comma, past where they lie
        (
            "سيطرت الفصائل الأحد على 3 قرى في شمال البلاد، الزوردلا والكيميرا والتاكرانكا.",
            ["الزوردلا", "الكيميرا", "التاكرانكا"],
        ),
        # dashes with spaces around them part the names of a quoted list
        (
            'قال المصدر إن الجيش يحكم قبضته على قرى "الزوردلا - الكيميرا - تل التاكرانكا".',
            ["الزوردلا", "الكيميرا", "تل التاكرانكا"],
        ),
        # one name a clause of its own counts among the towns before it (and a word written with «و» in front
        # of it, after a comma, is no next name)
        ("سيطر الجيش على 12 بلدة وقرية بالريف الغربي للمحافظة، منها الكرمشية، وفق المصدر.", ["الكرمشية"]),
        ("سيطر الجيش على قرى الزوردلا، والكيميرا، والتاكرانكا، وسط البلاد.", ["الزوردلا", "الكيميرا", "التاكرانكا"]),
        ("سيطر الجيش على قرى عدة، ومنها الزهيرات.", ["الزهيرات"]),
        # a phrase that adds to the list goes on with its names
        (
            "حرر الجيش قرى الزوردلا والكيميرا إضافة إلى التاكرانكا والزهيرات شمال المدينة.",
            ["الزوردلا", "الكيميرا", "التاكرانكا", "الزهيرات"],
        ),
    ],
)
def test_arabic_names_after_a_noun_for_towns(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "استعادت القوات السيطرة على بلدة صغيرة في الضواحي.",  # an adjective
        "سيطرت القوات على قرية رابعة خلال يومين.",
        "دخل المسلحون القرية وأعدموا ثلاثة رجال.",  # no noun for a town with a name
        "سيطر المسلحون على قرية وأعدموا ثلاثة رجال.",  # a verb joined on, rare only with its clitic
        "سيطر الفريق على «المباراة» منذ البداية.",  # a common word in quotes
        'أقامت القوات منطقة "عازلة" على الحدود.',  # common words in quotes name zones and operations
        'دخلت القوات منطقة "خفض التصعيد" شمال المدينة.',
        # a list's first town must be a name
        "سيطرت القوات على قرى كثيرة وطويل النخل.",
        # after a noun carrying the article come its adjectives and the rest of the sentence, not a name
        "سيطرت القوات على البلدة الزراعية بعد معارك.",
        "دخلت القوات البلدة بدبابات ثقيلة.",
        # a word after a noun for cities is a name only when it is no word of the language
        "أقيمت المباراة في مدينة الملاهي الكبرى.",
        "سيطرت القوات على مدينة صغيرة قرب الحدود.",
        "سيطرت القوات على منطقة واسعة قرب الحدود.",
        "أقامت القوات منطقة عازلة على الحدود.",
        # «مديرية» in construct is also a directorate
        "اقتحم المسلحون مديرية الأمن في المدينة.",
        # what is announced with no plural noun for places before it, or fewer than three names
        "وتمكن الجيش من تحرير مواقع واسعة شملت زوردلا ودورفالكا.",
        "وشملت الزيارة زوردلا ودورفالكا وتاكرانكا.",
        # «مناطق» with fewer than three names says what the places are
        "سيطرت القوات على مناطق واسعة من ريف المدينة.",
        "انسحبت القوات من مناطق سيطرة النظام والمعارضة.",
        "سيطرت القوات على مناطق زوران وتاكرانكا.",
        # «منطقة» after a plural noun for towns is the area they lie in
        "حررت القوات واحدة من كبرى بلدات منطقة زوردينسك في المقاطعة.",
        # what a sentence goes on to after a counted noun and a comma
        "سيطرت الفصائل على 3 قرى في المنطقة، مؤكدة مواصلة التقدم والقتال.",
        # «منها» with no comma before it may be 'from it'
        "انسحب المسلحون من القرى وخرج منها المقاتلون.",
        # one name after «منها» among positions
        "سيطر الجيش على مواقع عدة، منها الزهيرات.",
        # «ناحية» is a side too
        "سيطرت القوات على المدينة، ومن ناحية أخرى قال المسؤول إن الوضع هادئ.",
    ],
)
def test_words_that_stand_where_an_arabic_name_would_are_no_names(text: str) -> None:
    assert names(text) == []


def test_a_change_of_an_unlisted_town_is_a_change_with_its_winner(shipped: CompiledRules) -> None:
    body = "Russian forces captured the village of Maiorsk in the Donetsk region, the defence ministry said."
    assert claims(shipped, body) == {"unlisted:maiorsk": "russian-forces"}
    (match,) = [m for m in match_article(shipped, Article.create(title="", body=body)) if m.rule == RULE]
    assert match.rule_title.startswith("Maiorsk")
    assert any(e.term == "unlisted" and e.text == "Maiorsk" for e in match.evidence)
    body = "استعادت قوات الدعم السريع السيطرة على قريتي زيتان وبرنة في شمال كردفان."
    assert claims(shipped, body) == {"unlisted:زيتان": "rsf", "unlisted:برنه": "rsf"}


def test_every_town_of_a_long_list_is_the_object_of_its_action(shipped: CompiledRules) -> None:
    # (a name's last word that is a title elsewhere, «الشيخ», makes no person's name of the next town)
    body = "استعادت قوات النظام السيطرة على قرى رأس العين ومسعدة وزوردة وتل الشيخ وشوحة جنوب شرق إدلب."
    assert set(claims(shipped, body)) >= {"unlisted:مسعده", "unlisted:زورده", "unlisted:تل-الشيخ", "unlisted:شوحه"}
    # the surrounding villages are towns of their own, not the surroundings of a town
    body = "سيطرت الفصائل على تل رفعت والقرى المحيطة مثل عين دقنة، شواغرة، مرعناز، ودير جمال."
    assert set(claims(shipped, body)) == {
        "tal-rifaat", "unlisted:عين-دقنه", "unlisted:شواغره", "unlisted:مرعناز", "unlisted:دير-جمال"
    }  # fmt: skip
    assert claims(shipped, "تقدمت قوات النظام في محيط مدينة حماة وسط اشتباكات عنيفة.") == {}
    # the subject between the verb and its object, which a noun for towns opens past it
    # (al-Alam, a town of Salahuddin the gazetteer knows, binds as itself: the plural for towns in front of the
    # list and Iraq named locate it)
    body = "وفي العراق استعادت فرقة المشاة الخامسة عدة قرى منها الزوردة والعلم وخفاجة وحليب العليا."
    assert set(claims(shipped, body)) == {
        "unlisted:الزورده",
        "al-alam",
        "unlisted:خفاجه",
        "unlisted:حليب-العليا",
    }
    # a list goes on past where its first town lies when a noun for towns opens it again, past the window
    body = (
        "وقالت الوزارة إنه استولت القوات الروسية الخاصة على بلدة زوردكيفكا في دونيتسك وبلدة شويلوفكا في مقاطعة خاركيف."
    )
    assert set(claims(shipped, body)) == {"unlisted:زوردكيفكا", "unlisted:شويلوفكا"}
    # but not past a place that names no more towns of the list
    body = "وقالت الوزارة إنه استولت القوات الروسية الخاصة على بلدة زوردكيفكا في دونيتسك وخاركيف، ثم قصفت شويلوفكا."
    assert set(claims(shipped, body)) == {"unlisted:زوردكيفكا"}
    # the occupation a town is freed from stands between the verb and its object
    body = (
        "وقال الرئيس إن الجيش حرر من الاحتلال قرى زوردكيفكا وشويلوفكا وأرفيلكا وكنيطروفكا وزاغوفيلي ودورفالكا "
        "وتاكرانكا في منطقة دونيتسك."
    )
    assert {"unlisted:دورفالكا", "unlisted:تاكرانكا"} <= set(claims(shipped, body))
    # a known name inside a longer town's name is no mention of the known place
    body = "The Azerbaijani army captured the villages of Zarovka, Uchungu Mahmudlu, Mellinka and Takrana in Karabakh."
    assert set(claims(shipped, body)) == {
        "unlisted:zarovka", "unlisted:uchungu-mahmudlu", "unlisted:mellinka", "unlisted:takrana"
    }  # fmt: skip
    # «دخل» takes its object past a long subject
    body = 'دخل مسلحو حركة "إم 23"، المدعومة من رواندا منذ سنوات، مدينة بوكافو يوم الجمعة.'
    assert claims(shipped, body) == {"bukavu": "m23"}
    # counted, then named: a city whose fronts locate the towns is none of them
    body = "وقال القيادي إن الفصائل سيطرت على 12 قرية جديدة بمحاور حماة، أهمها زوردلا ودورفالكا وكيميرا."
    assert set(claims(shipped, body)) == {"unlisted:زوردلا", "unlisted:دورفالكا", "unlisted:كيميرا"}
    # a village named after «ب» is the object, not villages that «ب» locates («قرى بريف حلب»)
    body = "وتمكنت قطعات الجيش من تحرير قرى باخيرة والحراقيات قرب الموصل."
    assert set(claims(shipped, body)) == {"unlisted:باخيره", "unlisted:الحراقيات"}
    # a description of the towns that goes on to list them is news of each
    body = "The army advanced in Fuzuli district. The liberated villages are Zarovka, Dorvalka and Takrana."
    assert set(claims(shipped, body)) == {"unlisted:zarovka", "unlisted:dorvalka", "unlisted:takrana"}
    assert claims(shipped, "The liberated villages near Fuzuli were shelled again.") == {}
    body = "The liberated villages are Zarovka (in Fuzuli), Dorvalka, Mellinka (in Jabrayil), Takrana and Vorsk."
    assert set(claims(shipped, body)) == {
        "unlisted:zarovka", "unlisted:dorvalka", "unlisted:mellinka", "unlisted:takrana", "unlisted:vorsk"
    }  # fmt: skip
    # villages counted in the places that only say where they lie
    assert claims(shipped, "The army liberated 17 villages in Fuzuli, Jabrayil and Zangilan districts.") == {}
    # two nouns for towns lead to the object; a province in front of them only says where the towns lie
    body = (
        "The army reestablished control over the villages and towns of Zarovka, Ma'ar Dorvalka and Takrana near Hama."
    )
    assert set(claims(shipped, body)) == {"unlisted:zarovka", "unlisted:maar-dorvalka", "unlisted:takrana"}
    body = "Ukrainian forces withdrew from the Donetsk villages of Zarovka and Dorvalka on Friday."
    assert set(claims(shipped, body)) == {"unlisted:zarovka", "unlisted:dorvalka"}
    body = "Russian forces captured the Donetsk town of Zarovka on Friday."
    assert set(claims(shipped, body)) == {"unlisted:zarovka"}
    # names in front of their noun are the towns, the district after its name link only locates them
    body = "The army has liberated Zarovka, Dorvalka and Mellinka villages of Takrana district, Aliyev said."
    assert set(claims(shipped, body)) == {"unlisted:zarovka", "unlisted:dorvalka", "unlisted:mellinka"}
    # a place named past the list, in another part of the sentence, is no object of the action
    body = (
        "A day after seizing control of Tiji and Badr, the forces were left holding out in Tarhuna and "
        "in Mizda, their last footholds in the west of Libya."
    )
    assert "mizdah" not in claims(shipped, body)


def test_transliterated_names_a_known_place_locates_need_no_noun(shipped: CompiledRules) -> None:
    body = "وسيطرت القوات الروسية على زوردكيفسك ونوفوزاريفكا في منطقة دونيتسك."
    assert set(claims(shipped, body)) == {"unlisted:زوردكيفسك", "unlisted:نوفوزاريفكا"}
    # a city named as the capital of a known province
    body = "وقال مصدر إن الحركة سيطرت على زوردكاه عاصمة ولاية هلمند بعد معارك."
    assert set(claims(shipped, body)) == {"unlisted:زوردكاه"}
    # with nothing that locates them, or as words, they are none
    assert "unlisted:زوردكيفسك" not in claims(shipped, "وسيطرت القوات الروسية على زوردكيفسك أمس، بحسب دونيتسك.")
    assert claims(shipped, "وسيطرت القوات الروسية على الطريق في منطقة دونيتسك.") == {}


def test_a_transliterated_latin_name_a_known_place_locates_is_a_town(shipped: CompiledRules) -> None:
    body = "The TNLA took full control of Zorvankyi in Kyaukme Township amid ongoing strikes."
    assert claims(shipped, body) == {"unlisted:zorvankyi": "tnla"}
    assert set(claims(shipped, "Ukrainian forces withdrew from Zavodyk near Izium on Friday.")) == {"unlisted:zavodyk"}
    # a common word is none, and with no place that locates it neither is a rare one
    assert claims(shipped, "The TNLA took full control of Hope in Kyaukme Township.") == {}
    assert claims(shipped, "The TNLA took full control of Zorvankyi on Monday, officials said.") == {}


def test_a_province_or_a_country_named_is_enough_for_an_unlisted_town(shipped: CompiledRules) -> None:
    # no town the rules know: only a province in Arabic (its Arabic name is the pack's) or a country
    assert claims(shipped, "سيطرت القوات المسلحة على قرية أم زوردة بولاية شمال كردفان.") == {"unlisted:ام-زورده": "saf"}
    body = "The Malian army recaptured the village of Dounzara in Mali on Friday."
    assert claims(shipped, body) == {"unlisted:dounzara": "malian-army"}


def test_a_country_whose_name_needs_context_still_locates_a_town(shipped: CompiledRules) -> None:
    # "Lebanon" and "Ukraine" bind no town (places elsewhere bear the names), but they name the countries
    body = "Israeli troops withdrew from Markaba in southern Lebanon on Sunday."
    assert claims(shipped, body) == {"unlisted:markaba": None}
    body = "Russian forces captured Dovhenke Druhe in eastern Ukraine."
    assert claims(shipped, body) == {"unlisted:dovhenke-druhe": "russian-forces"}


def test_an_unlisted_town_needs_an_article_about_a_place_the_rules_know(shipped: CompiledRules) -> None:
    # a council election in a town of a country no rule watches names no place the rules know
    assert claims(shipped, "The Greens took control of the town of Wexcombe in May.") == {}
    assert claims(shipped, "Fighters stormed the town of Wexcombe near Kharkiv.") == {"unlisted:wexcombe": None}


def test_one_town_spelled_two_ways_in_an_article_is_one_town(shipped: CompiledRules) -> None:
    body = (
        "Russian troops captured the village of Maiorsk in the Donetsk region. "
        '"The village of Mayorsk was liberated," the ministry said.'
    )
    assert set(claims(shipped, body)) == {"unlisted:maiorsk"}
    # and a known town spelled another way than its names is that town
    body = (
        "The army on Thursday recaptured Umm Ruwaba in North Kordofan. "
        "A spokesman said troops had cleansed the city of Umm Rawaba of the militia."
    )
    assert set(claims(shipped, body)) == {"umm-ruwaba"}
    # a short name too: «درنا» is «درنة»
    body = "وقالت القوات إنها سيطرت على مدينة درنا بالكامل. وأعلن القائد تحرير مدينة درنة من الجماعات المسلحة."
    assert set(claims(shipped, body)) == {"darnah"}
    # a name written once in two words and once in one
    body = (
        "وقال مصدر إن الاشتباكات استمرت في سوريا. وسيطرت القوات على بلدة كفر زوردة. وقال مصدر إن القوات دخلت بلدة"
        " كفرزوردة بعد انسحاب المسلحين."
    )
    assert set(claims(shipped, body)) == {"unlisted:كفر-زورده"}


def test_the_countryside_that_locates_listed_villages_keeps_them_the_object(shipped: CompiledRules) -> None:
    body = "SANA said the towns of Latamina, Kafar Zita and al-Lahaya in the northern Hama countryside were captured."
    # (Latamina is Lataminah, written by hand, with its -ah written -a)
    assert set(claims(shipped, body)) == {"latamneh", "unlisted:kafar-zita", "unlisted:al-lahaya"}
    body = "سيطرت وحدات من الجيش على قرى تقسيس والجومقلية والزغبة في ريف حماة الجنوبي الشرقي."
    assert set(claims(shipped, body)) == {"unlisted:تقسيس", "unlisted:الجومقليه", "unlisted:الزغبه"}
    # also written with the city's possessive, in front of the change
    body = (
        "The agency said the villages of Tarvana, Kafr Selim and al-Hurra in Hama's western countryside are now under "
        "the army's control."
    )
    assert set(claims(shipped, body)) == {"unlisted:tarvana", "unlisted:kafr-selim", "unlisted:al-hurra"}
    # the countryside alone is no town: the city it is named after is not the object
    assert claims(shipped, "Rebels captured several villages in the Aleppo countryside.") == {}
    assert claims(shipped, "Rebels took control of parts of Aleppo's western countryside.") == {}
    assert claims(shipped, "سيطرت الفصائل على قرى في ريف حلب الغربي.") == {}


def test_a_city_name_that_is_a_rare_word_is_read_after_a_noun_for_cities_not_after_one_for_areas(
    shipped: CompiledRules,
) -> None:
    # «شقرة» is also a word (Zipf 2.65), rarer than the adjectives that describe a city («ساحلي», «حدودية»)
    body = "وقال مسؤول محلي إن الجيش دخل مدينة شقرة في محافظة أبين اليمنية."
    assert claims(shipped, body) == {"unlisted:شقره": None}
    assert claims(shipped, "سيطرت القوات على مدينة ساحلية في محافظة أبين اليمنية.") == {}
    # after «منطقة» the same word is a zone's name: «منطقة اللاعودة», the point of no return
    assert claims(shipped, "وقال الوزير إن الجيش دخل منطقة اللاعودة في محافظة أبين اليمنية.") == {}


def test_a_name_a_joining_word_opens_is_a_town_right_after_the_object_marker(shipped: CompiledRules) -> None:
    body = "قوات الدعم السريع تعلن السيطرة على أم كريدم وتصد هجوما على مواقعها في السودان."
    assert claims(shipped, body) == {"unlisted:ام-كريدم": "rsf"}
    # a man's kunya is no town: its second word is a common name
    assert claims(shipped, "سيطر الجيش على مواقع في السودان بعد القبض على أبو بكر.") == {}


def test_a_known_town_written_with_an_article_its_names_lack_is_that_town(shipped: CompiledRules) -> None:
    body = "سيطرت قوات الوفاق على مدينة الغريان جنوب العاصمة طرابلس. وقال المتحدث إن قوات حفتر انسحبت من غريان."
    assert set(claims(shipped, body)) == {"gharyan"}


def test_names_listed_past_a_comma_after_a_plural_noun_for_towns(shipped: CompiledRules) -> None:
    body = "Officials said the army had retaken a chain of small towns, Dobrynka and Marenivske, near Pokrovsk."
    assert set(claims(shipped, body)) == {"unlisted:dobrynka", "unlisted:marenivske"}
    # one capitalised word past the comma is the sentence going on
    assert claims(shipped, "Russian forces captured two villages, Kyiv said on Monday.") == {}


def test_a_word_that_opens_place_names_makes_a_name_of_a_common_word_after_it() -> None:
    # "Sultan" is a common English word, and a place's name of its own: with "Tal" or "Kafr" it is a village
    text = "Troops took the villages of Tal Sultan, Kafr Sultan and Zarovka in the north."
    words = WordStream.of(text)
    known = {index for index in range(words.word_count) if words.word(index) == "sultan"}
    assert names(text, known) == ["Tal Sultan", "Kafr Sultan", "Zarovka"]


def test_a_listed_name_like_a_phrase_is_left_out_and_the_list_goes_on() -> None:
    # and the article of each word does not count towards a name's words
    text = "Fighters freed nine villages which are: Nus Tell, Rajm Dorvala, Umm Jarn al-Mellin and al-Zarqa al-Fawqa."
    assert names(text) == ["Rajm Dorvala", "Umm Jarn al-Mellin", "al-Zarqa al-Fawqa"]


def test_towns_an_inclusion_names_after_counted_towns_are_the_object(shipped: CompiledRules) -> None:
    body = (
        "Government troops captured 14 villages in Hama province over the week, including Tal Dorvala, "
        "Zarovka and Umm Mellin."
    )
    assert set(claims(shipped, body)) == {"unlisted:tal-dorvala", "unlisted:zarovka", "unlisted:umm-mellin"}
    # a count with no inclusion after it stays the object: the province only locates the villages
    assert claims(shipped, "Government troops captured 14 villages in Hama province over the week.") == {}


def test_imposing_control_of_towns_is_taking_them(shipped: CompiledRules) -> None:
    body = "Turkish-backed forces imposed control of the villages of Zarovka and Dorvalka east of Tell Abyad."
    assert set(claims(shipped, body)) == {"unlisted:zarovka", "unlisted:dorvalka"}


def test_a_facility_in_a_list_of_villages_is_passed_over_and_the_list_goes_on(shipped: CompiledRules) -> None:
    body = "حررت وحدات الجيش قرى زوردلا وتاكرانكا وجمعية الكهرباء الثانية وكيميرا شمال غرب مدينة حلب."
    assert set(claims(shipped, body)) == {"unlisted:زوردلا", "unlisted:تاكرانكا", "unlisted:كيميرا"}
    # a housing association's noun before a name is the village named after it
    body = "حررت وحدات الجيش قرى زوردلا وجمعية المعري وجمعية أبو كيميرا وتاكرانكا شمال غرب مدينة حلب."
    assert set(claims(shipped, body)) == {
        "unlisted:زوردلا",
        "unlisted:جمعيه-المعري",
        "unlisted:جمعيه-ابو-كيميرا",
        "unlisted:تاكرانكا",
    }


def test_a_list_in_parentheses_goes_on_past_them_only_after_a_comma(shipped: CompiledRules) -> None:
    body = "وسيطر الجيش الوطني على قرى (زوردلا، وتاكرانكا) بالإضافة إلى بلدة كيميرا في ريف الحسكة."
    assert set(claims(shipped, body)) == {"unlisted:زوردلا", "unlisted:تاكرانكا", "unlisted:كيميرا"}


def test_a_village_named_for_a_palace_is_no_palace_taken(shipped: CompiledRules) -> None:
    assert set(claims(shipped, "بسطت القوات سيطرتها على قرية قصر الحير في ريف حمص الشرقي.")) == {"unlisted:قصر-الحير"}


def test_what_falls_on_a_town_is_no_fall_of_it(shipped: CompiledRules) -> None:
    assert claims(shipped, "Shells fell on the village of Sargazan near Kharkiv.") == {}


def test_skeletons_agree_across_transliterations() -> None:
    assert latin_skeleton("Maiorsk") == latin_skeleton("Mayorsk")
    assert latin_skeleton("Zahirne") == latin_skeleton("Zagornoye")
    assert latin_skeleton("Maiorsk") != latin_skeleton("Marinka")
    assert arabic_skeleton("حوير العيس") == arabic_skeleton("هوير الايس")
    assert arabic_skeleton("برنة") == arabic_skeleton("برنا")
    # the article and the letters Arabic names are spelled with in one transliteration and not the other
    assert latin_skeleton("Al-Dhale") == latin_skeleton("Ad Dali")
    assert latin_skeleton("Bosra al-Sham") == latin_skeleton("Busra ash-Sham")
    assert latin_skeleton("Deir ez-Zor") == latin_skeleton("Deir al-Zour")
    assert latin_skeleton("Tal Afar") != latin_skeleton("Afar")


def _labelled(item: str, body: str, *places: str, actor: str | None = None) -> str:
    """A line of a labelled set: an article with no title that reports the change of ``places``."""
    labels = [{"rule": RULE, "place": place, **({"actor": actor} if actor else {})} for place in places]
    return json.dumps({"id": item, "title": "", "body": body, "labels": labels}, ensure_ascii=False)


def test_labels_name_unlisted_towns_in_either_script(shipped: CompiledRules) -> None:
    lines = [
        _labelled(
            "a",
            "Russian forces captured the village of Maiorsk in the Donetsk region.",
            "mayorsk",
            actor="russian-forces",
        ),
        _labelled("b", "استعادت قوات الدعم السريع السيطرة على قريتي زيتان وبرنة في شمال كردفان.", "zeitan", "barna"),
        # a name of two words written as one, and G written as ك
        _labelled("c", "سيطر المتمردون على قرية أبوكمرة في شمال كردفان.", "abu-gamra"),
        # a short name, and G written as ق (Azerbaijani names)
        _labelled("d", "حرر الجيش قرى زوغ وايشيقلي وسوسانليق في إقليم قره باغ.", "zugh", "ishigli", "susanlig"),
        # labelled as the article spells them, though a town elsewhere that the rules know bears the name
        _labelled("e", "سيطر الحوثيون على قريتي الروضة والخوير في محافظة مأرب.", "الروضة", "الخوير"),
    ]
    result = evaluate_dataset(shipped, read_dataset(lines), rules=[RULE])
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (9, 0, 0)


def test_labels_name_known_places_as_the_labeller_transliterated_them(shipped: CompiledRules) -> None:
    # spellings none of the places' aliases has: an article, "dh" for «ض», a hamza written out
    stormed = "اقتحم مسلحون حوثيون مدينة رداع وسيطروا عليها."
    lines = [
        _labelled("a", "أحكمت القوات الموالية للحكومة سيطرتها على مدينة الضالع جنوبي اليمن.", "Al-Dhale"),
        _labelled("b", stormed, "Rada'a"),
        # a label that names no place of the article stays a miss, and the alert a false alarm
        _labelled("c", stormed, "Radom"),
    ]
    result = evaluate_dataset(shipped, read_dataset(lines), rules=[RULE])
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (2, 1, 1)


def test_an_unlisted_town_is_shown_by_its_name() -> None:
    assert display_name("unlisted:staraya-sorochina") == "Staraya Sorochina"
    assert display_name("unlisted:حوير-العيس") == "حوير العيس"
    assert display_name("homs") == "homs"


def test_an_unlisted_town_is_in_the_one_country_its_article_names(shipped: CompiledRules) -> None:
    # "the army" of a story set in Mali is Mali's, not the Syrian army the unqualified word names elsewhere
    body = (
        "BAMAKO — The Malian army retook Konna on Friday. The army also recaptured the village of Dounzara near Mopti."
    )
    assert claims(shipped, body)["unlisted:dounzara"] == "malian-army"


# Words that open, make and close names, mixed with noise: what the reader meets in scraped text.
_PIECES = st.sampled_from(
    ["village", "villages", "of", "and", ",", "the", "Maiorsk", "al-Nuba", "BAMAKO", "Border", "-", "«", "»", '"', "“",
     "قرية", "قرى", "بلدة", "على", "منطقة", "وتل", "التباريز", "صغيرة", "و", "زيتان", "ـ", "\n", ".", "؟", "تل",
     "a", "town", "near", "Tabsa", "Gardoud", "قريتي", "منها", "المحيطة", "وغيرها", "طويل", "الشيخ", "وشوحة", "جنوب"]
)  # fmt: skip


@FUZZ
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=30))
def test_any_text_reads_without_error_and_names_lie_in_it(pieces: list[str]) -> None:
    words = WordStream.of(" ".join(pieces))
    for town in unlisted_towns(words, LANGUAGES, set()):
        assert 0 <= town.first <= town.last < words.word_count
        assert town.name.strip() and town.entity_id.startswith("unlisted:")


@FUZZ
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40))
def test_each_sentence_read_alone_names_the_towns_the_whole_text_names_there(pieces: list[str]) -> None:
    # what lets the matcher read only the sentences around an action's words for towns
    words = WordStream.of(" ".join(pieces))
    whole = {(town.first, town.last, town.name) for town in unlisted_towns(words, LANGUAGES, set())}
    by_sentence = set()
    for sentence in range(len(words.sentence_starts) + 1):
        for town in unlisted_towns(words, LANGUAGES, set(), [sentence]):
            assert words.sentence_of(town.first) == sentence
            by_sentence.add((town.first, town.last, town.name))
    assert by_sentence == whole


def test_a_list_ends_with_its_sentence() -> None:
    # the capitalised words after a full stop open a sentence, they are no last name of the list before it
    text = "He stood in St Dunstan's and Stepney Green ward, Tower Hamlets. Mr Kowalczyk said that in"
    assert "Mr Kowalczyk" not in names(text)


def _near_leaves(node: Node) -> list[Leaf | RegexLeaf]:
    if isinstance(node, Branch):
        return [leaf for child in node.children for leaf in _near_leaves(child)]
    return [node] if node.scope.near is not None else []


@pytest.mark.parametrize(
    "title, body",
    [
        # the town is named sentences before the action, which refers back to it ("the village")
        (
            "Donetsk region fighting",
            "Fighting went on for weeks around the village of Maiorsk. Civilians fled west. Shops stayed shut. "
            "On Tuesday Russian troops said they had captured the village.",
        ),
        ("", "Russian troops captured the village of Maiorsk in the Donetsk region on Tuesday."),
        ("", "The army said it had retaken Ptyche, southeast of Pokrovsk, after a week of fighting."),
        ("", "سيطرت قوات الدعم السريع على قرية أم دكيكة شمال الفاشر. وقال سكان إن المعارك استمرت."),
        ("", "The council took control of the budget in Stepney, Whitechapel and Spitalfields, London."),
    ],
)
def test_a_name_near_an_action_is_found_reading_only_the_sentences_around_it(
    shipped: CompiledRules, title: str, body: str
) -> None:
    article = Article.create(title=title, body=body)
    for item in shipped.rules:
        for leaf in _near_leaves(item.condition):
            assert leaf.scope.near is not None
            lazy, whole = Scan(shipped, article), Scan(shipped, article)
            whole.unlisted_towns()
            if isinstance(leaf, RegexLeaf):
                hits = [o for name in ("title", "body") for o in lazy.regex_occurrences(leaf, name)]
            else:
                hits = [o for t in lazy.found_among(leaf.terms) for o in lazy.occurrences(t)]
            scope = leaf.scope
            assert lazy.name_near(hits, scope.near, scope.window, scope.sentences) == whole.name_near(
                hits, scope.near, scope.window, scope.sentences
            ), (item.rule.id, leaf)


def test_towns_a_counted_noun_announces_are_the_object(shipped: CompiledRules) -> None:
    # "three villages" alone describes villages apart from any town named near them; a colon or a dash after
    # it announces which villages they are
    assert claims(shipped, "Ukrainian forces captured three villages near Zorbakhivka in Donetsk.") == {}
    body = "Ukrainian forces captured three villages in Donetsk: Zarovka, Dorvalka and Takranivka."
    assert set(claims(shipped, body)) == {"unlisted:zarovka", "unlisted:dorvalka", "unlisted:takranivka"}
    # the place "beyond" or "near" that says where the villages lie is not one of them
    body = "On Sunday, Kyiv said it had captured two villages beyond Kramatorsk -- Neskuchne and Makarivka."
    assert set(claims(shipped, body)) == {"neskuchne", "makarivka-ua-14"}
    # so does a comma before a list of names, where no list would leave the count apart from any town
    body = "In Syria, the army captured two more villages, Tell Zurdala and Kemira, near Hama on Sunday."
    assert set(claims(shipped, body)) == {"unlisted:tell-zurdala", "unlisted:kemira"}
    assert claims(shipped, "In Ukraine, Russian forces captured several villages, Kyiv and Moscow said.") == {}


def test_towns_counted_then_named_are_the_object(shipped: CompiledRules) -> None:
    body = "وأعلنت الفصائل أنها سيطرت على 17 قرية وبلدة غربي حلب، ومن بينها زوردلا وتاكرانكا وكيميرا الجبل."
    assert set(claims(shipped, body)) == {"unlisted:زوردلا", "unlisted:تاكرانكا", "unlisted:كيميرا-الجبل"}
    # and known names count among the three an announcing word needs
    body = "وبسطت الفصائل سيطرتها على قرى في ريف حماة. وشملت تلك المواقع حلفايا، وكرناز، وزوردلا."
    assert set(claims(shipped, body)) == {"halfaya", "kurnaz", "unlisted:زوردلا"}


def test_a_province_said_to_hold_a_town_tells_which_namesake_it_is_or_that_none_is(shipped: CompiledRules) -> None:
    # GeoNames knows villages named Vysoke in the Kherson, Zhytomyr and Cherkasy regions, none in Kharkiv or Sumy
    assert set(claims(shipped, "Russian forces captured Vysoke in the Kherson region.")) == {"vysoke"}
    assert set(claims(shipped, "Russian forces captured Vysoke in the Kharkiv region.")) == {"unlisted:vysoke"}
    body = "قالت الوزارة إن القوات الروسية سيطرت على قرية فيسوكي في منطقة سومي."
    assert set(claims(shipped, body)) == {"unlisted:فيسوكي"}


def test_a_list_goes_on_past_where_its_towns_lie_told_in_steps(shipped: CompiledRules) -> None:
    body = "قالت الوزارة إن القوات سيطرت على قرية زوردكا في منطقة دونيتسك بشرق أوكرانيا، وقرية دورفكا في منطقة سومي."
    assert set(claims(shipped, body)) == {"unlisted:زوردكا", "unlisted:دورفكا"}
    body = (
        "Russian forces captured the village of Zorvka in the Donetsk region of eastern Ukraine, "
        "and the village of Dorvka in the Sumy region."
    )
    assert set(claims(shipped, body)) == {"unlisted:zorvka", "unlisted:dorvka"}
    # or where it lies by a bearing
    body = (
        "وقال مصدر إن الاشتباكات استمرت في سوريا. وأعلنت الفصائل سيطرتها على قرى زوردكا وكيميرا وتاكرانكا وزوربا"
        " شرقي إدلب، وبلدة دورفكا جنوب شرقي إدلب."
    )
    assert "unlisted:دورفكا" in set(claims(shipped, body))
    # a second action in between takes the list's place: what follows it is its object
    body = "Russian forces captured the village of Zorvka in the Donetsk region, and shelled the village of Dorvka."
    assert set(claims(shipped, body)) == {"unlisted:zorvka"}


def test_towns_counted_in_one_sentence_and_listed_in_the_next_are_the_object(shipped: CompiledRules) -> None:
    body = (
        "Nigerian troops recaptured four more towns in Borno State on Friday. "
        "The towns include Zarovka, Dorvalka and Takranivka in Askira and Damboa local government areas."
    )
    assert set(claims(shipped, body)) == {"unlisted:zarovka", "unlisted:dorvalka", "unlisted:takranivka"}
    # towns listed with no change counted before them are none of its towns
    body = "Nigerian troops recaptured Damboa in Borno on Friday. The towns include Zarovka, Dorvalka and Takranivka."
    assert set(claims(shipped, body)) == {"damboa"}
    # or counted and listed in one sentence, the list opened further on
    body = (
        "Opposition forces captured dozens of villages from government troops in Aleppo province, including the "
        "villages of Zarovka, Dorvalka and Takranivka, as well as a military base."
    )
    assert set(claims(shipped, body)) == {"unlisted:zarovka", "unlisted:dorvalka", "unlisted:takranivka"}


def test_a_statements_list_of_lists_is_the_object_throughout(shipped: CompiledRules) -> None:
    # rare words after a known name are the rest of a longer one, and a list goes on past where its towns lie
    # when a noun for towns opens it again, though the words between were not read as places
    body = (
        "وقال الرئيس إن الجيش الأذربيجاني حرر من الاحتلال قرى قوبو زوردلاجا ويال بير زوردلي وسيد زوردلو بمحافظة "
        "كارابوفا، وقرى دميرجيزور وزوردكند وسيغزور بمحافظة خوجالي، وقرى سوسانزور ودوميزور وتوغزور بمحافظة "
        "خوجاوند، وقرى كجيكزور وجاناقزور بمحافظة زنقيلان."
    )
    found = claims(shipped, body)
    assert {"unlisted:يال-بير-زوردلي", "unlisted:سيد-زوردلو", "unlisted:دميرجيزور", "unlisted:جاناقزور"} <= set(found)
    # names in front of their noun, list after list, each with the district it lies in
    body = (
        "The president said the army had liberated Zarovka, Dorvalka villages of Fuzuli district, Takranka, "
        "Vorsk villages of Jabrayil district, and Kemerka, Tagasa villages of Zangilan district."
    )
    assert {"unlisted:takranka", "unlisted:vorsk", "unlisted:kemerka", "unlisted:tagasa"} <= set(claims(shipped, body))
    body = (
        "Azerbaijan's army has liberated Zarovka, Dorvalka, Mellinka villages of Fuzuli district, and Takranka, "
        "Vorsk, Bulutana, Kemerka and Tagasa villages of Khojavend district."
    )
    assert {"unlisted:kemerka", "unlisted:tagasa"} <= set(claims(shipped, body))
    # the action's party took each town of its list, however far down
    assert found["unlisted:جاناقزور"] == "azerbaijani-forces"


def test_a_list_a_sentence_ends_is_read_whatever_opens_the_next() -> None:
    # the capitalised first word of the next sentence is no second word of the list's last name
    text = "The villages taken were Zarovka, Dorvalka and Takranivka. It was the third advance this week."
    assert names(text) == ["Zarovka", "Dorvalka", "Takranivka"]


def test_a_list_in_the_clause_of_its_action_is_about_it_however_far_it_reaches(shipped: CompiledRules) -> None:
    # the subject list in front of a passive action: its first names are far from the verb
    body = (
        "The president said Zarovka, Dorvalka, Mellinka, Takranka, Vorsk, Bulutana, Kemerka, Tagasa and "
        "Zorbinka villages of Fuzuli district have been liberated by the army."
    )
    assert {"unlisted:zarovka", "unlisted:dorvalka", "unlisted:zorbinka"} <= set(claims(shipped, body))
    # a description of the towns that the verb names and a copula lists
    body = (
        "Azerbaijan announced new gains in Fuzuli district. The villages cleared and liberated by the army "
        "on Sunday are Zarovka, Dorvalka, Mellinka, Takranka, Vorsk, Bulutana, Kemerka and Tagasa."
    )
    assert {"unlisted:zarovka", "unlisted:kemerka", "unlisted:tagasa"} <= set(claims(shipped, body))
    # a list in another clause in front of the action is none of its objects
    body = (
        "Only Zarovka, Dorvalka, Mellinka and Takranka stayed firmly in government hands in Fuzuli district, "
        "with the surrender of soldiers in Vorsk."
    )
    assert not {"unlisted:zarovka", "unlisted:dorvalka"} & set(claims(shipped, body))


def test_every_town_of_a_list_is_won_by_the_party_next_to_its_action(shipped: CompiledRules) -> None:
    body = (
        "وأعلنت الفصائل المسلحة أمس السيطرة على قرى أبرزها: زوردلا، ودورفالكا، وتاكرانكا، وكيميرا، وفورسكا، "
        "وبولوتانا، وتاغاسا، وزوربينكا، وميلينكا، وأرفيلكا، وكنيطروفكا، وزاغوفيلا، ودميرجيزا، وسيغزورا، "
        "وكجيكزورا، وتوغزورا، ودوميزورا، وسوسانزورا، وشويلوفكا، في ريف حلب الغربي."
    )
    found = claims(shipped, body)
    assert found["unlisted:زوردلا"] == found["unlisted:شويلوفكا"] == "opposition"


def test_a_place_that_locates_a_list_is_not_listed_with_the_next_one(shipped: CompiledRules) -> None:
    body = (
        "وقال الرئيس إن الجيش حرر من الاحتلال قرى زوردلاجا وتاكرانا وسيد زوردلو وكيميرلي بمحافظة فضولي، وقرى "
        "دميرجيزور وزوردكند ومددزور وسيغزور بمحافظة خوجالي، وقرى سوسانزور ودوميزور وتوغزور وآكازور بمحافظة خوجاوند."
    )
    found = set(claims(shipped, body, title="أذربيجان تعلن تحرير قرى جديدة"))
    assert {"unlisted:زوردلاجا", "unlisted:سيغزور", "unlisted:اكازور"} <= found
    assert "khojaly" not in found


def test_the_source_that_closes_a_list_is_no_town_in_it() -> None:
    text = "The army recaptured several important towns, including Zarba, Kasagita, Zurka, and Zati, Sputnik reported."
    assert names(text) == ["Zarba", "Kasagita", "Zurka", "Zati"]


def test_a_quarter_named_in_english_is_the_place_not_its_city(shipped: CompiledRules) -> None:
    # "the neighbourhood of X in Y", "the X district of Y": the quarter changed hands, the city only owns it
    body = "Reports from Iraq say the militants seized the old neighbourhood of Tajnid in Jalawla."
    assert set(claims(shipped, body)) == {"unlisted:tajnid"}
    body = "Iraqi forces said on Sunday they had retaken the Zorbakh district of Fallujah from the militants."
    assert set(claims(shipped, body)) == {"unlisted:zorbakh"}
    body = "In Syria, Kurdish fighters took the Sheikh Zarovka neighbourhood in Manbij from the militants."
    assert set(claims(shipped, body)) == {"unlisted:sheikh-zarovka"}
    # the city's own quarters, unnamed, are no change of the city
    body = "In Syria, government troops captured the neighbourhoods of eastern Aleppo on Monday."
    assert claims(shipped, body) == {}
    body = "Reports say the militants now control Tajnid in Jalawla district."
    assert "unlisted:tajnid" in claims(shipped, body)


def test_a_word_in_construct_with_one_carrying_the_article_names_a_town() -> None:
    # «بصر الحرير», «نمر الوادي»: a word and its complement, both words of the language
    assert names("سيطر الجيش على بلدة نمر الوادي بعد معارك عنيفة.") == ["نمر الوادي"]
    assert names("استعاد الجيش السيطرة على بلدتي حزم الريح ومجدلون في الريف الشرقي.") == ["حزم الريح", "مجدلون"]
    # an adjective of relation describes the village, and what follows it is no name
    assert names("سيطر الجيش على قرية حدودية الأربعاء الماضي.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word with the article, common or not, as after «قرية»
        ("سيطرت القوات على حي الزهيرات في المدينة.", ["الزهيرات"]),
        # a list, one name a common word in construct with one carrying the article
        ("استعاد الجيش أحياء القطانة والسباعي وكرم النعناع في المدينة.", ["القطانة", "السباعي", "كرم النعناع"]),
        # the dual, a word that opens names taking the next
        ("انسحب المسلحون من حيي الشيخ جمعة والبوسطانة.", ["الشيخ جمعة", "البوسطانة"]),
        # a common word in construct with a rare one; a rare word alone
        ("دخلت القوات حي مساكن زرقون بعد معارك.", ["مساكن زرقون"]),
        ("سيطرت القوات على حي كرشوف بالكامل.", ["كرشوف"]),
        # a quarter among the areas a «مناطق» list of too few names leaves unread
        ("حررت القوات مناطق زورانيه والتكارين وحي المعامل شمال المدينة.", ["المعامل"]),
    ],
)
def test_a_noun_for_quarters_names_the_quarters_after_it(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "سيطرت القوات على حي سكني في المدينة.",
        "سيطرت القوات على الأحياء الشرقية من المدينة.",
        "وصلت القوات إلى أحياء المدينة الجنوبية.",
        # «إحياء» (reviving) folds as «أحياء» does; «حي» is also "live"
        "ودعت الجمعية إلى إحياء ذكرى المعركة في المدينة.",
        "نقلت القناة بثا حيا ثم بث حي لمجريات الجلسة.",
    ],
)
def test_words_after_a_noun_for_quarters_that_name_none(text: str) -> None:
    assert names(text) == []


def test_a_quarter_that_changes_hands_is_the_place_not_its_city(shipped: CompiledRules) -> None:
    body = "وقالت مصادر ميدانية إن القوات الحكومية استعادت السيطرة على حي مساكن زرقون في مدينة حلب بعد معارك."
    assert set(claims(shipped, body)) == {"unlisted:مساكن-زرقون"}
    # described as one of the city's quarters
    body = "وقالت مصادر ميدانية إن القوات الحكومية استعادت حي مساكن زرقون أكبر أحياء مدينة حلب الشرقية."
    assert set(claims(shipped, body)) == {"unlisted:مساكن-زرقون"}
    # a quarter the rules know is bound after its noun
    body = "وقالت مصادر ميدانية إن وحدات حماية الشعب انسحبت من حي الشيخ مقصود في مدينة حلب بعد اتفاق."
    assert set(claims(shipped, body)) == {"sheikh-maqsoud"}
    # a quarter no name follows, or one referred back to, is no change of the city
    body = "وقالت مصادر ميدانية إن الفصائل سيطرت على حي في مدينة حلب بعد معارك عنيفة."
    assert claims(shipped, body) == {}
    body = "وقالت مصادر ميدانية إن الفصائل بسطت سيطرتها على الحي بعد معارك عنيفة في مدينة حلب."
    assert claims(shipped, body) == {}


def test_a_rare_word_a_coordinator_adds_to_a_village_is_a_second_village(shipped: CompiledRules) -> None:
    body = "وشنت قوات الحكومة هجوما معاكسا استعادت خلاله قرية دحروجة ومعرشمشة، وأبعدت المسلحين عن مدينة حماة."
    assert set(claims(shipped, body)) == {"unlisted:دحروجه", "unlisted:معرشمشه"}
    # a noun with its pronoun is the village's surroundings, and a verb goes on with the sentence
    body = "وشنت قوات الحكومة هجوما معاكسا استعادت خلاله قرية دحروجة ومحيطها، وأبعدت المسلحين عن مدينة حماة."
    assert set(claims(shipped, body)) == {"unlisted:دحروجه"}
    body = "استعادت قوات الحكومة قرية دحروجة وقتلت عشرة مسلحين قرب مدينة حماة."
    assert set(claims(shipped, body)) == {"unlisted:دحروجه"}
