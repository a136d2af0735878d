"""The shipped rule packs: valid, their own examples pass, the real sample and the labelled set."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from streams.articles.model import Article
from streams.articles.readers import read_path
from streams.cli import main
from streams.errors import ArticleError
from streams.evaluation import evaluate_dataset, read_dataset
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.examples import run_examples
from streams.ruleset.loader import load_rules, load_rules_text
from streams.ruleset.matcher import match_article

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"

# Floors on the labelled development set; they only go up.
MIN_PRECISION = 1.0
MIN_RECALL = 1.0
# Of the changes found, how often the new controller is read right.
MIN_ACTOR_ACCURACY = 1.0


@pytest.fixture(scope="module")
def compiled() -> CompiledRules:
    return compile_rules(load_rules([ROOT / "rules"]))


def test_rules_check_and_examples_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", str(ROOT / "rules")]) == 0
    assert main(["rules", "test", str(ROOT / "rules")]) == 0
    assert "examples passed" in capsys.readouterr().out


def test_the_examples_of_the_rule_language_documentation_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", str(ROOT / "docs" / "examples")]) == 0
    assert main(["rules", "test", str(ROOT / "docs" / "examples")]) == 0
    assert "examples passed" in capsys.readouterr().out


def test_a_failing_example_says_which_source_and_language_it_was_read_as() -> None:
    compiled = compile_rules(
        load_rules_text(
            "rules:\n  - id: r\n    title: t\n    when: [clashes]\n    languages: [ar]\n"
            "    examples: {match: [{body: Clashes again., lang: en}]}\n"
        )
    )
    (result,) = run_examples(compiled)
    assert not result.passed
    assert "  read as: source (none), lang en" in result.explain().splitlines()


def test_sample_reports_homs_with_evidence(compiled: CompiledRules) -> None:
    main_article, _ = read_path(DATA / "saraya-homs-2024-12-07.txt")
    matches = [m for m in match_article(compiled, main_article) if m.rule == "city-control-change"]
    homs = [m for m in matches if m.bindings.get("place") == "homs"]
    assert homs, [m.bindings for m in matches]
    assert "damascus" not in {m.bindings.get("place") for m in matches}  # only approached
    evidence = {e.text for e in homs[0].evidence}
    assert "توغلت" in evidence or "انسحاب" in evidence
    for item in homs[0].evidence:
        text = main_article.title if item.field == "title" else main_article.body
        assert text[item.start : item.end] == item.text


def test_read_also_story_alone_is_no_control_change(compiled: CompiledRules) -> None:
    _, read_also = read_path(DATA / "saraya-homs-2024-12-07.txt")
    assert [m for m in match_article(compiled, read_also) if m.rule == "city-control-change"] == []


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # a time gone by, and what happened then, is background
        ("The fighting has gone on since January 2, when government troops overran Homs.", "2024-03-10", []),
        ("Residents have lived in fear since 2014, when Islamic State fighters seized Mosul.", "2016-10-20", []),
        # a few days ago is the news
        ("Aleppo was quiet on Tuesday since Sunday, when rebels captured Aleppo.", "2024-12-03", ["aleppo"]),
        ("The city has been calm since December 1, when rebels captured Aleppo.", "2024-12-03", ["aleppo"]),
        # a day named within the week the report sums up is its news; one further back, its background
        ("The regime said it retook Kidal on April 22 and urged residents to return.", "2025-04-28", ["kidal"]),
        ("The regime said it retook Kidal on April 12 and urged residents to return.", "2025-04-28", []),
        # and so in Arabic, where a "when" opens the clause of the change after the time
        ("وانهارت الخطة في مارس (آذار) الماضي، حيث سيطرت قوات المعارضة على مدينة إدلب.", "2015-07-21", []),
        ("وتعود القصة إلى عام 2014 عندما سيطر التنظيم على مدينة الموصل.", "2016-10-20", []),
        ("وقال القائد إن قواته سيطرت على مدينة إدلب حين انسحب الجيش منها صباح اليوم.", "2015-07-21", ["idlib"]),
    ],
)
def test_since_a_time_gone_by_when_is_background(
    compiled: CompiledRules, body: str, published: str, expected: list[str]
) -> None:
    article = Article.create(title="", body=body, published_at=datetime.fromisoformat(published).replace(tzinfo=UTC))
    found = [m.bindings["place"] for m in match_article(compiled, article) if m.rule == "city-control-change"]
    assert found == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a month gone by is background, also with a conjunction glued to «في»
        ("وتقدمت القوات الحكومية نحو المدينة. وفي مارس 2019، سيطرت جماعة الحوثي على مدينة عتق دون مقاومة.", []),
        # an operation begun is no change yet; done, it is the news
        ("القوات العراقية تبدأ تحرير مدينة هيت من قبضة التنظيم", []),
        ("أعلنت القيادة بدء اقتحام مدينة هيت من ثلاثة محاور", []),
        ("القوات العراقية تحرر مدينة هيت من قبضة التنظيم", ["hit"]),
        # a town a distance from another only says how far the other is
        (
            "The rebels seized Walikale on Wednesday, and its capture leaves them within 400km of Kisangani.",
            ["walikale"],
        ),
        # a camp left is no town left: the town only says where the camp is
        ("Peacekeepers completed their withdrawal from the camp at Tessalit on Sunday, the mission said.", []),
        ("The army said troops had withdrawn from Tessalit on Sunday.", ["tessalit"]),
        # an advantage gained is no handover
        ("After getting the upper hand over the rebels, Abiy moved to disarm the militias around Gondar.", []),
        ("Having gained the upper hand over the militias, the army paused outside Mosul.", []),
        # a resolve to take a town is no taking
        ("The army is marching on Gondar with great determination to drive out the militias, officials said.", []),
        ("Commanders said the brigade was determined to retake Gondar before the rains.", []),
        ("أعلن المجلس العسكري عزمه تحرير مدينة منبج من التنظيم", []),
        ("وقال القائد إن قواته ستواصل القتال إلى حين تحرير مدينة الفاشر", []),
        # a hold kept is no change; the town taken beside it is
        ("دخلت القوات مدينة سنجة، بينما احتفظ الجيش بالسيطرة على مدينة سنار شمالها.", ["singa"]),
        # the year a change happened in, with the article, puts it in the past
        ("وتقدمت القوات نحو حلب. وفي العام 2013 سيطرت الفصائل على مدينة أعزاز.", []),
        # areas of a town taken are not the town
        ("وواصلت القوات الخاصة السيطرة على المناطق الجنوبية في سوليدار.", []),
        # the ends of a road, the second a capital with its noun and a conjunction, only say where a town lies
        (
            "سيطرت القوات على مدينة أم روابة، وهي عقدة بين الأبيض والعاصمة الخرطوم، ما يجعل السيطرة عليها مهمة.",
            ["umm-ruwaba"],
        ),
        ("استعاد الجيش مدينة معرة النعمان الواقعة على اوتستراد حلب دمشق.", ["maarat-al-numan"]),
        # a capital that rejects a claim is the government; a river named after a city is no city
        ("Russia says key city of Bakhmut captured, Kyiv rejects claim", ["bakhmut"]),
        ("Moscow said it had withdrawn its troops across the Dnipro River without losses.", []),
        # positions, checkpoints and camps in or near a town are not the town
        ("The general said Ukrainian units had ousted Russian forces from several positions in Bakhmut.", []),
        (
            "The assault began in Djibo, where the fighters first took control of all the town's entry checkpoints "
            "before attacking the base.",
            [],
        ),
        ("The mission has just pulled out of two camps near Timbuktu, Ber and Goundam.", []),
        # what an advance aims at is still to come
        ("The general ordered his forces to begin an advance aimed at capturing the capital, Tripoli.", []),
        # a first name that is also a spelling of a city, before its surname and what its bearer says
        ('The rebels pulled out of Goma this week. "We can withdraw now," Amani Kabasha said.', ["goma"]),
        # accepted and nearly done are not done; where a town lies is no nearness to taking it
        ("Under the deal he accepted to pull back his forces out of Goma and Sake by Friday.", []),
        ("The insurgents also appeared to be close to taking control of Kandahar, diplomats said.", []),
        ("The rebels captured Sake on Tuesday, close to Goma.", ["sake"]),
        # a part of the city is what was taken: the verb and the noun of control both read their object
        ("استعادت القوات العراقية السيطرة على أكثر من ثلث الضفة الشرقية لمدينة الموصل.", []),
        # the party driven out, with what it is tied to and the town's adjectives between
        (
            "Islamist rebels drove the Malian army out of the strategic northern town of Konna on Thursday.",
            ["unlisted:konna"],
        ),
        ("The army had driven fighters linked to Al Qaeda out of Zinjibar and Jaar.", ["jaar", "zinjibar"]),
        ("On Sunday, Tigrayan rebels announced the conquest of Kombolcha in northern Ethiopia.", ["kombolcha"]),
        # a town added to a list by «إلى جانب» (besides), and the object after a long subject
        (
            "وتمكنت الفصائل من السيطرة على مدينتين هما درعا والسويداء، إلى جانب مدينة القصير.",
            ["daraa", "qusayr", "suwayda"],
        ),
        (
            "وسيطر التحالف الذي يضم فصائل عدة بينها جماعات إسلامية ومقاتلون محليون من أبناء المنطقة وآخرون قدموا من "
            "الشمال على بلدة أريحا مساء الخميس.",
            ["ariha"],
        ),
        # a capital that has not confirmed is the government; the last stages of a recapture are not its end
        ("Russia claims capture of Selydove, Kyiv hasn't confirmed", ["selydove"]),
        ("Syrian army in final stages of recapturing Aleppo, state media said.", []),
        # the troops between the verb and its particle
        ("Ukrainian commanders have pulled their troops out of Debaltseve in eastern Ukraine.", ["debaltseve"]),
        # a dateline with its agency is a sentence of its own
        (
            "Ukrainian forces pull out of eastern Debaltseve town, leaving the town in rebel hands. KIEV, Ukraine "
            "(AA) - Ukrainian forces were pulling out of the eastern Ukrainian town of Debaltseve on Wednesday, the "
            "president said, as thousands of soldiers left their positions in columns under fire from the "
            "separatists who had surrounded the town for weeks.",
            ["debaltseve"],
        ),
        # people taken, bombs that fell and a headquarters are not the town
        ("Residents of Baxdo displayed three captured militants in the town square.", []),
        ("Panic spread in Goma, where two bombs fell on Tuesday.", []),
        ("Iraqi forces took full control of Islamic State's Ramadi headquarters on Sunday.", []),
        ("بعد أشهر من المعارك نجحت الوحدات الكردية بطرد عناصر التنظيم من مدينة كوباني.", ["kobani"]),
        ("وطردت قوات الحكومة مسلحي الجماعة من بلدة زنجبار أمس.", ["zinjibar"]),
        ("قررت الحكومة طرد السفير من دمشق.", []),
        ("وقالت المقاومة إنها تمكنت من طرد المتمردين من كامل مديرية التواهي في عدن.", []),
        ("وقال المتحدث إن سيطرة القوات على مدينة سرت باتت وشيكة.", []),
        ("وقال القائد إن اجتماعا للأعيان سيناقش خطط تحرير مدينة أجدابيا من الجماعات المتطرفة.", []),
        ("ولم يعد أمام القوات العراقية سوى استعادة بلدة راوة المجاورة.", []),
        ("سيطر مسلحو التنظيم اليوم على محطتي إذاعة ومقر المجلس المحلي في مدينة سرت.", []),
        ("قوات خاصة تقتحم مصنعا يتحصن فيه جنود أوكرانيون في ماريوبول", []),
        ("وأجبرت القوات المسلحين على الانسحاب من عدة مناطق في بنغازي.", []),
        ('الحوثيون يسيطرون على مديرية "حريب" في مأرب', []),
        ("Moscow says its forces have established full control over the city of Lysychansk.", ["lysychansk"]),
        ("صد الثوار الهجوم الذي شنته القوات بغية استعادة السيطرة على مدينة الزاوية.", []),
        ("أعطى القائد إشارة دخول قواته إلى العاصمة طرابلس لتحريرها من قبضة المليشيات.", []),
        ("وأكد القائد حرصه على سلامة المدنيين في طرابلس، واستعادة دور طرابلس كعاصمة لكل الليبيين.", []),
        ("سيطرت قوات سوريا الديمقراطية الأحد على مطار الطبقة العسكري غرب الرقة.", []),
        ("وأعلن الجيش السيطرة على مطار الطبقة العسكري، وبلدة دبسي عفنان غرب الفرات.", ["unlisted:دبسي-عفنان"]),
        ("وقالت قوات الدعم السريع إن قواتها سيطرت على أحياء جديدة بالفاشر عاصمة ولاية شمال دارفور.", []),
        ("وقال القائد إن تكريت هي بوابة تحرير الموصل.", []),
        (
            "Iraqi troops on Thursday pushed the Islamic State group from Qayyarah, a town south of Mosul.",
            ["al-qayyarah"],
        ),
        ("Kurdish officials said the SDF didn't capture Raqqa city completely.", []),
        ("Taking Zlitan would boost the morale of the rebels after months of stalemate.", []),
        ("Homs has fallen. The city is in the hands of the rebels, a commander said.", ["homs"]),
        ("Kurdish fighters are close to regaining full control of the Syrian town of Kobani, a monitor said.", []),
        (
            "Federal troops retook Kobo in Ethiopia. The villages of Zarima, Dilb and surrounding areas were liberated.",
            ["kobo", "unlisted:dilb", "unlisted:zarima"],
        ),
        ("Rebels surrounding the town of Kobo in Ethiopia captured several positions.", []),
        ("وقال القائد إن الجيش سيواصل القتال حتى تحرير العاصمة طرابلس من الميليشيات.", []),
        ("The commander said his men would fight on until the liberation of Mosul from the militants.", []),
        ("وأمهل التنظيم فرع الجوازات في مدينة سرت حتى السبت بإخلاء المقر من كل الوثائق.", []),
        ("وقال مصدر إن مسلحي التنظيم بمدينة سرت سيطروا صباحا على محطتي (النور) و(الأمل) للإذاعة.", []),
        (
            "Sheberghan, the capital city of the Jawzjan province in Afghanistan, was captured by the Taliban.",
            ["shibirghan"],
        ),
        (
            "Sheberghan, the capital city of the Jawzjan province in Afghanistan has fallen, a lawmaker said.",
            ["shibirghan"],
        ),
        (
            "Kunduz, a city in Afghanistan that the army defended for weeks while fighters captured villages, is calm.",
            [],
        ),
        (
            "Russia said its forces captured Krasnohorivka in eastern Ukraine. The ministry said its units had taken "
            "the town and the villages of Zhovtneve and Sokil.",
            ["krasnohorivka", "sokil-ua", "zhovtneve-ua"],
        ),
        ("The militia said on Monday it had claimed control over several towns, including Bure in Ethiopia.", ["bure"]),
        ("Ukrainian troops are pushing towards Tokmak. Tokmak's capture would be a milestone for Kyiv.", []),
        ("Thousands have fled since the siege of El Fasher began, an ongoing battle for control of the city.", []),
        ("The brigade says it regained one square kilometre of land on Bakhmut's southern flank this week.", []),
        ("In all, 44 square kilometres have been liberated around Bakhmut since the spring, the ministry said.", []),
        ("Rebel fighters captured Aleppo's citadel and the city centre on Friday.", ["aleppo"]),
        (
            "Russia says it took Lyman. Separatists of the self-proclaimed Donetsk People's Republic said they had "
            "fully captured the town.",
            ["lyman-ua"],
        ),
        ("وتمكنت وحدات خاصة أمس من تحرير 250 مدني من أهالي بلدتي السوسة والباغوز قرب الحدود.", []),
        ("وأعلن الجيش تحرير 40 شخصا من بلدة السوسة كانوا محتجزين لدى التنظيم.", []),
        (
            "وأعلن الجيش السيطرة على مطار كويرس العسكري وعلى بلدة تل حاصل، إضافة إلى دير حافر في ريف حلب الشرقي.",
            ["dayr-hafir", "unlisted:تل-حاصل"],
        ),
        ("وجاء ذلك بعد يوم من سيطرة مسلحي المعارضة على حاجزين للجيش في القلمون بريف دمشق.", []),
        # a name that names another thing is no town "the town" refers back to
        (
            "Fighters took the town of Afgoye on Monday, Garowe Online reports. They stormed an army post and took "
            "control of the town after the soldiers fled.",
            ["afgooye"],
        ),
        (
            "Troops took control of the town of Kafr Nabudah in the northern Hama countryside, activists said. The "
            "army entered the town after local leaders agreed.",
            ["kafr-nabudah"],
        ),
        # a done thing as part of a wider effort; the effort itself is still no change
        ("وقالت مصادر إن المسلحين قاموا بالسيطرة على مدينة غاو ضمن سعيهم لإحكام قبضتهم على الشمال.", ["gao-ml"]),
        ("وتتقدم القوات ضمن سعيها للسيطرة على مدينة غاو.", []),
        ("Volunteers loaded the trucks in Kidal before driving out of the city on the northern road.", []),
        ("Rebels drove government troops out of Kidal on Sunday.", ["kidal"]),
        ("A rebel spokesman said the army will also take control of Kidal soon.", []),
        # a counted noun for towns is described, not named
        ("وأعلن الجيش أنه سيطر على بلدة مورك و12 قرية حموية.", ["murak"]),
        # a time a connector heads after the change is in its clause: months ago is background, an hour ago news
        ("وقال إنه غادر مدينة حمص حين دخلها المسلحون قبل شهرين، ولم يعد إليها.", []),
        ("وأكدت مصادر أن الجيش سيطر على مدينة حمص قبل نحو ساعة.", ["homs"]),
        ("وأكدت مصادر أن الجيش سيطر على مدينة حمص قبل أن تصل التعزيزات.", ["homs"]),
        # a shield handed over, a raid, a rank held: no town changes hands
        ("وفي ختام الحفل سلم رئيس البلدية درعا تذكاريا لضيف الحفل في مدينة درعا.", []),
        ("وقالت مصادر إن القوات الإسرائيلية دخلت قرية برقين جنوب غربي مدينة جنين وشنت حملة اعتقالات.", []),
        ("وقال شهود إن مسلحين اقتحموا منزل عائلته في مدينة حماة فجر اليوم.", []),
        ("واحتلت هذه القضية صدارة الملفات لدى الحكومة في بيروت.", []),
        ("وقالت المصادر إن الجيش دخل مدينة درعا وسيطر عليها بالكامل.", ["daraa"]),
        ("وطالب شيوخ العشائر الحكومة بوقف اقتحام الفلوجة والقصف الجوي مدة أسبوع.", []),
        ("وأعلن الجيش اقتحام الفلوجة والسيطرة عليها بالكامل.", ["al-fallujah"]),
        # police beside the army is a side of the war; police alone is a crime story
        ("The army and police took control of Homs after the militants fled.", ["homs"]),
        ("Police seized a truck and took control of the market in Homs.", []),
        (
            "Troops took control of the village of Jalawla following the withdrawal of both the army and police "
            "from the village.",
            ["jalawla"],
        ),
        # six days after an entry is its background; the day after is news
        ("وجاء الهجوم أي بعد ستة أيام على دخول قوات سوريا الديموقراطية مدينة الرقة بدعم من التحالف.", []),
        ("وجاء الهجوم بعد يوم من دخول قوات سوريا الديموقراطية مدينة الرقة.", ["raqqa"]),
        ("Activists said the militants seized Ein Issa on Monday.", ["ain-issa"]),
        # a fall said not to have happened; a side's declared control is its claim
        ("أكد مجلس المدينة عدم سقوط مدينة ماريوبول بيد القوات الروسية.", []),
        ("وأكدت الفصائل سقوط مدينة حماة بيد مقاتليها.", ["hama"]),
        ("The rebel army has declared control over the river town of Paletwa in Chin state.", ["paletwa"]),
        # a flag raised over some parts of a town is not the town's
        ("Witnesses said the militants hoisted their flag in some parts of Kidal on Friday.", []),
        ("Witnesses said the militants hoisted their flag over the town of Kidal on Friday.", ["kidal"]),
        # "the town" is not a place the text calls a capital
        (
            "The rebels seized Rubaya, northwest of its provincial capital Goma. Residents said the rebels had "
            "entered the town centre after a morning of fighting.",
            ["rubaya"],
        ),
        # towns that have come under a party's hand, with words between; not the positions around a town
        ("قال المتحدث الأممي إن بلدتي كيدال وميناكا أصبحتا الآن تحت سيطرة المتمردين.", ["kidal", "menaka"]),
        ("وأصبحت بلدة بني وليد منذ صباح اليوم الاثنين تحت سيطرة المسلحين.", ["bani-walid"]),
        ("وقال القائد إن عدن هادئة، وأصبحت جميع المواقع تحت سيطرة المقاومة.", []),
        # a time a comma sets off at the sentence's end still dates the change
        ("The insurgents lost control of a string of towns, among them Kidal, in recent years.", []),
        # drugs seized are no town seized
        ("The agency's unit that seized the cannabis and the Ondo office of the agency gave no figures.", []),
        # a second noun for towns joined to the object's list, its names after a comma
        (
            "The army recaptured Kidal and two nearby villages, Zarovka and Dorvalka, on Sunday.",
            ["kidal", "unlisted:dorvalka", "unlisted:zarovka"],
        ),
        # control given back; a town cleansed of a party
        ("The rebels were forced to return control of Kidal to the army under a truce.", ["kidal"]),
        ("Troops said they had cleansed the town of Kidal of the militants.", ["kidal"]),
        # a pluperfect of earlier the same day is news; a subject of six words between the noun and its object
        (
            "وكان الجيش قد أعلن في وقت سابق اليوم سيطرة وحدات من قوات مجموعة “الشرق” الروسية على بلدة كريمسكوي في دونيتسك.",
            ["krymskoye-ua"],
        ),
        ("وكانت القوات قد دخلت مدينة حلب بعد معارك عنيفة.", []),
        # an object marker coordinated again goes on with the object's list past where its first names lie
        (
            "وأعلن الجيش السيطرة على خانقين وجلولاء في ديالى، وعلى بعشيقة وسنجار في نينوى.",
            ["bashiqa", "jalawla", "khanaqin", "sinjar"],
        ),
        # a town whose Latin name is also a common English name, after a word for a town; not a person
        ("اعترفت الحكومة الأوكرانية بأن القوات الروسية سيطرت على بلدة ليمان في منطقة دونيتسك.", ["lyman-ua"]),
        ("قال الرئيس الأوكراني فولوديمير زيلينسكي إن قواته حررت مواقع في أوكرانيا.", []),
        # an indirect question asks whether it happened; a change before a question about what follows is news
        ("Officials would not say whether the rebels had taken the town of Kidal.", []),
        ("Rebels captured Kidal, and it was unclear whether the army would strike back.", ["kidal"]),
        # words describing a noun for towns lead to the object, and an addition renews its list past where it lies
        (
            "The rebels also captured the mining towns of Zarovka and Kidal in the north, as well as the town of "
            "Dorvalka in the neighbouring province.",
            ["kidal", "unlisted:dorvalka", "unlisted:zarovka"],
        ),
        ("Rebels captured Kidal town on Monday.", ["kidal"]),
        # a known name right after a listed village's word is the rest of its name, and the list goes on
        (
            "وفرضت القوات سيطرتها على قرى زوردلا ونزل الحويجة وتاكرانكا في ريف حلب.",
            ["unlisted:تاكرانكا", "unlisted:زوردلا", "unlisted:نزل-الحويجه"],
        ),
        # another noun for towns joined to the object, its names after a comma and a word that opens a list
        (
            "The army said it took full control of Kidal and other nearby towns, notably Zarovka and Dorvalka.",
            ["kidal", "unlisted:dorvalka", "unlisted:zarovka"],
        ),
        # football: a draw in a friendly and a player brought on are no entry into the town of the training camp
        ("تعادل الفريق في أولى مبارياته الودية بمدينة كيدال ودخل بلاعبين جدد في الشوط الثاني.", []),
        # a change presupposed as what things date from is background; a day after it, still news
        ("وقال إن المدنيين في البلدتين منعوا المقاتلين من دخولها بعد السيطرة على إدلب وأريحا.", []),
        ("وجاء الهجوم بعد يوم من سيطرة الفصائل على مدينة حماة.", ["hama"]),
        # subject to a party's control is a state, however many words stand between
        ("ومثل حلب تخضع مدينة درعا جزئيا لسيطرة المعارضة.", []),
        # a relative clause after the town describes it; the town stays its verb's subject past it
        ("Kidal, which lies 300 km north of Gao, has fallen to the rebels.", ["kidal"]),
        ("Kidal, a desert town that lies 300 km north of Gao near the border, has fallen to the rebels.", ["kidal"]),
        # a capital named after a speech verb is its government
        ("وقالت كييف إن القوات الروسية سيطرت على بلدة سوليدار.", ["soledar"]),
        # people killed in a town, counted one by one, are no fall of it
        ("أسفر التفجير عن سقوط 32 قتيلا في بلدة كيدال قرب الحدود.", []),
        # a French-style spelling of a Syrian town
        ("Government forces retook the nearby town of Kafr Nabouda on Wednesday.", ["kafr-nabudah"]),
        # «البلدة», «القرية» refer back to the town named before, past a country that locates it, as "the town" does
        (
            "أفادت تقارير من بلدة متبان في إقليم هيران بوسط الصومال بأن مقاتلي الحركة سيطروا على البلدة.",
            ["unlisted:متبان"],
        ),
        # but «القرية» to no city, «البلدة القديمة» to a quarter, not a town
        ("تقع قرية حلفايا في ريف حماة. وبعد أن أخلت القوات القرية من السكان بدأت المعارك.", []),
        ("تقع بلدة حلفايا شمال غرب حماة. وسيطر مسلحون على البلدة القديمة صباح اليوم.", []),
        # a town emptied of its people is evacuated, not given up
        ("تقع قرية الخوبة على الحدود مع اليمن. وبعد أن أخلت القوات القرية من السكان بدأت المعارك.", []),
        # Israeli soldiers or settlers storming a town raid it, whatever stands between them and the verb
        (
            "اقتحم الجيش الإسرائيلي بلدة برقين غرب جنين فجرا، وذكرت مصادر محلية أن القوات الإسرائيلية احتجزت"
            " مزارعا شابا من البلدة لدى اقتحامها.",
            [],
        ),
        ("وقال شهود في مدينة الخليل إن عشرات المستوطنين اقتحموا البلدة صباح اليوم تحت حماية الجيش.", []),
        # what a comma includes in a clause stays in it: the time gone by at its end governs the change
        (
            "Militants have lost control of several small towns, including Kismayo in the past years but still"
            " hold large rural areas.",
            [],
        ),
        # a palace or some areas of a town taken are not the town
        ("وتتناثر الجثث في ساحة قصر المعاشيق الرئاسي في عدن الذي كان الثوار استعادوه أول من أمس.", []),
        ("وتمكن الجيش من دخول بعض مناطق درنة بعد اشتباكات عنيفة.", []),
        # a word the rules read as theirs (a verb) is no unlisted town's name after a noun for towns
        ("وبهذا تكون أجدابيا أول مدينة يستعيدها المقاتلون منذ بدء الهجوم الجوي.", ["ajdabiya"]),
        # a side evacuating a town leaves it ("the border town" refers back as "the town" does); evacuating people
        # is no withdrawal
        (
            "Kurdish units were surrounded in Ras al-Ain for a week. Their commander said later that his fighters"
            " had fully evacuated the border town under the truce.",
            ["ras-al-ayn"],
        ),
        ("Mayadin and Albu Kamal were evacuated by the government army on Friday.", ["albukamal", "mayadin"]),
        ("Troops evacuated civilians from Mayadin on Friday.", []),
        # «المجلس العسكري» is a junta, no council building that a town locates
        ("قال البيان إن جيش المجلس العسكري في ميانمار انسحب بالكامل من مدينة مياوادي الحدودية.", ["myawaddy"]),
        # a past of the form تفاعل after «قد» is 'has', not 'may'; and what a list adds past its names is no town
        (
            "وقد تداول ناشطون صورا توثق سيطرة مقاتلي المعارضة على مدن وقرى إنخل ونوى وداعل، إضافةً للحواجز التي"
            " أقامها الجيش فيها.",
            ["dail", "inkhil", "nawa"],
        ),
        ("وقال محللون إن مدينة إنخل قد تسقط في يد المعارضة خلال أيام.", []),
        # fighters loyal to a capital name it as a side, not as a town they entered
        ("دخل مسلحون موالون لكينشاسا مدينة أوفيرا بعد انسحاب قوات الحركة.", ["uvira"]),
        # a flag of a given size raised in a town is a celebration
        ("عبر أهالي مدينة الحراك عن فرحهم بسقوط النظام من خلال رفع علم بطول 200 متر.", []),
        # a name's relative clause, however long, describes it: its verb comes after, and no place in it is its object
        (
            "Kyaukme, which also lies on the trade highway that runs from Mandalay to the border at Muse, was retaken"
            " by the army on Sunday.",
            ["kyaukme"],
        ),
        # «البلدة» followed by «في» is the town named before, where an unnamed «بلدة في» is no town we know
        (
            "تقع مدينة غاو في شمال مالي. وساعدت القوات الخاصة في الاستيلاء على البلدة في ساعة مبكرة من صباح أمس.",
            ["gao-ml"],
        ),
        ("تقع مدينة غاو في شمال مالي. وسيطرت الفصائل على بلدة في ريف المدينة صباح أمس.", []),
        # a delegation entering a town visits it
        ("A UN delegation entered Homs on Tuesday to inspect the damage.", []),
        # the noun of control after its verb, with a long subject between; a liberation front's name is no intention
        ("استعادت مساء أمس، الجبهة الشعبية لتحرير التيغراي الإثيوبية، سيطرتها على مدينة ميكيلي.", ["mekele"]),
        ("أحكمت فصائل المعارضة السورية المسلحة في ساعة مبكرة سيطرتها على مدينة حماة.", ["hama"]),
        ("وتسعى القوات لفرض سيطرتها على مدينة حماة خلال أيام.", []),
        # a name before "provincial" names the province: "the city" is the town named before it
        (
            '"Mazar-i-Sharif is now in the hands of the insurgents," the head of the Balkh provincial council told'
            " reporters, adding that the city fell without a fight.",
            ["mazar-e-sharif"],
        ),
        # ordinary news: an opponent dominated, a way in, stolen goods recovered, a strike begun, security to return
        ("وسيطرت الدنماركية على منافستها الأسترالية داريا جافريلوفا وفازت 6-3 و6-1 في الدور الثاني.", []),
        ("وألحقت العاصفة أضرارا بمئذنتين عند بابي دخول الضريح الشهير في مدينة أغرا شمالي الهند.", []),
        ("وقد تم استرجاع المسروق بمدينة حمص وإيداع الجاني السجن.", []),
        ("وأعلن سكان مدينة حمص دخولهم في إضراب عام غدا.", []),
        ("ودعت الوزارة إلى بذل الجهود لعودة الأمن والاستقرار إلى مدينة طرابلس.", []),
        # a town that fell into a side's hands, named before the verb
        ("وأكد المسؤول أن بلدة كفرنبل سقطت في يد الفصائل بعد اشتباكات قصيرة.", ["kafr-nabl"]),
        ("وسقط عشرات القتلى في يد القناصة في مدينة حلب.", []),
        # a withdrawal or a handover asked for, refused, offered or talked about is none done
        ("وطالب الوزير بالانسحاب غير المشروط لميليشيات الحوثي من مدينة الحديدة.", []),
        ("وقال إنه لا بديل عن انسحاب ميليشيات الحوثي من مدينة الحديدة وتسليم الميناء.", []),
        ("ورفضت الجماعة مقترحات الأمم المتحدة بالانسحاب من مدينة الحديدة.", []),
        ("وتوقفت العملية لإفساح المجال أمام محادثات بشأن انسحاب الحوثيين من مدينة الحديدة.", []),
        ("وتوصل الطرفان إلى اتفاق مبدئي حول انسحاب المقاتلين من مدينة دوما.", []),
        ("The minister called for the immediate withdrawal of the militias from Hodeidah.", []),
        ("Egypt stepped back from plans to help prepare for an Israeli withdrawal from Gaza City.", []),
        ("The expected withdrawal from Gaza City is different from the one in Jenin.", []),
        ("A second US citizen seized this week in Baghdad was shown in a video.", []),
        ("Under the deal, the fighters withdrew from Douma on Sunday.", ["douma"]),
        # awaited, weighed, inspected or handed over: no change of hands
        ("ويترقب اليمنيون تحرير مدينة الحديدة بعد أن وصلت القوات إلى أطرافها.", []),
        ("وقال الوزير: من هنا تأتي أهمية تحرير مدينة الحديدة.", []),
        ("ودخل مفتشو منظمة حظر الأسلحة الكيمياوية إلى مدينة دوما اليوم.", []),
        ("وقالت الوزارة إنها سلمت تقرير التحقيق إلى سلطات مدينة تمبكتو.", []),
        ("وأعلن الجيش إتمام تسليم الموانئ النفطية للمؤسسة الوطنية للنفط في بنغازي.", []),
        # towns counted in words and then named, a second object after «وكذلك على», a pluperfect dated this week,
        # two towns a province locates, a town's fall with a pronoun
        (
            "وأعلن الجيش كذلك السيطرة على ثلاث قرى مجاورة، وهي كفرنبودة والهبيط وعابدين.",
            ["kafr-nabudah", "unlisted:الهبيط", "unlisted:عابدين"],
        ),
        (
            "وقالت الفصائل إنها سيطرت على مدينة خان شيخون الاستراتيجية الواقعة في ريف إدلب الجنوبي قرب الطريق"
            " الدولي، وكذلك على مدينة معرة النعمان.",
            ["khan-shaykhun", "maarat-al-numan"],
        ),
        ("وكانت الحركة قد أعلنت مساء الجمعة سيطرتها على مدينة بوكافو بعد معارك قصيرة.", ["bukavu"]),
        ("الجيش يستعيد بلدتين في حماة من الفصائل", []),
        ("وتعد بوكافو ثاني مدينة يعلن عن سقوطها في أيدي المتمردين خلال شهر.", ["bukavu"]),
        # a name before "territory" or "tribal" names a district or a people: "the town" is not it
        (
            "The army said it had retaken Kalembe on Monday. An official from Walikale territory confirmed the army"
            " had taken the town back.",
            [],
        ),
        (
            "Soldiers entered En Nahud on Thursday, the seat of the Hamar tribal administration, and the capture of the"
            " city was confirmed by residents.",
            ["an-nuhud"],
        ),
        # the Gaza Strip is no town; people seized in a town, a time entered, weapons handed back, an office stormed
        ("Israel carried out its withdrawal from the Gaza Strip in 2005.", []),
        ("The army withdrew from Gaza City on Sunday.", ["gaza"]),
        ("Gunmen seized three Britons in central Baghdad on Thursday, police said.", []),
        ("Two aid workers seized in Baghdad were freed on Sunday.", []),
        ("Peace talks in Abuja have entered their third week without progress.", []),
        ("Militiamen began handing back their weapons in Sadr City under the deal.", []),
        ("Rebels seized Mosul on Tuesday, the British embassy said.", ["mosul"]),
        # several towns lost to a side, not to rivals at the polls
        (
            "At a press conference the general admitted that the army had lost Laukkai, Hsenwi and Kunlong to the"
            " ethnic armed groups.",
            ["hsenwi", "kunlong", "laukkai"],
        ),
        ("The party lost Mosul, Kirkuk and Erbil to its rivals in the election.", []),
        # blame for a fall looks back on it
        ("وحمل الشيخ الحكومة مسؤولية سقوط الموصل والرمادي بيد التنظيم.", []),
        ("The senator said the minister bore responsibility for the fall of Mosul.", []),
        ("وأعلن التنظيم سقوط الموصل بيد مقاتليه بعد معارك.", ["mosul"]),
        # a town in a side's hands, the fighters' departure from it, a town declared free of them
        ("وقال المسؤول إن بلدة كانيابايونغا باتت بين أيدي المتمردين منذ مساء الجمعة.", ["kanyobagonga"]),
        ("وانتهت العملية بعد خروج آخر المقاتلين المعارضين مساء أمس من مدينة حرستا.", ["harasta"]),
        ("وأعلن التلفزيون الرسمي مدينة حرستا خالية من الوجود الإرهابي.", ["harasta"]),
        ("وخرجت عناصر الدفاع المدني من مدينة حرستا لإسعاف الجرحى.", []),
        ("وأصبحت المدينة خالية من السكان بعد القصف.", []),
        # a party named by its name driven out of a town
        ("Yemeni government forces drove the Houthis out of Khokha on Thursday, officials said.", ["al-khawkhah"]),
        # a known village with a word that ends names after it is another village
        (
            "وأعلن الجيش أنه استعاد بلدات المسيفرة والغارية الغربية والكرك الشرقي في ريف درعا.",
            ["al-musayfirah", "unlisted:الغاريه-الغربيه", "unlisted:الكرك-الشرقي"],
        ),
        # Afghan provincial capitals as the Arabic press spells them
        (
            "وقال مسؤول محلي إن مقاتلي طالبان سيطروا على مدينة مزار الشريف الواقعة في شمال أفغانستان.",
            ["mazar-e-sharif"],
        ),
        ("ثم سيطروا على ساري بول وتالقان عاصمتي الولايتين في شمال أفغانستان.", ["sar-e-pul", "taloqan"]),
        # an action with its own town after it does not reach back past «بينما» to the town before
        (
            "استعادت القوات السيطرة على مدينة الموصل شمالي العراق في يوليو 2017، بينما استعاد تحالف من الأكراد"
            " والعرب، تدعمه الولايات المتحدة، الرقة بعد أشهر.",
            ["raqqa"],
        ),
        ("تدور معارك عنيفة في أطراف مدينة إدلب، فيما دخلت فصائل المعارضة، بعد قتال طويل، مدينة حماة.", ["hama"]),
        # a change named as a noun after a future verb is what would come of it
        ("وسيفتح تحرير زبيد التي تقع جنوب الحديدة الطريق أمام القوات نحو الجنوب.", []),
        # a span counted back from the report, or lasting up to it
        ("ودخلت القوات مدينة دير الزور قبل نحو 7 أشهر بدعم جوي.", []),
        ("وتواصل الجماعة سيطرتها على مدينة الحديدة منذ نحو 3 سنوات.", []),
        # a named town with its province after it is the town taken; an unnamed one the province only locates is not
        ("Taloqan city in northern Takhar province was captured by the insurgents on Sunday.", ["taloqan"]),
        ("Insurgents captured the biggest town in Takhar province on Sunday.", []),
        # the towns a relative clause of retaking lists, after the army that retook them («الجيش» with its
        # article heads no name); a relative clause of holding is no change
        (
            "وأوضح البيان أن من بين القرى التي حررها الجيش السوري مورك، اللطامنة، وكفرزيتا.",
            ["kafr-zayta", "latamneh", "murak"],
        ),
        ("وتعرضت بلدة مورك التي يسيطر عليها الجيش لقصف عنيف.", []),
        # a town's name that is also a word of a veto («الزيارة», the visit) is the town's
        (
            "وأعلن الجيش أنه استعاد بلدات الزيارة والمنصورة وخربة الناقوس في سهل الغاب.",
            ["al-mansurah-sy", "az-ziyarah", "khirbet-al-naqous"],
        ),
        # a person captured in a town, the dead recovered there, a withdrawal that names a plan: no change of it
        (
            "A lieutenant of Iraq's most wanted militant commander was captured a few days ago in Mosul, the security"
            " adviser said.",
            [],
        ),
        ("Iraqi officials recovered a headless corpse in western Baghdad on Wednesday and handed it over.", []),
        ("Parliament resumes its Gaza pull-out debate on Monday.", []),
        # a common word a province locates is no town there
        ("حققت الفصائل تقدماً كبيراً في محافظة حماة، حيث سيطرت على العديد من البلدات.", []),
        # what a side "went on to" do it did
        (
            "The rebels said they then went on to seize several nearby towns, including Marea and Tal Rifaat, north of"
            " Aleppo.",
            ["tal-rifaat", "unlisted:marea"],
        ),
        # what a move leaves a city with is no change of it; "the town" never refers to a man with a title
        ("The move by the M23 forces has left Kinshasa with only air or water routes to reach the east.", []),
        (
            "M23 rebels seized the mining town of Rubaya in eastern Congo on Tuesday. Lieutenant Colonel Willy Ngoma,"
            " the rebels' spokesman, issued a statement claiming the capture of the town.",
            ["rubaya"],
        ),
        # a prime minister who announces a change is no politics
        ("أعلن رئيس الوزراء العراقي مساء الاثنين تحرير مدينة تكريت رسمياً من سيطرة التنظيم.", ["tikrit"]),
        ("The prime minister said on Monday that troops had recaptured the city of Tikrit.", ["tikrit"]),
        # a relative clause of an earlier change describes the party; the fall told before it stands
        (
            "سقطت مدينة ساري بول الواقعة في شمال أفغانستان صباح اليوم بأيدي حركة طالبان التي استولت بذلك على ثالث"
            " عاصمة ولاية خلال أيام.",
            ["sar-e-pul"],
        ),
        ("وتقاتل القوات جماعة الحوثيين والتي سيطرت على العاصمة صنعاء.", []),
        # soldiers who have taken a town took it (people are seized in the passive only); Tigray's Inda Selassie
        # is Shire in the news
        ("Malian soldiers have captured the town of Kidal, officials said.", ["kidal"]),
        ("Ethiopia says its soldiers have seized Shire, the biggest town in northwestern Tigray.", ["inda-silase"]),
        ("Two aid workers seized in Baghdad were freed on Sunday.", []),
        # a time in a relative clause that a town opens after the claim tells of that town
        (
            "وقال اللواء إن القوات استعادت السيطرة على بلدتي كيندراشيفكا ورادكيفكا إضافة إلى أحياء في شمال مدينة"
            " كوبيانسك التي أعلنت روسيا السيطرة عليها الشهر الماضي.",
            ["unlisted:رادكيفكا", "unlisted:كيندراشيفكا"],
        ),
        # settlements counted, then named
        (
            "وقالت القيادة إن قوات جمهورية دونيتسك حررت حتى الآن 40 مركزاً سكنياً بما في ذلك بافلوفكا وفلاديميروفكا"
            " في مقاطعة دونيتسك بأوكرانيا.",
            ["pavlivka-ua", "volodymyrivka-ua"],
        ),
        # a district's name in front of towns says where they are
        ("Resistance fighters seized three Falam district towns in Chin State, Myanmar, on Monday.", []),
        # places a connector heads after the action came before it
        (
            "It is the fourth territory in the North Kivu province that the group has entered after Rutshuru,"
            " Nyiragongo and Masisi.",
            [],
        ),
        # since a day still running is news
        ("وقال مصدر عسكري إنه منذ صباح اليوم باتت مدينة سراقب تحت سيطرة الفصائل بالكامل.", ["saraqib"]),
        # a direction word before another place is about that place, not the town the change is about
        ("سيطرت قوات الدعم السريع في غرب السودان على مدينة الجنينة.", ["al-junaynah"]),
        ("سيطر مقاتلو طالبان في شمال أفغانستان على مدينة قندوز.", ["kunduz"]),
        # a future verb whose object is the change, its pronoun attached
        ("تقدمت القوات في البيضاء، وسيفتح تحريرها الطريق باتجاه ذمار وتطويق العاصمة صنعاء.", []),
        # a junction named after a town is no town
        ("سيطرت المقاومة الشعبية في لحج على «مثلث العند» الذي يربط بين مدن الجنوب.", []),
        # a city whose Arabic name has two letters, after a noun for cities; not the month of August («آب»)
        ("سيطر المسلحون على مدينة إب وسط اليمن.", ["ibb"]),
        ("استعادت القوات في آب مدينة زنجبار بعد معارك.", ["zinjibar"]),
        # a movement named for what it fights for takes a town; forces sent to take one have not
        ("سيطر مقاتلو الحركة الوطنية لتحرير الأزواد على مدينة ميناكا.", ["menaka"]),
        ("تحشد الحركة قواتها لتحرير مدينة ميناكا.", []),
        # a capital standing for its government is the subject of a change whose object follows it
        ("لكن استعادة كييف مساحات من أراضيها في الشرق أعقبتها ضربات صاروخية.", []),
        ("وأعلنت الحكومة استعادة دمشق السيطرة على مدينة درعا.", ["daraa"]),
        # a side claiming a change reports it; blame for a fall looks back on it
        ("The rebel spokesman claimed responsibility for the capture of Masisi on Sunday.", ["masisi"]),
        ("The minister said the army bore responsibility for the fall of Masisi last year.", []),
        ("French and Malian troops have won control of the desert city of Timbuktu.", ["timbuktu"]),
        # a capital that gives an order is the side, not the place left
        ("The militants retook the town after the troops withdrew following an order from Mogadishu.", []),
        ("انسحبت القوات من البلدة بأوامر من دمشق.", []),
        # a weekday gone by is within the week: news; a month gone by is background
        ("وقال مسؤولون إن ألفي جندي من القوات الحكومية دخلوا إلى مدينة المكلا الأحد الماضي دون مقاومة.", ["mukalla"]),
        ("وقال مسؤولون إن الجنود دخلوا إلى مدينة المكلا في مارس الماضي دون مقاومة.", []),
        # works named after their owner or use, in quotes, are no towns
        ('وسيطرت الفصائل أمس على "مشاريع عبد نهان" و"المدجنة الطويلة" و"برادات النايف" قرب بلدة الفوعة.', []),
        # a relative clause that says which towns a list names reports the change; one that describes a town
        # by a withdrawal long ago does not
        (
            "وقالت الوكالة اللبنانية إن البلدات التي انسحبت منها القوات الإسرائيلية تشمل يارون وحولا ومركبا وكفركلا.",
            ["unlisted:حولا", "unlisted:كفركلا", "unlisted:مركبا", "unlisted:يارون"],
        ),
        ("زار الوفد اللبناني بلدة يارون التي انسحبت منها القوات الإسرائيلية قبل عام.", []),
        # a time of day inside the phrase of the change; a flag flying over a town; a town named after the
        # change said of it
        ("Rebel units took full control on Wednesday of the border town of Tal Abyad.", ["tal-abyad"]),
        ("The militants took control overnight of Jarabulus after a short fight.", ["jarablus"]),
        ("The national flag flies over Bakhmut again, the minister wrote.", ["bakhmut"]),
        ("The captured town, Palmyra, lies in the desert east of Homs.", ["palmyra"]),
        # "occupied" as an adjective, a chunk of territory, an office named after its city, a zone free of a group
        ("Abbas rejected a deal that means quitting occupied Gaza while keeping much of the West Bank.", []),
        ("Troops have taken control of a three-mile-deep chunk of northern Gaza, the army said.", []),
        ("Gunmen stormed into the Baghdad office of a phone company and seized two engineers.", []),
        ("Ankara wants an IS-free zone in northern Aleppo before winter.", []),
        # a place that locates the town after it, a crossing named after its town
        ("Rebels withdraw from Hama's Kafr Zita after a week of air raids.", ["kafr-zayta"]),
        ("Activists said the al-Bukamal border crossing with Iraq fell under the control of Kurdish-led forces.", []),
        # a person's family name, as a cleric's or a speaker's, is no town, nor the town that "the town" recalls
        ("The cleric Muqtada al-Sadr told his followers to abandon their checkpoints.", []),
        (
            "Kurdish units took the border post at dawn. Haqi Kobane told reporters that the militants had been in "
            "control of the key town for a year.",
            [],
        ),
        # the pluperfect of a change on a weekday named late in its sentence is this week's news
        (
            "وكانت قوات سوريا الديمقراطية قد سيطرت على قرى الدشيشة وأم حجيرة بريف الحسكة بعد معارك مع التنظيم، الإثنين.",
            ["unlisted:الدشيشه", "unlisted:ام-حجيره"],
        ),
        # a town's name that a word opening names heads ends before a preposition
        ("وأعلنت الفصائل استعادة السيطرة على بلدة الشيخ عقيل خلال عملية بدأتها فجرا.", ["unlisted:الشيخ-عقيل"]),
        # a noun with its pronoun in a quoted list goes with the town before it: «"سروج ومعسكرها"»
        (
            'وسيطرت المعارضة على قرى "عويجة" و"سروج ومعسكرها" و"الشيخ هلال" شرق حماة.',
            ["unlisted:الشيخ-هلال", "unlisted:سروج", "unlisted:عويجه"],
        ),
        # a town no rule lists, as the object, that its province after "in the … province of" locates; "control"
        # as the verb of what was achieved; a party's long name between the verb of driving out and the town
        (
            "The SDF said its fighters had captured Tuwaymin in the northeastern province of Hasakah.",
            ["unlisted:tuwaymin"],
        ),
        (
            "Opposition factions managed to advance and control the villages of Tarhin and Sosenbat east of al-Bab.",
            ["unlisted:sosenbat", "unlisted:tarhin"],
        ),
        (
            "وتمكن الجيش من طرد كافة مسلحي تنظيم الدولة الإسلامية في العراق والشام المعروف باسم داعش من مدينة بيجي.",
            ["bayji"],
        ),
        # a front that is a party's name is the party, not a town's front
        ("وأعلنت جبهة النصرة سيطرتها على قرية كنسبا في ريف اللاذقية الشمالي.", ["kinnsibba"]),
        # a relative clause of a change names the villages after «هي»; a quoted list of many names; a list after
        # «بينها» parted by commas, its first name a common word; a noun for towns inside the quotes
        (
            "وأكد الفصيل أن القرى التي تمت السيطرة عليها هي الشحرورة والصراف وبيت عوان في جبل الأكراد بريف اللاذقية.",
            ["unlisted:الشحروره", "unlisted:الصراف", "unlisted:بيت-عوان"],
        ),
        (
            'وقال المرصد إن الجيش استعاد السيطرة على مناطق "رسم قطيش وتل أحمر ورسم الزاوية وعين العبد وكودنة والأصبح '
            'وعين زيوان وأم باطنة ونبع الصخر" في ريف القنيطرة.',
            [
                "unlisted:الاصبح",
                "unlisted:ام-باطنه",
                "unlisted:تل-احمر",
                "unlisted:رسم-الزاويه",
                "unlisted:رسم-قطيش",
                "unlisted:عين-العبد",
                "unlisted:عين-زيوان",
                "unlisted:كودنه",
                "unlisted:نبع-الصخر",
            ],
        ),
        (
            "وبسطت القوات سيطرتها على القرى في ريف السويداء الغربي، بينها المزرعة، لبين، جرين، والدور.",
            ["unlisted:الدور", "unlisted:المزرعه", "unlisted:جرين", "unlisted:لبين"],
        ),
        (
            'وسيطرت القوات على قرى "الشيخ دامس والنقير، وبلدة كفرسجنة" بريف إدلب الجنوبي.',
            ["unlisted:الشيخ-دامس", "unlisted:النقير", "unlisted:كفرسجنه"],
        ),
        # a comma and a word that goes on with the sentence end a region's name, no list
        ("تمكن الجيش من استرداد مساحات من مدن وقرى ولاية الجزيرة، مواصلا تقدمه نحو الخرطوم.", []),
        # towns named after their province; a capital as the side others are loyal to
        ("Government troops seize Idlib towns after a week of clashes", []),
        ("Rebels fighting troops loyal to Damascus briefly seized the crossing before losing it again.", []),
        # a qualifier with a place right after it is about that place, not the town the change is about; villages
        # taken with a named town do not make the town's name a mere location
        (
            "The ministry said the village of Hryanykivka near Kupiansk was completely liberated.",
            ["unlisted:hryanykivka"],
        ),
        (
            "Having taken three villages and the town of Halfaya on Monday, the rebels moved into more villages near Hama.",
            ["halfaya"],
        ),
        # control "almost complete" is complete control; a stronghold a province locates is no news of the province
        ("By Monday government forces and their allies had gained almost complete control of Aleppo.", ["aleppo"]),
        ("Government troops retake the last rebel stronghold in Latakia", []),
        # an outlet, a place and a reporter between dashes open the text: a dateline
        ("بلدي ـ السويداء ـ سلطان الشيخ دخلت قوات الجيش محافظة السويداء وانتشرت في الريف الغربي.", []),
        # the countrysides of two provinces, in the dual, are no towns
        ("والجدير بالذكر أن قوات النظام سيطرت على مناطق واسعة في ريفي إدلب وحماة خلال هجومها.", []),
        # names of two words in a list that commas part, with no coordinator; a hill in the list is no town
        (
            "وبسطت وحدات الجيش سيطرتها على قرى التدمرية، جباب حمد، رجم القصر، رجم درغام، تلة الإعلام بريف حمص الشرقي.",
            ["unlisted:التدمريه", "unlisted:جباب-حمد", "unlisted:رجم-القصر", "unlisted:رجم-درغام"],
        ),
        # a participle a hyphen joins to an adverb of a change just made is the change
        (
            "In Hama the soldiers dug in at the newly-seized villages of Taqsis and Jamqaliyeh.",
            ["unlisted:jamqaliyeh", "unlisted:taqsis"],
        ),
        # a mountain is no town, nor a hill whose name begins with the mountain's
        ("وسيطر الثوار على جبل الشيخ عقيل في ريف حلب.", []),
        ("Israeli troops took control of the Syrian side of Mount Hermon on Sunday.", []),
        # villages whose names a word for a hill or a village opens, a common word after it
        (
            "Regime forces took control of the villages of Tal Sultan, Abu Dali and Kafr Sultan in southern Idlib.",
            ["abu-dali", "unlisted:kafr-sultan", "unlisted:tal-sultan"],
        ),
        # a known village written with an article its alias lacks opens the list; an article inside a name is
        # the name's
        (
            "Turkish-backed fighters imposed control of the villages of al-Dab'a, Zarovka and Busra al-Harir.",
            ["dabaa-sy", "unlisted:busra-al-harir", "unlisted:zarovka"],
        ),
        # the villages a count and an inclusion name, however far from the verb
        (
            "وسيطرت الفصائل على عدد من القرى في ريف دمشق الجنوبي الغربي، من بينها كناكر ودير ماكر، "
            "الواقعتان على الطريق الدولي.",
            ["dayr-makir", "kanakir"],
        ),
        # the subject of a passive past an apposition that says where its towns lie
        (
            "The towns of Zarovka, Dorvalka and Mellinka, all lying in eastern Daraa, had been liberated by Sunday.",
            ["unlisted:dorvalka", "unlisted:mellinka", "unlisted:zarovka"],
        ),
        # a relative that opens an event's clause is no state of control; a word that ends a name makes a known
        # one another's
        (
            "Army units carried out a quick operation in which they assumed control of the villages of al-Beida "
            "al-Sharqiyeh and al-Beida al-Gharbiyeh east of Homs.",
            ["unlisted:al-beida-al-gharbiyeh", "unlisted:al-beida-al-sharqiyeh"],
        ),
        # a known name before a noun for towns is another town's after a word that opens names
        (
            "Government troops seized the strategic Bir Ghabaghib and al-Mellina villages on the desert highway in "
            "Syria.",
            ["unlisted:al-mellina", "unlisted:bir-ghabaghib"],
        ),
        # a relative clause that says which towns a list then names is no state of control
        (
            "وتقدمت الفصائل في ريف حماة الشمالي، وأبرز القرى والبلدات التي سيطرت عليها هي صوران وحلفايا.",
            ["halfaya", "suran"],
        ),
        # a rare word after a known name makes it another village's name
        (
            "On Wednesday, government troops seized the villages of Zarovka and Marj Dorvala near Damascus.",
            ["unlisted:marj-dorvala", "unlisted:zarovka"],
        ),
        # counted villages and hills, held areas: the province only locates them
        ("The army has captured 9 villages and several hilltops in the northern Hama countryside.", []),
        ("Government forces seize rebel-held areas of Hama", []),
        # a dateline whose date has a short month is still a dateline: "the city" is not the place it was filed in
        (
            "KYIV, Sept. 10 (Reuters) – Soldiers hoisted the national flag over the city on Saturday, officials in"
            " the region said, after a week of fighting.",
            [],
        ),
        # the villages a clause named, taken as a pronoun in the next one: all of them, however far
        (
            'وقال قائد ميداني في سوريا: "الجيش اشتبك مع مسلحي التنظيم في قرى حوير كبيرة وحوير صغيرة والمزيرعة'
            ' والعامرية، وتمكن إثر ذلك من السيطرة عليهن بعد إيقاع خسائر في صفوف التنظيم".',
            ["al-muzayriah", "unlisted:العامريه", "unlisted:حوير-صغيره", "unlisted:حوير-كبيره"],
        ),
        # two fires brought under control in two places: no change of hands
        (
            "وأعلن الدفاع المدني في سوريا أنه تمت السيطرة على حريقين اندلعا في منطقتي كرم الرمان وعين البيضا بريف"
            " اللاذقية.",
            [],
        ),
        # a bearing locates the town right after it, not the villages a coordinator adds after that town
        (
            "سيطر الجيش السوري على قرية “البويضة” غرب بلدة السفيرة وقريتي “رسم حميدة، وتل حطابات” جنوب البلدة في"
            " ريف حلب.",
            ["unlisted:البويضه", "unlisted:تل-حطابات", "unlisted:رسم-حميده"],
        ),
        # the party driven out named before, as the verb's pronoun
        ("وتمكن المقاتلون مساء الجمعة من طردها من مدينة أجدابيا بعد معارك في ليبيا.", ["ajdabiya"]),
        # a quoted list ends at its quotes, past a works and a zone it names (no town either)
        (
            'سيطر التنظيم صباح اليوم على مدرسة المشاة، وقرى "تل عرن، وحسانة، والمنطقة الصناعية، ومعمل الإسمنت"،'
            " بريف حلب.",
            ["unlisted:تل-عرن", "unlisted:حسانه"],
        ),
        # a town's importance is no speculation (the importance of taking it is)
        ("واستولى المتمردون على مدينة موشاكي ذات الأهمية الاستراتيجية في شرق الكونغو.", ["unlisted:موشاكي"]),
        # the state news agency's words for a town retaken; "restore security to" alone is a government's task
        (
            "Army units restored security and stability to the towns of Kawkab, Lweibde and Zour Abu Zaid in the"
            " northern countryside of Hama province, a military source said.",
            ["unlisted:kawkab", "unlisted:lweibde", "unlisted:zour-abu-zaid"],
        ),
        ("وذكرت وكالة سانا أن وحدات من الجيش أعادت الأمن والاستقرار إلى مدينة القريتين بريف حمص.", ["al-qaryatayn"]),
        ("The resolution calls on Khartoum to restore security to the Darfur region within a month.", []),
        # names in front of their noun for towns, one of them a known name with a rare word before it
        (
            "The army has liberated Qobu Dilagharda, Yal Pirahmadli, Seyid Mahmudlu, Asgarli villages in Fuzuli,"
            " the president of Azerbaijan said.",
            [
                "unlisted:asgarli",
                "unlisted:qobu-dilagharda",
                "unlisted:seyid-mahmudlu",
                "unlisted:yal-pirahmadli",
            ],
        ),
        # a list a relative clause then announces, however far its noun; a regiment in a list is no village
        (
            "وأشار الجيش الوطني إلى أن البلدات الجديدة التي دخل إليها بمحيط مدينة رأس العين هي، القاسمية،"
            " والفيصلية، وكنبهر، وبعيرير، وخربة فراج.",
            ["unlisted:الفيصليه", "unlisted:القاسميه", "unlisted:بعيرير", "unlisted:خربه-فراج", "unlisted:كنبهر"],
        ),
        (
            "وكانت الفصائل قد سيطرت الأربعاء على قرى: الشيخ عقيل، وقبتان الجبل، والفوج 46، وكفر بسمة، وبسرطون في"
            " ريف حلب.",
            ["unlisted:الشيخ-عقيل", "unlisted:بسرطون", "unlisted:قبتان-الجبل", "unlisted:كفر-بسمه"],
        ),
        # counted villages a colon announces past where they lie
        (
            "On Wednesday the SDF took control of three villages in the northern Raqqa countryside: Al-Flic, Abu"
            " Qayarah and Al-Jif.",
            ["unlisted:abu-qayarah", "unlisted:al-flic", "unlisted:al-jif"],
        ),
        # a place an apposition says another lies near is not "the town" nor the object
        ("Rebels reached Saraqib, near Idlib, on Monday and entered the town after heavy fighting.", ["saraqib"]),
        (
            "Rebels took Saraqib near Idlib on Monday and said they had seized the city after heavy fighting.",
            ["saraqib"],
        ),
        (
            "The army announced its withdrawal from the city of Hama, near the capital Damascus, and admitted that"
            " rebels had entered the city.",
            ["hama"],
        ),
        # the dual noun for villages in the nominative
        ("وسيطرت القوات على قريتا لحايا ولطمين في ريف حماة الشمالي.", ["unlisted:لحايا", "unlisted:لطمين"]),
        # a place a hyphen joins to a word describes a party ("Tripoli-allied"), and a unit named after a place
        # by a party's initials ("the PDF-Sagaing") is no mention of it that "the town" could refer back to
        ("The spokesman said their troops were chasing Misrata-allied forces fleeing to their stronghold.", []),
        (
            "The town of Kawlin lies on the railway north of Mandalay. Fighters of the People's Defence Force, the "
            "PDF-Sagaing, said in a statement. “We stormed the town on Sunday night and held it by dawn.”",
            ["kawlin"],
        ),
        # the side that holds a landmark stands between the name and it; a capital judges as its government; a
        # district beside a region that "in" heads is where the communities are
        ("Myanmar's junta occupies Magway resistance base", []),
        ("Damascus does not consider the territory of Raqqa liberated", []),
        ("The Arakan Army has taken control of eleven communities in Rakhine and Paletwa Township this year.", []),
        # a movement's name holds «تحرير»; it voids no entry told further on
        ("أعلنت حركة تحرير أزواد أن مقاتليها دخلوا بلدات ميناكا وتيساليت دون قتال.", ["menaka", "tessalit"]),
        ("أعلنت جبهة تحرير الجنوب أن قوات تحرير المدينة ستدخل قريبا.", []),
        # men entering a town past a long subject; not aid trucks
        (
            "دخلت القوات الحكومية المدعومة من طائرات التحالف الذي تقوده السعودية فجر الأحد إلى مدينة زنجبار، "
            "عاصمة محافظة أبين.",
            ["zinjibar"],
        ),
        ("دخلت الشاحنات المحملة بالمساعدات الإنسانية التي أرسلتها الأمم المتحدة صباح الأحد إلى مدينة حلب.", []),
        ("وحذرت أنقرة من دخول قوات موالية للنظام السوري إلى عفرين وتعرضها لإطلاق نار.", []),
        # a dash between two days set off by commas is no dateline
        ("سيطرت فصائل المعارضة، ليلة السبت – الأحد، على كامل مدينة سراقب في ريف إدلب الشرقي.", ["saraqib"]),
        # a stronghold a place only locates, areas in it, and a body named after it are not the town
        ("Kurdish forces capture major ISIS stronghold in east Deir Ezzor", []),
        (
            "Army units clashed with ISIS groups in the western countryside of Deir Ezzor, establishing control over "
            "new areas in the area surrounding al-Tabani town.",
            [],
        ),
        ("Clashes broke out between tribal fighters and men who withdrew from the Deir Ezzor Military Council.", []),
        (
            "Army units advanced in the western countryside of Deir Ezzor, making progress on the western axis and "
            "establishing control over a number of villages and farms near al-Tabani town.",
            [],
        ),
        ("Rebels captured Homs and the countryside of Hama on Sunday.", ["homs"]),
        # "took" with its town named in apposition; not a town near one
        ("The Taliban took another provincial capital, Kunduz, on Sunday.", ["kunduz"]),
        ("The Taliban took a town near Kunduz after a month-long siege.", []),
        ("Mali's army asserted control over Kidal on Tuesday.", ["kidal"]),
        # a countryside with its side's adjective is no town; bearings end the names of a list
        ("ووسعت القوات نطاق سيطرتها في الريف الشمالي لحماة خلال الأيام الماضية.", []),
        (
            "وسيطرت القوات على قرى (زغير جزيرة وطابية غربي وطابية شرقي) في ريف دير الزور بعد معارك.",
            ["unlisted:زغير-جزيره", "unlisted:طابيه-شرقي", "unlisted:طابيه-غربي"],
        ),
        ("وسيطرت القوات على بلدة مورك شرقي حماة بعد معارك.", ["murak"]),
        # names in front of "villages of" and a district's name, group after group
        (
            "Azerbaijani troops liberated Karkhulu, Murshudlu and Zaradli villages of Khojaly; Amirli and Durdanli "
            "villages of Lachin province, the president said.",
            [
                "unlisted:amirli",
                "unlisted:durdanli",
                "unlisted:karkhulu",
                "unlisted:murshudlu",
                "unlisted:zaradli",
            ],
        ),
        # the place that owns the neighbourhoods is still the town referred to
        (
            "Iraqi units pushed into the western neighbourhoods of Haditha and after five hours of fighting they "
            "retook the town.",
            ["hadithah"],
        ),
        # a dam the town only locates
        (
            "وسيطر الجيش على قريتي مرعناز وكفرخاشر، إضافة إلى سد 17 نيسان في بلدة شران شمالي عفرين.",
            ["unlisted:كفرخاشر", "unlisted:مرعناز"],
        ),
        # a bracket holds the list of the towns a count announced
        (
            "After talks with the elders of Daraa province, four towns were entered by government troops on Friday "
            "(Jizah, Kahil, Dael and Tafas).",
            ["al-jizah-sy", "dail", "tafas", "unlisted:kahil"],
        ),
        # a unit, a bastion, a mosque or a square named after a place; a regime named by its capital; a quarter
        # named after its city is no other town
        ("In Yemen's north, officials confirmed the withdrawal of the Hazm movement from its positions.", []),
        (
            "Syrian state media reported that Nusra fighters had seized the Idlib bastion of the Revolutionaries Front.",
            [],
        ),
        ("The Damascus regime is bent on retaking the whole of Daraa province.", []),
        (
            "Syrian army units enter Daraa al-Balad and raise the national flag in the main square, state media said.",
            ["daraa"],
        ),
        ("وسيطرت القوات على ساحة حلب وسط المدينة.", []),
        ("سيطرت قوات النظام على جامع حلب الكبير في المدينة القديمة.", []),
        # a line that opens with places, their countries in square brackets, and a date is a dateline
        (
            "Troops take a town in the east of Ukraine\nMay 03, 2025\nMoscow [Russia] / Kiev [Ukraine], May 3: Russian "
            "troops have captured the strategically important small town of Kurakhove in the eastern Ukrainian Donetsk "
            "region, the defence ministry in Moscow said on Saturday, adding that its units kept advancing west and "
            "that more villages of the region would follow.",
            ["kurakhove"],
        ),
        # a phrase that adds to a list past an apposition; three words describing a noun for towns
        ("Rebels captured Hama, the fourth city, as well as Homs on Sunday.", ["hama", "homs"]),
        (
            "Russian forces say they have captured Pokrovsk, a strategic logistics hub, along with Vovchansk.",
            ["pokrovsk", "vovchansk"],
        ),
        (
            "Russian troops from Avdiivka have captured the strategically important small town of Kurakhove.",
            ["kurakhove"],
        ),
        # a town come under a party's flag
        ("وقال الجيش الأوكراني إن قرية ستوروجيف باتت مرة أخرى تحت العلم الأوكراني.", ["unlisted:ستوروجيف"]),
        # a participle that locates opens an apposition after the town, which stays its verb's subject
        ("Kidal, located some 300 km north of Gao near the Algerian border, has fallen to the rebels.", ["kidal"]),
        # an apposition closed by a comma right before the verb, and a town's centre joined to its name
        ("Walikale, the capital of a territory rich with gold, fell to the rebels on Wednesday.", ["walikale"]),
        ("Walikale-centre, the seat of a territory rich in minerals, fell to the rebels on Wednesday.", ["walikale"]),
        # a side's fighters named after their town
        ("Idlib insurgents pulled out of a key rebel town on Tuesday.", []),
        # forces leaving a town, and what "left" says of the dead or a river's bank
        (
            "Ukraine's general staff said Russian units had left the villages of Pravdyne and Novohryhorivka.",
            ["unlisted:novohryhorivka", "unlisted:pravdyne"],
        ),
        ("قالت هيئة الأركان إن القوات الروسية غادرت مدينة خيرسون صباح اليوم.", ["kherson"]),
        ("The army left dozens dead in Homs on Monday.", []),
        # a district in an apposition after the town, and names listed in front of a plural province noun
        ("Russian forces captured the town of Soledar, Bakhmut district, Donetsk region, officials said.", ["soledar"]),
        ("Russian troops fled from Kharkiv, Donetsk, and Luhansk oblasts on Monday.", []),
        # a battle named as where a change happened, not a battle to come
        ("تمكنت فصائل المعارضة من تحرير بلدة الفقيع بريف درعا ضمن معركة جديدة.", ["unlisted:الفقيع"]),
        ("بدأت معركة تحرير مدينة درعا صباح اليوم.", []),
        # a flag appeared over a town, or raised past what it flies from
        ("Ukrainian flags appeared in the southern city of Kherson on Friday.", ["kherson"]),
        (
            "Soldiers raised a blue and yellow flag above a school in the village of Robotyne, a video showed.",
            ["robotyne"],
        ),
        # a country's Arabic adjective names it: a guessed spelling of a village there binds
        ("أعلنت هيئة الأركان الأوكرانية أن القوات الروسية غادرت قرية ميخايليفكا.", ["mykhaylivka-ua"]),
        # the towns a relative clause of the change took, named past its long subject
        (
            "وفي ريف حلب بلغ عدد القرى التي سيطرت عليها فصائل المعارضة المدعومة بالمدفعية والطيران التركي خلال يومين"
            " وهي تل بطال وبراغيدة وكفرغان ومريغل.",
            ["unlisted:براغيده", "unlisted:تل-بطال", "unlisted:كفرغان", "unlisted:مريغل"],
        ),
        # a side's loss of a town, not a loss of life
        ("أقر الجيش بخسارته مدينة حماة بعد معارك عنيفة مع الفصائل.", ["hama"]),
        (
            "Moscow acknowledged the loss of the towns of Izyum and Kupiansk in the Kharkiv region.",
            ["izyum", "kupyansk"],
        ),
        ("A heavy loss of life was reported in Homs after the shelling.", []),
        # armed groups expelled from towns
        (
            "Before entering the city, the army had expelled armed groups from Umm al-Aranib and Murzuq in southern Libya.",
            ["murzuk", "umm-al-aranib"],
        ),
        # a town GeoNames' lists lack, written by hand
        ("دخلت قوات المجلس الانتقالي مدينة سيئون صباح الأربعاء بعد اشتباكات محدودة.", ["seiyun"]),
        # a subject's aside in parentheses keeps the verb no further from its object
        (
            "Rebels captured (according to a statement the group released on Tuesday evening after days of fighting)"
            " the town of Saraqib.",
            ["saraqib"],
        ),
        (
            "اقتحمت الفصائل (التي كانت تعرف سابقا باسم جبهة النصرة في سنوات الحرب الأولى) مدينة حماة بعد معارك.",
            ["hama"],
        ),
        # shells that fell on towns
        ("وقال المرصد إن عشرات القذائف سقطت على بلدتي الفوعة وكفريا في ريف إدلب.", []),
        # the land around a town: where a place lies after "in", the town's as a change's object
        ("Troops captured the village of Krokhmalne in the Kupiansk area on Friday.", ["krokhmalne"]),
        ("Ukrainian officials said their troops had taken control of the Kupyansk area.", ["kupyansk"]),
        # a side determined to retake what it lost takes nothing, however near its capital's name
        (
            "دخل الجيش الأوكراني بلدة ليمان في منطقة دونيتسك التي أثار ضمها رفضا من قبل كييف المصممة على استعادة أراضيها.",
            ["lyman-ua"],
        ),
        # what a district holds is not its town
        ("Our forces entered Kupiansk. The liberation of Izium District's settlements is underway.", ["kupyansk"]),
        # provinces a dash opens a list of, whose capitals share their names; not capitals a colon opens
        (
            "The government launched a counter-offensive in recent weeks and recaptured four southern provinces - Abyan,"
            " Aden, Dalea, and Lahj. The advance has been leading toward the north.",
            [],
        ),
        (
            "Russian forces have captured two cities in the Donetsk region — Chasiv Yar and Toretsk.",
            ["chasiv-yar", "toretsk"],
        ),
        (
            "The Taliban seized three provincial capitals: Kunduz, Sar-e-Pul and Taloqan.",
            ["kunduz", "sar-e-pul", "taloqan"],
        ),
        # a list a word for "namely" opens past the towns' count, its first name with its noun
        (
            "تمكن مقاتلو الفصائل من فرض سيطرتهم العسكرية على عدد من القرى في ريف حماة، والمتمثلة بكل من: بلدة كفرنبودة،"
            " وتل هواش، والجنابرة.",
            ["kafr-nabudah", "unlisted:الجنابره", "unlisted:تل-هواش"],
        ),
        # the towns a participle of the change says are liberated, then listed
        (
            "وقال قائد العمليات إن القرى المحررة هي كل من مطنطر، وتل الشعير، وكرمردي في محافظة نينوى.",
            ["unlisted:تل-الشعير", "unlisted:كرمردي", "unlisted:مطنطر"],
        ),
        # a listed name of two words the list goes on right after
        (
            "واستعادت القوات بلدات السامية وأبو صبحة صلمة وتل عرش في ريف حلب الشرقي.",
            ["unlisted:ابو-صبحه-صلمه", "unlisted:الساميه", "unlisted:تل-عرش"],
        ),
        # a town cleared of mines changed no hands; one cleared of militants did
        ("Army engineers cleared Raqqa of mines and unexploded shells on Monday.", []),
        ("Troops cleared Raqqa of the last militants on Monday.", ["raqqa"]),
        # a list's name between commas that is also a word, not a frequent one
        (
            "The army liberated Susanlig, Doni, Tug, Akaku and Azikh villages of Khojavend province on Monday.",
            ["unlisted:akaku", "unlisted:azikh", "unlisted:doni", "unlisted:susanlig", "unlisted:tug"],
        ),
        ("Rebels seized Homs, Hama, Victory, Hope and Aleppo villages last week.", ["aleppo", "hama", "homs"]),
        # towns seized with none named: the place before the verb only locates the offensive
        ("Militant offensive in Aleppo kills dozens and seizes towns", []),
        # a facility named after the town, a wildfire, part of a town entered
        ("An Emirati port operator takes control of Syria's Tartus port in a new deal.", []),
        ("The civil defence announces control over most Latakia fires, cooling continues", []),
        ("وتوغل المسلحون في بعض أحياء بلدة جيبو قبل أن ينسحبوا منها.", []),
        ("دخل المسلحون بعض أحياء مدينة جيبو فجر الأحد.", []),
        # a redeployment inside a province keeps it; a possibility or a plan to come is no change
        ("وأعلن الجيش إعادة انتشار وتموضع في محافظتي السويداء ودرعا.", []),
        ("كانت المعركة ستتيح للمسلحين إمكانية دخول حماة من الشمال.", []),
        ("والقوات في التوجه لتخليص لحج وتعز من قبضة المسلحين.", []),
        ("ورجح القائد إكمال تحرير مدينة الرمادي خلال الأسبوعين المقبلين.", []),
        # a race left by cities is no war
        ("وانسحبت مدينتا أوسلو ولفيف من السباق لاستضافة الألعاب الشتوية.", []),
        # a claim a denial names is still reported
        ("Kyiv on Friday denied Moscow's claim to have captured the town of Siversk.", ["siversk"]),
        # localities are towns; «بما في ذلك» opens a list as «بينها» does
        (
            "In eastern DR Congo, M23 rebels advanced into South Kivu, capturing the mining localities of Rutare and Kibati.",
            ["unlisted:kibati", "unlisted:rutare"],
        ),
        ("سيطرت فصائل محلية على المزيد من القرى بما في ذلك إزرع والصنمين.", ["izra", "sanamayn"]),
        ("In eastern DR Congo, the army retook the locality of Kibati from M23.", ["unlisted:kibati"]),
        # what a control imposed or a handover takes is no town: axes inside it, roads at its gates, weapons
        ("وقالت الميليشيا إنها فرضت سيطرتها الكاملة على ثلاثة محاور في مدينة بابنوسة.", []),
        ("وأعلنت الجماعة السيطرة على طرق رئيسية على أبواب باماكو.", []),
        ("وقال شهود إن جنودا بالفاشر يسلمون أسلحتهم للمسلحين.", []),
        ("فرضت القوات سيطرتها الكاملة على مدينة بابنوسة.", ["babanusah"]),
        # a question of what may come, an entry kept from happening, a person seized, "clear" as an adjective
        ("Will Addis Ababa fall to Tigray forces?", []),
        ("JNIM has barred lorries carrying food from entering the city of Timbuktu.", []),
        ("Gunmen seized a local cameraman in Gaza City on Monday.", []),
        ("The council wants the UN to set Khartoum clear benchmarks.", []),
        # an assault named by its noun, and Kordofan's villages of 2025
        ("مقتل 20 جنديا ومتطوعا في اجتياح مسلحين لمدينة جيبو شمال بوركينا فاسو.", []),
        ("استعاد الجيش السيطرة على منطقة الحمادي في ولاية جنوب كردفان.", ["al-hamadi"]),
        # a city's quarter fought over is a place of its own: the city only says whose quarter it is
        ("Government forces took control of Aleppo's Sheikh Maksoud on Saturday.", ["sheikh-maqsoud"]),
        ("وأعلنت الوزارة السيطرة على كامل منطقة أبو سليم جنوب العاصمة الليبية طرابلس.", ["abu-salim"]),
        # weather that sweeps a capital, and a book edited in a city
        ("وفي الأثناء اجتاحت عاصفة رملية كثيفة العاصمة الأردنية عمان وسط حر شديد.", []),
        ("وصدر في بيروت كتاب جديد عن الشعر العربي، بتحرير الدكتور سامي يوسف.", []),
        # a goal named, and positions evacuated in a region's town
        (
            "وتقع البلدة شمال مدينة دونيتسك التي تسيطر عليها موسكو، وتعد أساسية لهدف موسكو المتمثل في السيطرة الكاملة"
            ' على مقاطعتي "دونيتسك" و"لوهانسك".',
            [],
        ),
        ("كييف تؤكد: القوات الروسية أخلت مواقع لها في خاركيف", []),
        # places described before the word that names some of them, and what the list led to after it
        (
            "أحكمت الفصائل قبضتها على مناطق استراتيجية في ريف حماة الشمالي، منها أرزة، الشيحة، شرعايا، وكفر الطون،"
            " بذلك، باتت حماة على خط الجبهة.",
            ["unlisted:ارزه", "unlisted:الشيحه", "unlisted:شرعايا", "unlisted:كفر-الطون"],
        ),
        # influence spread over a town, past the verb's subject
        ("بسطت القوات الحكومية نفوذها على مدينة الطبقة يوم الأحد.", ["tabqa"]),
        # a dual's noun is evidence for the minor town named second
        (
            "أعلن المرصد انسحاب المقاتلين، صباح اليوم، من مدينتي دير حافر ومسكنة، وذلك عقب إعلان رسمي.",
            ["dayr-hafir", "maskanah"],
        ),
        # a participle's plural noun names the list a verb "include" opens
        (
            "Officials spoke in Azerbaijan on Monday. The recaptured villages include Karkhulu, Shukurbayli and Dejal.",
            ["unlisted:dejal", "unlisted:karkhulu", "unlisted:shukurbayli"],
        ),
        # the object is unnamed towns, not the place named before the verb
        ("In Congo, M23 tightened its hold on Goma by capturing nearby mineral-rich towns.", []),
        # an effort, with or without its article, is no change
        ("Sudan's army bombed Omdurman in effort to drive out RSF", []),
        # a change of the last days is news, though told after "following"
        ("M23 took Masisi in Congo, following their takeover of Sake on Saturday.", ["masisi", "sake"]),
        # a way out kept open is no retreat
        ("The RSF holds the dam at Jebel Aulia to secure a retreat route.", []),
        # sought, offered, ready to: nothing done yet
        ("وسعت القوات إلى السيطرة على الدلنج لكنها لم تنجح.", []),
        ("قالت قسد إنها مستعدة لسحب قواتها من حي الشيخ مقصود بمدينة حلب بشروط.", []),
        ("قسد تعرض سحب قواتها من الشيخ مقصود والأشرفية بحلب", []),
        # what a change would open the way to
        ("إن دخول حمص يمهد الطريق إلى السيطرة على العاصمة دمشق.", []),
        # a change a demonstrative names was told before
        ("وعادت الأسواق في العاصمة دمشق إلى العمل بعد هذا الانسحاب.", []),
        # (a demonstrative that is a verb's object names no change: «وسبق ذلك تحرير …», and that was preceded by …)
        ("وسبق ذلك تحرير مدينة زنجبار عاصمة أبين بشكل كامل.", ["zinjibar"]),
        # parts handed over are not the town the subject lives in
        ("بدأ السكان في مدينة حلب بتسليم أجزاء من حيهم إلى الحكومة.", []),
        # advancing towards a town is no change of it
        ("الفصائل تعلن دخول درعا وتتقدم صوب حمص", ["daraa"]),
        # the town proper taken is the town
        ("قالت الفصائل إنه تم تحرير مركز مدينة تل رفعت من المسلحين.", ["tal-rifaat"]),
        # the towns the control itself took in, past a relative clause
        (
            "سيطرت الفصائل على ريف حمص. وشملت السيطرة مدناً وبلدات كانت تعتبر مراكز مهمة لقوات الجيش، منها تلبيسة"
            " والرستن.",
            ["rastan", "talbiseh"],
        ),
        # «بريف» says where the last name of a list lies, and is no word of it
        (
            "أعلن الجيش فرض السيطرة على سد المنصورة، وبلدتي رطلة والحمام بريف الرقة.",
            ["unlisted:الحمام", "unlisted:رطله"],
        ),
        # ground named after a town is not the town
        ("The Syrian army pulled back from the Lattakia mountains towards the coast.", []),
        # unnamed areas lost are not the place named before the verb
        ("Once the offensive on Aleppo began, government forces lost control of large areas within days.", []),
        # a town lost to a side, its noun between
        ("The army lost the town of Sake to M23 on Thursday.", ["sake"]),
        # where a force came from is not what it left
        ("وتحدثت مصادر عن انسحاب قوة كانت قادمة من مدينة مصراتة.", []),
        ("Witnesses reported the withdrawal of a column coming from Misrata.", []),
        # a change named as a goal is none yet
        ("وقال البيان إن الاستيلاء على بوكروفسك التي تقترب منها القوات الروسية لا يزال هدفا رئيسيا لموسكو.", []),
        ("Capturing Pokrovsk remains the main goal of Russia's summer offensive.", []),
        ("Russia said capturing Pokrovsk was its main goal, and its troops seized Selydove on Tuesday.", ["selydove"]),
        # the reach of a side's control, widened, is no change of the city it lies in
        ("وسع الجيش نطاق سيطرته داخل أحياء حلب الشرقية يوم الإثنين.", []),
        # where fighters withdrew to is not what they left
        ("وقالت المصادر إن المقاتلين انسحبوا في اتجاه بلدة عرسال على الحدود.", []),
        # areas a church names are a town's quarters
        ("وتدور معارك في شمال القصير بعد أن سيطر الجيش على مناطق المركز الثقافي والكنيسة والغيطة.", []),
        # a word that joins names makes a locality of an area's name
        ("أعلنت قوات الدعم السريع السيطرة الكاملة على منطقة أبو قمرة بولاية شمال دارفور.", ["unlisted:ابو-قمره"]),
        # "near" that says how complete the control is
        ("Kurdish-led forces have taken near complete control of Manbij, a commander said.", ["manbij"]),
        # put off, allowed, described by what it holds, long done, still to come: no change
        ("Withdrawal of rebel fighters from Homs delayed again", []),
        ("Under the deal the rebels are allowed to withdraw from Homs without a fight.", []),
        ("The offensive against militants in control of Idlib began in the spring.", []),
        ("The SDF said it has no fighters inside Aleppo, having withdrawn previously under a deal.", []),
        ("Fighting will go on until the entirety of Sweida is liberated, the sheikh said.", []),
        # aid let in
        ("Trucks of the Syrian Arab Red Crescent entered the town of Madaya on Thursday.", []),
        # an army driven out
        ("Reports spoke of the expulsion of the Syrian army from the city of Douma.", ["douma"]),
        # a name that is a word too: at the end of a list a place locates, and as what a side took control of
        (
            "وأكدت مصادر محلية أن الجيش انسحب من البوكمال والميادين في دير الزور ونقل قواته نحو البادية.",
            ["albukamal", "mayadin"],
        ),
        ("وسيطرت قوات الجيش السوري على الطبقة يوم الأحد بعد انسحاب قسد منها.", ["tabqa"]),
        # the time a side held a place is no taking of it
        ("وارتكب التنظيم انتهاكات كثيرة أثناء سيطرته على مدينة الرقة.", []),
        # a dateline whose dash is glued to the story's first word binds nothing
        ("بغداد، العراق (CNN)—أعلن الجيش العراقي، السبت، سيطرته على المدخل الجنوبي لمدينة تكريت.", ["tikrit"]),
        # a date inside a relative clause that a party's name opens tells of the party, not of the claim
        ("استطاع الجيش العراقي تحرير مدينة الرمادي من قبضة داعش الذي احتلها مطلع مايو الماضي.", ["ramadi"]),
        # unnamed villages taken, counted or not, and the towns around which a side presses on
        ("Russia says it captured small village, presses on around Pokrovsk and Kupiansk", []),
        ("Moscow says it retook 4 villages from Ukraine in Kursk", []),
        # a share of the ground is no town
        ("Moscow has wrested back control of more than two-thirds of the territory seized by Kyiv in Kursk.", []),
        # people who will not abandon their homes
        ("Some 1,500 people in Avdiyivka stayed, refusing to abandon their homes.", []),
        # a town a list adds "as well as", where it lies beside the last
        (
            "Russian forces seized Pokrovsk as well as the nearby town of Myrnohrad, Moscow said.",
            ["myrnohrad", "pokrovsk"],
        ),
        # the towns a road is named after, past its adjective («الدوليين»), and a word masked by a dot
        (
            "وقالت الجبهة إن مقاتليها استولوا على دبابة وقطعوا الطريقين الدوليين حلب – دمشق وحلب – اللاذقية.",
            [],
        ),
        ("وقالت مصادر إن الفصائل تمكنت من اسـ. ـتعادة السيـ. ـطرة على بلدة كفرنبودة بعد معارك.", ["kafr-nabudah"]),
        # a village named like a city is not the city, in either script, nor is a longer name that opens with it
        # (the village is, a word in construct with one carrying the article, where «توغلت» is a change)
        (
            "وقال مراسلنا إن قوة إسرائيلية توغلت صباح اليوم في قرية صيدا الحانوت بريف القنيطرة الجنوبي.",
            ["unlisted:صيدا-الحانوت"],
        ),
        ("Earlier on Thursday, Israeli forces entered the village of Saida al-Hanout in southern Quneitra.", []),
        # a capital as the side that loses, a state still to come, some of a district's towns
        (
            "Insurgents captured Morek on Thursday. The capture of Morek was another blow to Damascus and Moscow.",
            ["murak"],
        ),
        ("According to the council, the SDF will be in control of Tabqa within days.", []),
        ("Turkish troops and allied militants have so far seized five of Afrin's seven urban centers.", []),
        # "the town" is no city of a million: it is the town taken
        (
            "Militants seized the ancient town of Palmyra on Wednesday, activists said. It opens the way to "
            "government-held areas, including Homs and Damascus. Government forces withdrew from the town.",
            ["palmyra"],
        ),
        # a list goes on past the farms around one of its villages
        (
            "وأضاف أنه نتيجة المعارك في ريف حلب تمت السيطرة على 25 قرية منها تل شعير والمزارع المحيطة بها والطعانة وحريصة.",
            ["unlisted:الطعانه", "unlisted:تل-شعير", "unlisted:حريصه"],
        ),
        # towns the object of a change adds with their noun after a dam; a purpose; the occupation done
        (
            "وقال مصدر إن الاشتباكات استمرت. ونقلت الوكالة عن الجيش إن قواته فرضت سيطرتها على سد المنصورة "
            "(سد البعث سابقًا)، وبلدتي رطلة والحمام بريف الرقة.",
            ["unlisted:الحمام", "unlisted:رطله"],
        ),
        ("وقال مصدر إن الاشتباكات استمرت. ويأتي ذلك في ظل شن التحالف معارك لطرد داعش من الرقة.", []),
        ("وقال مصدر إن الاشتباكات استمرت. وأفادت مصادر أن التنظيم قام بإحتلال كامل مدينة تدمر بريف حمص.", ["palmyra"]),
        # a state's capital named after the state; fighting that ended in the change
        ("Sudan's RSF says it captures Sennar capital, residents said on Saturday.", []),
        (
            "وقال مصدر إن الاشتباكات استمرت في مديرية بيحان غرب محافظة شبوة. وأعلنت القوات أسر مئة مسلح في "
            "المعارك الأخيرة التي انتهت بالسيطرة الكاملة على عسيلان وبيحان.",
            ["bayhan", "usaylan"],
        ),
        # a town named in apposition to the definite noun that opens its sentence, not a person after one further in
        (
            "The army has seized a village from Islamic State near Homs, state media said. The captured village, "
            "al-Hadath, lies east of the highway.",
            ["unlisted:al-hadath"],
        ),
        ("Reporters spoke to the mayor of the town, Mandefro Tadesse, after troops took Homs.", ["homs"]),
        # towns cleared of a party, named before the verb; not of mines
        (
            "As fighting went on, the villages of Adnaniya, Bir Hashim and Rabia northwest of Raqqa have been cleared "
            "of the gangs.",
            ["rabiah", "unlisted:adnaniya", "unlisted:bir-hashim"],
        ),
        ("The town of Rabia in Raqqa was cleared of mines on Monday.", []),
        # the cities that withdraw from a race to host the Olympics
        (
            "وانحصرت المنافسة على استضافة الأولمبياد بين بكين وألماتي بعد انسحاب جميع المدن الأوروبية الأخرى "
            "وهي ستوكهولم السويدية وكراكوفا البولندية وأوسلو النروجية ولفيف الأوكرانية.",
            [],
        ),
        # a key to a town is no change of it
        ("وأحرز الجيش الحر تقدما واسعا، لافتاً إلى أن ناحية شران تعتبر مفتاح الدخول لمدينة عفرين من الشرق.", []),
        # a share of a city in per cent is no change of it: the rest is still fought for
        ("The SDF said on Monday it had taken control of about 30 per cent of Raqqa.", []),
        ("The RSF have taken control of 70 percent of Khartoum, the report said.", []),
        # a flag that will be raised
        ("وقال مصدر إن القتال مستمر. وقال العبادي إن العلم العراقي سيرفع ويرفرف عالياً فوق أراضي الفلوجة.", []),
        # a town past the country that has it; a side in full charge of a town; villages cleared of a party past
        # an adverb; a Levantine spelling of the name
        ("Islamic State fighters take Syria's Palmyra after a week of street battles, residents say.", ["palmyra"]),
        ("The group said in a statement it was now in full charge of Palmyra and its airport.", ["palmyra"]),
        (
            "Later the villages of Barzukh and Tell Mashriq near Tal Abyad were also cleared of the militants.",
            ["unlisted:barzukh", "unlisted:tell-mashriq"],
        ),
        (
            "Government troops said they had regained control over Kafr Naboudeh north of Hama on Sunday.",
            ["kafr-nabudah"],
        ),
        # (not a thing of the city's taken there)
        ("The militants took the city's council building in Aleppo on Monday.", []),
        # a town's people evacuated, or ordered to leave, is no town given up; its troops leaving it is
        ("وقالت السلطات إن أوكرانيا أصدرت الأربعاء أوامر إخلاء لبلدة بيلوزيرسكي القريبة من الجبهة.", []),
        ("وقالت السلطات إن فرق الدفاع المدني أخلت احترازيا سكان عمارة في حي الحمراء بسبب حريق.", []),
        ("وقالت السلطات إن القوات الأوكرانية أخلت بلدة بيلوزيرسكي بعد معارك عنيفة.", ["bilozerske"]),
        # a namesake ten times as populous abroad (Rosh HaAyin, also "Ras al-Ayn") does not make the article's
        # geography before the country it names picks the town
        ("Fighters backed by Ankara entered and took Ras al-Ayn in northeastern Syria on Sunday.", ["ras-al-ayn"]),
        # counted parts of a city written in front of them are no change of the city
        ("Officials said the Taliban had taken control of nine Lashkar Gah districts as aircraft pounded them.", []),
        (
            "Officials said the Taliban had taken control of Lashkar Gah on Friday after weeks of fighting.",
            ["lashkar-gah"],
        ),
        # weapons a side hands over, named before the verb, are no town handed over; the town itself is
        ("وعرضت القناة صورا لصواريخ مضادة للدروع، سلمتها الفصائل في درعا للجيش ضمن التسوية.", []),
        ("وقالت القناة إن الفصائل سلمت مدينة درعا للجيش ضمن التسوية.", ["daraa"]),
        # a coordinator standing as a word of its own parts a list of villages, quoted or not
        (
            'وقالت غرفة العمليات إن الفصائل سيطرت على قرى "خربة سلوك و حيدر و جعنكي" شمال غربي عفرين.',
            ["unlisted:جعنكي", "unlisted:حيدر", "unlisted:خربه-سلوك"],
        ),
        (
            "وقالت غرفة العمليات إن الفصائل سيطرت على قرى خربة سلوك و حيدر و جعنكي شمال غربي عفرين بعد اشتباكات.",
            ["unlisted:جعنكي", "unlisted:حيدر", "unlisted:خربه-سلوك"],
        ),
        # two bearings of where the towns lie are no name, nor more nouns for places after a noun for quarters
        ("وقالت الفصائل إنها تمكنت من السيطرة على قرى وبلدات استراتيجية شمالي وغربي حماة خلال الليل.", []),
        ("وأعلنت القيادة أن القوات حررت عددا من أحياء وقرى ومناطق الجانب الأيمن لمدينة الموصل.", []),
        # a government named by its seat is no change of the seat
        ("وانتشر المسلحون داخل المدينة التي تخرج لأول مرة عن سيطرة النظام في دمشق منذ 2011.", []),
        # where in a city or its land a quarter or a village lies: the city only locates it
        ("وتمكنت القوات اليوم من تحرير حي السكر في الساحل الأيسر لمدينة الموصل.", ["unlisted:السكر"]),
        ("وتمكنت القوات اليوم من تحرير قرية السكر في الريف الشمالي لمدينة الموصل.", ["unlisted:السكر"]),
        # a group of towns taken is no town, unless the towns are then named
        ("وكانت القوات قد سيطرت أمس على مجموعة من البلدات في ريف مدينة تل أبيض.", []),
        ("وسيطرت الفصائل على مجموعة من القرى بينها تل رفعت ومنغ.", ["tal-rifaat", "unlisted:منغ"]),
        ("وقالت الوزارة إن وحدات من المجموعة الشمالية حررت بلدة سودجا.", ["sudzha"]),
        # a number of towns taken, then named past where they lie
        (
            "وأعلنت الفصائل سيطرتها على عدد من البلدات في ريف حلب الشمالي وهي كفرزيتا، تل قمر، حزرين.",
            ["kafr-zayta", "unlisted:تل-قمر", "unlisted:حزرين"],
        ),
        # districts and subdistricts are named for their town
        ("واستعادت القوات العراقية قضاء دبس بعد معارك مع التنظيم.", ["dibis"]),
        ("وحررت القوات اليمنية مديرية الزاهر بالكامل.", ["az-zahir-ye"]),
        # the town a village belongs to only locates it
        ("وقالت الفصائل إنها سيطرت على قرية مرصو التابعة لمدينة عفرين.", ["unlisted:مرصو"]),
        # property seized, weapons handed over, a ruler fallen, a change still to be announced, a city's old town
        ("Armed groups keep seizing the properties of displaced families in Afrin.", []),
        ("Under the deal for Daraa, the rebels are to hand over their heavy and medium-sized weapons.", []),
        ("Families displaced from Homs came back after Assad fell.", []),
        ("Sources said the liberation of Manbij will be announced very soon.", []),
        ("Kurdish-led forces completed the liberation of Raqqa's Old City.", []),
        # towns counted after "took", then named
        (
            "The Taliban took three provincial capitals over the weekend, Zaranj, Sheberghan and Taloqan.",
            ["shibirghan", "taloqan", "zaranj"],
        ),
        # a name a word that opens names heads needs only no common word after it, after «منطقة» too
        ("وأكد الجيش أن قواته سيطرت على منطقة رأس لانوف بالكامل بعد معارك في ليبيا.", ["unlisted:راس-لانوف"]),
        # a university freed is no town freed
        ("وأكد قائم مقام قضاء الرمادي أن القوات استطاعت تحرير جامعة الأنبار من التنظيم.", []),
        # the towns named before the count of the rest
        (
            "Fighting went on in Syria as Turkish-backed fighters captured Zaytunak, Sorani and four other villages.",
            ["unlisted:sorani", "unlisted:zaytunak"],
        ),
        (
            "Fighting went on in Syria as Turkish-backed fighters captured Zaytunak, Sorani and other 4 villages.",
            ["unlisted:sorani", "unlisted:zaytunak"],
        ),
        ("Fighting went on in Syria as Turkish-backed fighters captured 4 villages near Afrin.", []),
        # a council that speaks from a town says where it is, not that the town changed hands
        ("وقال مسؤول في المركز الإعلامي للمجلس العسكري في مصراتة إن زليتن باتت تحت سيطرة مقاتلينا.", ["zliten"]),
        # where in a province towns were freed or forces pulled back: the province's city only locates it
        (
            "The SDF said Mergede town and twenty-four villages were liberated in Deir ez-Zor.",
            ["unlisted:mergede"],
        ),
        ("Assad forces withdraw in Daraa and Deir Ezzor as rebels advance on Homs.", []),
        ("The army withdrew from Daraa on Sunday.", ["daraa"]),
        ("Syrian troops took over a former rebel bastion in north Quneitra.", []),
        # an adjective of the noun's towns, in its number, ends the list's last name
        (
            "وأفاد مصدر في اليمن بأن مديريتي بيحان وعين الاستراتيجيتين أصبحتا بالكامل تحت سيطرة الحوثيين.",
            ["bayhan", "unlisted:عين"],
        ),
        # villages abandoned with no side named were left by their people; by a side, they changed hands
        (
            "Fighting went on in Mozambique, and the villages of Miangalewa and Muatidi have been completely abandoned.",
            [],
        ),
        (
            "Fighting went on in Mozambique. The town of Muatidi was abandoned by government troops.",
            ["unlisted:muatidi"],
        ),
        # a place set apart from what was taken, and a retreat that only describes the troops
        ("The Taliban captured every district capital in Helmand except Lashkar Gah.", []),
        ("وسيطرت الفصائل على كامل ريف إدلب الجنوبي باستثناء مدينة خان شيخون.", []),
        ("In Ethiopia, the retreating force is engaged in Woldia and nearby areas.", []),
        # a count in words of the towns an inclusion then names, a return to a side's control, the loser between
        # "drive" and "out of"
        (
            "In Syria, Turkish forces were able to capture thirteen villages from the Kurdish-led Syrian Democratic"
            " Forces, including Zarovka, Dorvalka and Mellinka.",
            ["unlisted:dorvalka", "unlisted:mellinka", "unlisted:zarovka"],
        ),
        ("In Syria, the town of Zorbakh returned to army control on Tuesday.", ["unlisted:zorbakh"]),
        ("Ukrainian troops had driven the Russians out of the village of Toshkivka on Sunday.", ["toshkivka"]),
        (
            "In Syria, government forces managed to drive the fighters out from Zorbakh village on Monday.",
            ["unlisted:zorbakh"],
        ),
        # the outskirts entered, half of a town, a city's industrial zone: parts of it, not the place
        ("Russian troops have entered the outskirts of the Ukrainian city of Sievierodonetsk, the governor said.", []),
        ("The SDF established control over 50% of Manbij on Sunday.", []),
        ("Syrian army recaptures Aleppo's industrial city after heavy fighting.", []),
        # a storming begun, a district that a village belongs to, two armoured vehicles seized
        ("The fighters began storming Raqqa on Tuesday, the monitor said.", []),
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. وبدأت القوات باقتحام الرقة يوم الثلاثاء الماضي.", []),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. تمكن الجيش من السيطرة على قرية زوردلا التابعة لناحية جنديرس.",
            ["unlisted:زوردلا"],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في العراق. وأسقطت القوات طائرة في حي النصر، واستولت على عربتين مدرعتين.", []),
        # a relative clause of a victory that culminated in the change is the change
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وهنأ الرئيس القوات بالنصر في الموصل، والذي تكلل بتحرير أحياء"
            " زوردلا وكيميرا من التنظيم.",
            ["unlisted:زوردلا", "unlisted:كيميرا"],
        ),
        # a meteor that fell
        ("وأعلنت السلطات سقوط نيزك في مدينة حمص ليلة الخميس.", []),
        # a passive's subject past an addition, an adverb after the auxiliary
        (
            "In Somalia, the towns of Zarovka, Dorvalka, Mellinka, and Takrana, along with other areas, were also"
            " reclaimed.",
            ["unlisted:dorvalka", "unlisted:mellinka", "unlisted:takrana", "unlisted:zarovka"],
        ),
        # a claim a denial names is still reported, and a pluperfect dated two days ago is the news
        (
            "وقال مصدر إن الاشتباكات استمرت في أوكرانيا. ونفى الجيش مزاعم روسيا بالسيطرة على بلدة زوردلا.",
            ["unlisted:زوردلا"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في اليمن. وكان المسلحون قد سيطروا على قرية زوردلا قبل يومين.",
            ["unlisted:زوردلا"],
        ),
        # a list goes on past an apposition, and past adjectives of a town's noun
        (
            "With the capture of Taloqan, the capital of the northeastern province of Takhar, and the strategically"
            " important city Kunduz hours earlier, the Taliban hold four capitals.",
            ["kunduz", "taloqan"],
        ),
        # a unit that belongs to the army locates no village
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وتمكنت قطعات الفرقة التاسعة التابعة للجيش من تحرير قرى زوردلا"
            " وكيميرا في الساحل الأيمن.",
            ["unlisted:زوردلا", "unlisted:كيميرا"],
        ),
        # police beside the army are a side of the war, and a police chief who reports the change speaks of it
        (
            "In Burma, police and army units have pulled out of the border town of Myawaddy, residents said.",
            ["myawaddy"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وأعلن قائد شرطة المحافظة أن القوات الأمنية استعادت السيطرة على"
            " قرية الكرمشية.",
            ["unlisted:الكرمشيه"],
        ),
        ("In Syria, police seized a stolen vehicle in Homs on Sunday.", []),
        # an intention is no change, nor is a person ousted
        ("In Congo, the rebels had said earlier that they had no intention of capturing Bukavu.", []),
        ("In Afghanistan, supporters of the ousted governor of Herat clashed with police and troops on Sunday.", []),
        ("In Afghanistan, the Taliban ousted government forces from Herat on Sunday.", ["herat"]),
        # nearness with an adverb, a storming repelled, a purpose, a hold made firmer, a matter of time and
        # battles named for a place are no change of it
        ("وقال مصدر إن الاشتباكات استمرت في الكونغو. باتت الحركة قريبة جدا من الاستيلاء على بلدة موكيتا.", []),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. صد المقاتلون عملية اقتحام على جبهة قطاع البستان في حي الوردة شرق حلب.",
            [],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. تقدمت القوات لفصل أحياء حلب الشرقية ليسهل السيطرة عليها لاحقا.", []),
        ("وقال مصدر إن الاشتباكات استمرت في ليبيا. عزز الثوار سيطرتهم على مدينة البريقة.", []),
        ("وقال مصدر إن الاشتباكات استمرت في السودان. يرى المؤيدون أن استعادة ود مدني مسألة وقت.", []),
        ("وقال مصدر إن الاشتباكات استمرت في اليمن. أشاد المحافظ بدور الطيران في معارك تحرير بيحان وعسيلان.", []),
        # a position stormed in a town is no change of the town; a coast that two cities lie on is where they are
        ("وقال مصدر إن الاشتباكات استمرت في مالي. اقتحم المسلحون موقعا للجيش في بلدة كوريبا.", []),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. أعلن المتحدث استعادة السيطرة على مدينتي طرطوس واللاذقية الواقعتين على الساحل السوري.",
            ["latakia", "tartus"],
        ),
        # the control villages are freed from is no change of the city the battle is named for; a town that leaves
        # control is
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. حررت القوات قريتي الحمرة والبوعيسى من سيطرة داعش في معركة الساحل الغربي للموصل.",
            ["unlisted:البوعيسي", "unlisted:الحمره"],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. وخرجت مدينة سراقب من سيطرة النظام بعد معارك عنيفة.", ["saraqib"]),
        # a day between the words of the phrase, before towns it names; a demand and a promise are no change
        (
            "In Syria, the army gained control Friday of the towns of al-Zurdala and al-Kemira south of the refinery.",
            ["unlisted:al-kemira", "unlisted:al-zurdala"],
        ),
        ("In Syria, Washington must have the militias withdraw from the town of Manbij, the president said.", []),
        ("In Syria, Ankara said Washington broke its promise to clear Manbij of the militias.", []),
        # an article inside a name written with the sun letter it takes on
        ("In Syria, rebels captured the city of Deir Az Zor on Wednesday.", ["deir-ez-zor"]),
        # a village added to the one a retaking names first
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. واستعادت القوات قرية الزوردلا جنوب غربي المدينة، إضافةً إلى قرية الكيميرا.",
            ["unlisted:الزوردلا", "unlisted:الكيميرا"],
        ),
        # a known name a hyphen joins to a capitalised word is part of another name
        (
            "In Somalia, the militants secured control of Yontoy and Bulo-Gadud villages on Saturday, elders said.",
            ["unlisted:bulo-gadud", "unlisted:yontoy"],
        ),
        # the town a sentence says is the first taken, past an apposition; not the first to get something else
        (
            "In Myanmar, Kawlin, in the north of the region, is the first district town captured by resistance"
            " fighters since the coup, locals said.",
            ["kawlin"],
        ),
        ("In Syria, Aleppo is the first city in the country to get a new power plant.", []),
        # a storming of a town's districts is an assault, not its capture
        ("In Sudan, the paramilitaries stormed eastern districts of Babanusa at dawn, residents said.", []),
        (
            "In Sudan, the paramilitaries stormed Babanusa at dawn and took control of it, residents said.",
            ["babanusah"],
        ),
        # a region that names a resistance force is the force, not a place taken
        ("In Myanmar, Magway Resistance Seizes Army Outpost", []),
        # «ب» glued to the countryside: the city after it only says where the villages lie
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. وسيطر الجيش على 12 بلدة وقرية بالريف الشرقي لحمص.", []),
        # a change nearly done, or one still to come, is not done
        ("In Iraq, officials said troops have almost liberated Ramadi from the militants.", []),
        ("In Iraq, the commander said his forces will pull out of Tikrit next week.", []),
        # "forces" as a noun drives no one out
        ("In Libya, LNA forces clashed with forces from Misrata loyal to the government near Sirte.", []),
        # members of an armed group captured in a town are people taken
        ("In Iraq, the army Captures Four IS Members in Ramadi.", []),
        # a team of the war's own speaks of it
        ("In Iraq, a member of the operations team told reporters that troops liberated Tikrit on Sunday.", ["tikrit"]),
        # what a change would do, the battle ahead, a delegation or aid let in, parts of a town left, barracks
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وقال المدير إن من شأن سيطرة الفصائل على مدينة حمص أن تقطع الطريق الدولي.",
            [],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. الفصائل تعلن السيطرة على مدينة حماة وتمهد لمعركة حمص", ["hama"]),
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. فيما دخلت إلى مدينة حلب 3000 سلة غذائية.", []),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. فقد دخلت لجنة الأمم المتحدة والهلال الأحمر إلى حلب اليوم لمعاينة المرضى.",
            [],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في ليبيا. انسحبت قوات المعارضة من أجزاء من طرابلس ليلا بعد خسارة قاعدة.", []),
        (
            "وقال مصدر إن الاشتباكات استمرت في بوركينا فاسو. وأكدت الجماعة سيطرتها على ثكنتين للجيش في جيبو ونونا خلال هجومين.",
            [],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في اليمن. أعلنت المقاومة الشعبية في مأرب اقتحام المربع الأمني للمليشيا في وسط المدينة.",
            [],
        ),
        # a village's name holds no handover, and an incursion under way is no control yet
        (
            "وقال مصدر إن الاشتباكات استمرت في لبنان. واستهدفت الطائرات بلدات الزوردلا والكيميرا وخربة سلم وبرج التاكرانكا.",
            [],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في اليمن. وأعلن الجيش أن قواته تتوغل في قرى الزوردلا والكيميرا بمنطقة الجبل.",
            [],
        ),
        # soldiers driven out of a quarter or a village
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وسيطرت القوات على حي الزوردلا بعد طرد مسلحي التنظيم من حي الكيميرا إلى الجنوب أمس.",
            ["unlisted:الزوردلا", "unlisted:الكيميرا"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في أوكرانيا. وقال إنه تم طرد الجنود الروس من قرية الكيميرا.",
            ["unlisted:الكيميرا"],
        ),
        # the words that say when do not part a word of taking control from its object
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. سيطرت قوات سوريا الديموقراطية، اليوم الجمعة، على هجين، أكبر بلدات الجيب.",
            ["hajin"],
        ),
        # districts taken that the sentence then names
        (
            "In Afghanistan, the Taliban captured nine districts on Sunday, including Kofab, Argo, Yawan and Baharak.",
            ["baharak", "unlisted:argo", "unlisted:kofab", "unlisted:yawan"],
        ),
        ("In Syria, rebels captured several districts of Aleppo on Sunday.", []),
        # a quarter named after a region is the quarter
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وقال القائد إن العمليات انتهت بتحرير حي الجولان شمالي مدينة الفلوجة.",
            ["unlisted:الجولان"],
        ),
        # a withdrawal from "the area" leaves no town named before it
        (
            "In Somalia, militants took over a town close to the capital Mogadishu on Saturday, officials said, after"
            " government troops withdrew from the area.",
            [],
        ),
        # facilities in a town, part of a town held by a side, a goal, a liberation prepared for
        ("In Yemen, UAE-backed forces took control of government facilities in Aden on Thursday.", []),
        ("In Syria, troops regained full control of the largest rebel-held area in eastern Homs on Sunday.", []),
        ("In Syria, retaking the whole of Homs, Syria's third largest city, is a key aim of the government.", []),
        ("In Iraq, the army is preparing for the complete liberation of Mosul, officials said.", []),
        ("In Iraq, troops prepared for the assault and then captured Tikrit on Sunday.", ["tikrit"]),
        # a place and a colon opening a line is a dateline, where the report was filed
        (
            "The Taliban have taken most of the districts of Badakhshan within a week, officials said on Wednesday."
            "\n\nAFGHANISTAN. Kabul: Zebak district of Badakhshan fell into the hands of the Taliban on Wednesday,"
            " forcing the security forces to flee across the river into Tajikistan.",
            ["zaybak"],
        ),
        # two nouns for places coordinated lead to the object as one does, so the whole list is taken
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وسيطر الجيش على قرى ومناطق الزوردلا، الكيميرا، تل التاكرانكا، الدورفالكا، الطيبة"
            " الغربية، عين الكرمشية.",
            [
                "unlisted:الدورفالكا",
                "unlisted:الزوردلا",
                "unlisted:الطيبه-الغربيه",
                "unlisted:الكيميرا",
                "unlisted:تل-التاكرانكا",
                "unlisted:عين-الكرمشيه",
            ],
        ),
        # towns counted, then listed in the next sentence; and a count is no subject of a retaking
        (
            "وقال مصدر إن الاشتباكات استمرت في أوكرانيا. وأعلنت أوكرانيا عن تحرير 3 قرى. والقرى هي الزوردلا والكيميرا والتاكرانكا.",
            ["unlisted:التاكرانكا", "unlisted:الزوردلا", "unlisted:الكيميرا"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في أوكرانيا. وأعلنت أوكرانيا عن تحرير ثلاث قرى في المنطقة، وهي الزوردلا والكيميرا والتاكرانكا.",
            ["unlisted:التاكرانكا", "unlisted:الزوردلا", "unlisted:الكيميرا"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في أوكرانيا. وقصفت القوات ثلاث قرى في المنطقة. والقرى هي الزوردلا والكيميرا والتاكرانكا.",
            [],
        ),
        # a quarter's name opened by the transliterated noun for a quarter, an article inside it
        (
            "In Iraq, troops recaptured Hay al-Zarqoun in eastern Mosul on Monday, officers said.",
            ["unlisted:hay-al-zarqoun"],
        ),
        # a part of the town in a headline's last words
        (
            "In Syria, after heavy fighting the army captured key Homs districts",
            [],
        ),
        (
            "In Iraq, government forces have retaken another region in Tikrit as soldiers pushed forward on Monday.",
            [],
        ),
        # an expectation
        (
            "In Iraq, the president said he expects the recapture of Tikrit to be complete by the end of the year.",
            [],
        ),
        # an advance within a place entered before
        (
            "In Palestine, Israeli troops were entering deeper into Khan Younis on Tuesday, witnesses said.",
            [],
        ),
        (
            "In Syria, government troops now control the section of east Homs north of the highway, monitors said.",
            [],
        ),
        # a side left somewhere stays there
        (
            "In Syria, after the capture of the district the rebels are now left boxed in mostly in southern Homs.",
            [],
        ),
        # a part of the town, taken, named before it
        (
            "In Syria, a stronghold in Tabqa liberated, the spokesman of the alliance says.",
            [],
        ),
        # a hospital is a facility
        (
            "In the West Bank, troops have withdrawn from Al-Awda Hospital in Jenin city, sources said.",
            [],
        ),
        # weapons abandoned
        (
            "In Syria, the rebels are to abandon weapons inside Homs city under the deal.",
            [],
        ),
        # a flag hung
        (
            "In Ukraine, soldiers hung their flag over the council building in Vovchansk on Sunday.",
            ["vovchansk"],
        ),
        # the future told after the places
        (
            "In Sudan, the spokesman said that the Karmadi, Dulbeth and Noura areas will be liberated soon.",
            [],
        ),
        # a headquarters
        (
            "In Sudan, government troops retake the state radio HQ in Kassala, officials said.",
            [],
        ),
        # a future carried to a second verb
        (
            "In Sudan, the commander said the rebels will attack and conquer Kosti and Sennar before the rains.",
            [],
        ),
        # the rest of a list counted with a word of size
        (
            "In Somalia, government forces captured Dhuurow, Qorsheeye, Baraaleey and other small towns on Friday.",
            ["unlisted:baraaleey", "unlisted:dhuurow", "unlisted:qorsheeye"],
        ),
        # counted, then named
        (
            "In Somalia, troops seized several small villages in two districts of the region, including Dhuurow, Qorsheeye and Baraaleey.",
            ["unlisted:baraaleey", "unlisted:dhuurow", "unlisted:qorsheeye"],
        ),
        # a silence on a claim is no denial
        (
            "In Sudan, officials have not commented on the claimed fall of Kassala, which the paramilitary announced on Monday.",
            ["kassala"],
        ),
        # a part of the town the town owns
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وتمكنت القوات من تحرير الساحل الغربي لمدينة تكريت بعد معارك.",
            [],
        ),
        # prisoners counted
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وأعلن الجيش أنه حرر 62 أسيراً في تكريت.",
            [],
        ),
        # a clearing done
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وأعلن القائد نجاح القوات في تطهير حيي الدوحة والشقلة غربي المدينة من المسلحين.",
            ["unlisted:الدوحه", "unlisted:الشقله"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وبدأت الفرق الهندسية تطهير مدينة الرقة من الألغام.",
            [],
        ),
        # a forecast and a fear
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وتوقعت المصادر سقوط مدينة تكريت خلال فترة قصيرة.",
            [],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وتزايدت مخاوف خلال الأيام الماضية من دخول عناصر الجماعة مدينة تكريت.",
            [],
        ),
        # positions of its own
        (
            "وقال مصدر إن الاشتباكات استمرت في اليمن. وقالت قوات المجلس إنها بدأت الانسحاب من مواقعها في تعز.",
            [],
        ),
        # buses that enter
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. ودخلت الدفعة الأولى من الحافلات إلى مدينة تلبيسة لنقل المقاتلين.",
            [],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وتحدثت القناة عن دخول 10 حافلات إلى مدينة تلبيسة وسط البلاد.",
            [],
        ),
        # a second change's object is not the first's
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وأعلنت الفصائل دخول مدينة حماة والسيطرة على عدد من الأحياء.",
            ["hama"],
        ),
        # «للمرة» is no place
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وقال الجيش في بيان إنه دخل مدينة تلبيسة، للمرة الأولى منذ سنوات.",
            ["talbiseh"],
        ),
        # most of the town
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وطردت القوات عناصر التنظيم من غالبية مدينة الطبقة بعد معارك.",
            [],
        ),
        # a second object with its own noun
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وقال قائد إن الجيش استعاد مدرسة القرية في الصباح وبلدة تلبيسة بعد معارك عنيفة.",
            ["talbiseh"],
        ),
        # many villages
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وتقدمت القوات في الساحل الأيمن من مدينة الموصل بعد أن حررت العديد من القرى.",
            [],
        ),
        # «بعد أن» opens a clause
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وسيطرت القوات على مدينة تلبيسة بعد أن انتزعت مدينة الرستن أمس.",
            ["rastan", "talbiseh"],
        ),
        # a share of the town in per cent
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وبات أكثر من سبعين في المائة من مدينة الطبقة تحت سيطرة القوات.",
            [],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وسيطرت القوات على 70 في المائة من مدينة الطبقة بعد معارك.",
            [],
        ),
        (
            "In Syria, the alliance has captured 90 percent of the city of Tabqa, a spokesman said.",
            [],
        ),
        # wrested from a side's grip, the quarters are the object
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وقالت القوات إنها انتزعت السيطرة على عدة أحياء من قبضة التنظيم في مدينة الطبقة.",
            [],
        ),
        # in a side's grip
        (
            "وقال مصدر إن الاشتباكات استمرت في اليمن. وأصبحت مدينة عتق في قبضة الحوثيين منذ صباح اليوم.",
            ["ataq"],
        ),
        # a word with tanween is no name
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. إذ استعاد الجيش بلدات وتلالاً استراتيجية في المنطقة.",
            [],
        ),
        # a list of quarters that opens with a common word
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وتمكن الجيش من استعادة أحياء بري والدوحة والشقلة، شرق المدينة.",
            ["unlisted:الدوحه", "unlisted:الشقله", "unlisted:بري"],
        ),
        # a Sudanese locality named for its town
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وسيطرت القوات على محلية الشقلة بشرق الولاية.",
            ["unlisted:الشقله"],
        ),
        # a quarter named after its town is not the town
        (
            "In Iraq, army units entered Mosul al-Jadida and raised the national flag in the main square.",
            [],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وسيطرت القوات على كامل مدينة الرقة القديمة بعد معارك.",
            [],
        ),
        # a Sudanese locality after «ب» says where the area lies
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وأعلنت القوات سيطرتها على منطقة الكرمشية بمحلية الشقلة شمال دارفور.",
            ["unlisted:الكرمشيه"],
        ),
        # a town cleared of a named group
        (
            "In Somalia, the government said the areas of Baidoa and Afgooye were cleared of Al-Shabaab after an operation there.",
            ["afgooye", "baidoa"],
        ),
        # a state that began yesterday
        (
            "In Congo, the mining town of Rubaya has been under rebel control since Sunday, residents said.",
            ["rubaya"],
        ),
        (
            "In Congo, Goma has been under M23 control since 2012, residents said.",
            [],
        ),
        # two places liberated, told as a state reached
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وقال المتحدث إن مدينة الطبقة والمطار القريب منها أصبحتا محررتين بالكامل.",
            ["tabqa"],
        ),
        # the town a side is on its way to
        (
            "وقال مصدر إن الاشتباكات استمرت في أوكرانيا. وأعلنت روسيا أنها سيطرت على مارينكا، وهي بلدة مهمة على طريقها إلى سلوفيانسك.",
            ["maryinka"],
        ),
        # a town named as one, then by its name alone in a later sentence
        (
            "وقال مصدر إن الاشتباكات استمرت في الصومال. وقال الجيش إن عملية عسكرية جرت قرب منطقة الكرمشية بمحافظة شبيلي السفلى أمس."
            " وأضاف البيان أن الجيش سيطر على الكرمشية صباح اليوم.",
            ["unlisted:الكرمشيه"],
        ),
        (
            "In Ukraine, fighting went on near Rubizhne and Bayrak villages on Thursday. Rubizhne, Lozove and Bayrak were"
            " liberated on Friday, the staff said.",
            ["lozove-ua", "rubizhne", "unlisted:bayrak"],
        ),
        # a quarter's city with "in" a proclitic on its noun locates the quarter, as «في مدينة» does
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وسيطرت قوات الدعم السريع على حي الكرمشية بمدينة الفاشر يوم الأحد.",
            ["unlisted:الكرمشيه"],
        ),
        # a quarter list goes on past a quarter named after its city, a numbered one and a name «أم» opens
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وسيطرت الفصائل على أحياء الكرمشية وحلب الجديدة"
            " و3000 شقة وأم زعرور السبيل غربي المدينة.",
            ["unlisted:3000-شقه", "unlisted:الكرمشيه", "unlisted:ام-زعرور-السبيل", "unlisted:حلب-الجديده"],
        ),
        # "each of" opens the objects of the change
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وسيطرت الفصائل على كل من السفيرة وبرغوثة والمحطة الحرارية.",
            ["safira"],
        ),
        # the city its quarters are in is not taken with them, counted or named
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وتمكنت الفصائل من السيطرة على 3 أحياء في مدينة حلب وهي الكرمشية والزهيرات وبرغوثة.",
            ["unlisted:الزهيرات", "unlisted:الكرمشيه", "unlisted:برغوثه"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. ونجح الجيش في توسيع سيطرته على أحياء الكرمشية والزهيرات في وسط مدينة أم درمان.",
            ["unlisted:الزهيرات", "unlisted:الكرمشيه"],
        ),
        # the occupying forces' withdrawal is a change, and a place free of the rebellion changed hands
        (
            "وقال مصدر إن الاشتباكات استمرت في لبنان. وانتشر الجيش في بلدة الكرمشية بعدما انسحبت قوات الاحتلال منها.",
            ["unlisted:الكرمشيه"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وقال القائد إن محلية بحري أصبحت خالية من التمرد.",
            ["khartoum-north"],
        ),
        # lines, sites, headway and a moment recalled are no change of the town
        ("In Libya, their forces will make a tactical withdrawal from some frontlines in southern Misrata.", []),
        ("In Libya, the army had made progress in recapturing Misrata after seizing an area on its outskirts.", []),
        ("In Yemen, that's when the rebels took control of the country's north including the capital, Amran.", []),
        ("In Yemen, rebels seized control of two strategic sites close to Taiz city.", []),
        # villages taken with the city named after them, the city's noun no word referring back
        (
            "In Azerbaijan, the president said the Karmadi, Dhuurow and Belvanli villages and the city of Zangilan"
            " have been liberated.",
            ["unlisted:belvanli", "unlisted:dhuurow", "unlisted:karmadi", "zangilan"],
        ),
        # a force deployed in the towns the other side withdrew from, told in one sentence, takes them over
        (
            "In Lebanon, army units began deploying in the villages of Deir Mardoun and Kfar Salim in the south, and the"
            " village of Ain Qarmash, after the enemy forces withdrew from them.",
            ["unlisted:ain-qarmash", "unlisted:deir-mardoun", "unlisted:kfar-salim"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في لبنان. وانتشر الجيش في بلدة الكرمشية بعد انسحاب القوات منها.",
            ["unlisted:الكرمشيه"],
        ),
        ("In Lebanon, the army deployed in the village of Deir Mardoun to reinforce its positions.", []),
        # control that holds in effect, and what a capture would move
        (
            "In Myanmar, the rebel army said it has also taken effective control of Sittwe town near the border.",
            ["sittwe"],
        ),
        ("In Ukraine, officials said its capture would move the front line away from Donetsk.", []),
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. وقال الوزير إن الجيش أصبح على أعتاب تحرير مدينة حماة.", []),
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. وتمكن الجيش من استعادة السيطرة على منطقتين في مدينة حلب.", []),
        ("وقال مصدر إن الاشتباكات استمرت في العراق. وقال إن القوات العراقية حررت مناطق مختلفة من مدينة تكريت.", []),
        # towns freed in a clause of circumstance, and a town cleansed of a group (not of mines)
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وأنهت القوات عمليتها العسكرية محررة قرى الكرمشية والبرغوثية شمال المدينة.",
            ["unlisted:البرغوثيه", "unlisted:الكرمشيه"],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. وطهرت القوات الأمنية بلدة الكرمشية من عناصر التنظيم.",
            ["unlisted:الكرمشيه"],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في العراق. وطهرت الفرق منازل بلدة الكرمشية من العبوات.", []),
        # where help came from is no object of the change
        ("In Nigeria, troops later recovered the base with reinforcements from Maiduguri, officials said.", []),
        # a city's district named by the city is no change of the city
        ("In Yemen, rebels seized the central Aden district on Monday, residents said.", []),
        # a name the article gives a title elsewhere is the person's
        ("In Ethiopia, Prime Minister Abiy Ahmed spoke on Monday. Abiy hailed the capture by the army.", []),
        # a second town the change befell, its verb left out
        (
            "In Afghanistan, today Gardez fell, just southeast of the capital, and now, according to reports, so has Jalalabad.",
            ["gardez", "jalalabad"],
        ),
        # a town freed with its surroundings (not what lies in the surroundings of one)
        (
            "Fighting went on in Ethiopia on Monday. Mersa and its surroundings have been freed from the rebels.",
            ["mersa"],
        ),
        ("Fighting went on in Ethiopia on Monday. The army captured positions in the surroundings of Woldia.", []),
        # a town named after a king is still the town
        (
            "In Ethiopia, the church was built for King Lalibela centuries ago. Rebels have taken control of the town of"
            " Lalibela, residents said.",
            ["lalibela"],
        ),
        # where a correspondent reports from is no object of the change
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وأفاد مراسل الوكالة من حلب أن الجيش سيطر على 25 قرية أبرزها"
            " الكرمشية والزهيرات.",
            ["unlisted:الزهيرات", "unlisted:الكرمشيه"],
        ),
        ("In Syria, a correspondent from Hama said rebels captured Homs on Monday.", ["homs"]),
        # soldiers falling captive are no town falling (a town falling still is)
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وباتت الفصائل قرب المدينة بعد كسر خطوط الدفاع في أحياء الكرمشية"
            " والزهيرات، وسقوط عدد من ضباط وجنود الجيش أسرى في أيديها.",
            [],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وأكد المصدر سقوط عدد من القرى بيد الفصائل بينها الكرمشية والزهيرات.",
            ["unlisted:الزهيرات", "unlisted:الكرمشيه"],
        ),
        # an entry that did not last, a withdrawal not yet done, a change one side demands of another
        ("In Mali, jihadists temporarily entered the town of Karmadi, 40 km north of Gao.", []),
        ("In Congo, sources said the withdrawal of the rebels from the town of Zarovka is still not effective.", []),
        ("In Ukraine, the president rejected a plan demanding that Ukraine cede the town of Kramatorsk.", []),
        # a bearing between a common verb and the towns it takes
        ("In Syria, rebels said they had taken southern Hama, Homs and Daraa.", ["daraa", "hama", "homs"]),
        # a town described by how far it lies
        (
            "In Sudan, the RSF said it had recaptured Dhuurow, a town 80 kilometres west of the state capital.",
            ["unlisted:dhuurow"],
        ),
        # the towns counted, then named after "most notably", or in the next sentence
        (
            "In Ukraine, Russian forces gained control of Lysychansk and several nearby towns, most notably Karmadi,"
            " Zarovka and Pelnitsa.",
            ["lysychansk", "unlisted:karmadi", "unlisted:pelnitsa", "unlisted:zarovka"],
        ),
        (
            "In Nigeria, troops recaptured three towns in Borno State. They are Karmadi, Zarovka and Pelnitsa.",
            ["unlisted:karmadi", "unlisted:pelnitsa", "unlisted:zarovka"],
        ),
        (
            "In Nigeria, troops recaptured three towns in Borno State. These are the towns of Karmadi, Zarovka and"
            " Pelnitsa.",
            ["unlisted:karmadi", "unlisted:pelnitsa", "unlisted:zarovka"],
        ),
        # a town named as one in another sentence, then named alone where it changes hands
        (
            'In Syria, the SDF declared victory in the eastern village of Dhuurow. A spokesman wrote: "Dhuurow has'
            ' been liberated."',
            ["unlisted:dhuurow"],
        ),
        # a storming under way, an order to withdraw, a liberation whose hour has come, a launch, a task given
        ("وقال مصدر إن الاشتباكات استمرت في العراق. وقال قائد إن قواته تقتحم حي الكرمشية وحي برغوثة.", []),
        ("وقال مصدر إن الاشتباكات استمرت في أوكرانيا. وأمر الوزير قواته بالانسحاب من مدينة الزهيرات.", []),
        ("وقال مصدر إن الاشتباكات استمرت في العراق. وقال الوزير إن ساعة تحرير مدينة الكرمشية قد دقت.", []),
        ("وقال مصدر إن الاشتباكات استمرت في العراق. وأعلن الجيش انطلاق عملية تحرير مدينة الكرمشية.", []),
        ("وقال مصدر إن الاشتباكات استمرت في العراق. وكلف القائد القوات باقتحام بلدة الزهيرات.", []),
        # (a storming done, with control)
        (
            "وقال مصدر إن الاشتباكات استمرت في العراق. واقتحمت القوات بلدة الكرمشية وسيطرت عليها بالكامل.",
            ["unlisted:الكرمشيه"],
        ),
        # the fighters driven out of a town
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وقال الجيش إن قواته أخرجت المسلحين من قرية الكرمشية.",
            ["unlisted:الكرمشيه"],
        ),
        # the quarter taken, not the city it lies in
        ("وقال مصدر إن الاشتباكات استمرت في العراق. وقال قائد إن القوات استعادت حيا جديدا في الموصل.", []),
        # "a town" taken, named as the next sentence opens
        (
            "In Somalia, militants took over a town near the capital Mogadishu on Saturday. Karmadi, in the Lower"
            " Shabelle region, lies 40 km from Mogadishu.",
            ["unlisted:karmadi"],
        ),
        # a province that locates the town taken, a change called for, a change still to come
        (
            "In Syria, army units recaptured the strategic Karmadi town in the southern side of Hama on Friday.",
            ["unlisted:karmadi"],
        ),
        ("In Syria, Turkey is calling on the US to clear Manbij once and for all, a minister said.", []),
        ("In Syria, officials said that Afrin will be handed over to its residents.", []),
        # a gain of the same day after which another came is news, one with no day is background
        (
            "وقال مصدر إن الاشتباكات استمرت في سوريا. وتأتي سيطرة القوات على بلدة برغوثة عقب سيطرتها صباح أمس على بلدة"
            " الكرمشية.",
            ["unlisted:الكرمشيه", "unlisted:برغوثه"],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. وتقدمت القوات نحو برغوثة بعد السيطرة على بلدة الكرمشية.", []),
        # quarters left, named after a word that includes them (quarters left unnamed are no change of the city)
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وانسحبت القوات من عدة أحياء بالعاصمة، شملت الكرمشية، الزهيرات،"
            " والبرغوثية.",
            ["unlisted:البرغوثيه", "unlisted:الزهيرات", "unlisted:الكرمشيه"],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في السودان. وانسحبت القوات من أحياء في مدينة الخرطوم.", []),
        # a campaign to take a town, battles fought for it in vain, a refinery named after a city
        ("وقال مصدر إن الاشتباكات استمرت في سوريا. وبدأت الفصائل حملة لتحقيق السيطرة الكاملة على مدينة الكرمشية.", []),
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وخاضت القوات معارك عدة للاستيلاء على مدينة الكرمشية دون جدوى.",
            [],
        ),
        ("وقال مصدر إن الاشتباكات استمرت في السودان. وأعلن الجيش اليوم سيطرته الكاملة على مصفى الخرطوم.", []),
        # a change on a condition, an entry into a part, a place held, a grip to be tightened
        ("In Ukraine, analysts said that should Russia capture Pokrovsk, the road to Kramatorsk would open.", []),
        ("In Ukraine, Russian units partially entered Sudzha on Friday, officials said.", []),
        ("In Myanmar, the Arakan Army also has complete control of Paletwa, a spokesman said.", []),
        ("In Myanmar, the Arakan Army has taken complete control of Paletwa, a spokesman said.", ["paletwa"]),
        ("وقال مصدر إن الاشتباكات استمرت في السودان. وتقدمت القوات لتحكم سيطرتها على مدينة الكرمشية.", []),
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. والقوات تحكم قبضتها على أحياء الكرمشية، الزهيرات، برغوثة،"
            " والمالحة.",
            [],
        ),
        (
            "وقال مصدر إن الاشتباكات استمرت في السودان. وأحكم الجيش سيطرته على مدينة الكرمشية بعد انسحاب المتمردين.",
            ["unlisted:الكرمشيه"],
        ),
        # Kursk oblast is covered without the rest of Russia
        (
            "Moscow said its troops had retaken Sudzha and the village of Malaya Loknya in the Kursk region.",
            ["malaya-loknya", "sudzha"],
        ),
        ("وقالت موسكو إن قواتها استعادت السيطرة على سودجا في مقاطعة كورسك.", ["sudzha"]),
        # a headline's capitals name no town
        ("Ukraine Claims First Liberated Villages of Major Counteroffensive in Donetsk", []),
        # all the areas of a city and its headquarters are no list of towns
        (
            'وقال المسؤول "إن التنظيم سيطر على جميع مناطق تدمر والمقار الأمنية والعسكرية والدوائر والمباني'
            ' الرسمية" في سوريا.',
            ["palmyra"],
        ),
        # a side that says it freed a town claims it; hostages freed in one are no change
        ("The RSF said in a statement that it had freed Al Nahud from the army on Thursday.", ["an-nuhud"]),
        ("Troops freed 20 hostages in Bakhmut on Monday, officials said.", []),
        # an apposition that a relative clause goes on
        (
            "M23 fighters captured Luvungi, a town that had been the front line since February, near Uvira.",
            ["unlisted:luvungi"],
        ),
        # the time told before "control of"
        (
            "The Taliban also claimed early Friday afternoon control of the city of Zaranj, capital of Nimroz"
            " province.",
            ["zaranj"],
        ),
        # what is left to take is not taken
        (
            "The rebels captured the town of Konekyan in Myanmar on Tuesday, with only the two towns of Laukkai and"
            " Maw Htike left to be captured.",
            ["unlisted:konekyan"],
        ),
        # villages listed with a known town after «على», no noun for towns before them
        (
            "وقالت مصادر في سوريا إن الفصائل سيطرت على كفرنبل، وحاس، وحزارين، والدار الكبيرة، وكفرسجنة بعد انسحاب"
            " قوات النظام.",
            ["kafr-nabl", "unlisted:الدار-الكبيره", "unlisted:حاس", "unlisted:حزارين", "unlisted:كفرسجنه"],
        ),
        # but what follows a town after a comma or و is mostly no list
        ('وقال القيادي في الكونغو: "سيطرنا على غوما وأمرنا الجنود (قوات الحكومة) بالاستسلام قبل الفجر".', ["goma"]),
        ("أعلنت قوات الدعم السريع أنها سيطرت على زالنجي، عاصمة ولاية وسط دارفور، صباح الثلاثاء.", ["zalinjay"]),
        # a village noun names a village, a works' noun heading its name or not; «معرة» opens names
        (
            "وقالت مصادر إن القوات أحكمت سيطرتها على قريتي مطحنة التركي والرجلة الحمرا، الواقعتين قرب محافظة الحسكة.",
            ["unlisted:الرجله-الحمرا", "unlisted:مطحنه-التركي"],
        ),
        ("وقالت المصادر إن النصرة أحكمت سيطرتها أيضاً على بلدة معرة حرمة في ريف إدلب.", ["unlisted:معره-حرمه"]),
        # a known name in quotes after a word that opens names is another town's
        (
            'وقالت مصادر إن الجيش بسط سيطرته على "تل الناصرية" و"تل السمان" في ريف حماة الشمالي.',
            ["unlisted:تل-السمان", "unlisted:تل-الناصريه"],
        ),
        # a province named after its town is not the town
        ("وقال الحاكم إن إقليم هيران تحرر بالكامل من مقاتلي الحركة.", []),
        # the zone a side holds and widens is no town it took
        ("وتقول موسكو إن قواتها توسع منطقة سيطرتها في منطقتي دنيبروبيتروفسك وزابوريجيا.", []),
        # a side that flees a town leaves it; people who flee it do not
        ("Government troops fled Mosul in disarray on Tuesday, officials said.", ["mosul"]),
        ("Thousands of families fled Mosul as the fighting drew closer.", []),
        ("The soldiers fled towards Kunduz as the rebels advanced.", []),
        ("دخل وفد من الأمم المتحدة إلى مدينة حمص لتفقد الأوضاع.", []),
        ("دخل وفد رسمي لزيارة الضريح في مدينة تل أبيض، وهي مدينة تحت سيطرة التنظيم.", []),
    ],
)
def test_what_stands_around_a_change_word_in_real_reporting(
    compiled: CompiledRules, body: str, expected: list[str]
) -> None:
    article = Article.create(title="", body=body)
    found = sorted(m.bindings["place"] for m in match_article(compiled, article) if m.rule == "city-control-change")
    assert found == expected


def test_a_headline_present_entry_names_the_town_right_after_it(compiled: CompiledRules) -> None:
    def found(title: str) -> list[str]:
        article = Article.create(title=title, body="قالت مصادر سورية إن الوضع يتغير في البلاد.")
        return [m.bindings["place"] for m in match_article(compiled, article) if m.rule == "city-control-change"]

    assert found("الفصائل تدخل حماة وتخرج المعتقلين") == ["hama"]
    # the noun, an intervention
    assert found("تدخل تركي في حلب يثير القلق") == []


def test_a_headline_of_entrances_or_new_towns_is_no_change_of_the_city(compiled: CompiledRules) -> None:
    def found(title: str) -> list[str]:
        article = Article.create(title=title, body="قالت مصادر إن الوضع يتغير في البلاد.")
        return [m.bindings["place"] for m in match_article(compiled, article) if m.rule == "city-control-change"]

    # a present «تحكم سيطرتها» on two entrances of a city, two new towns somewhere in a province
    assert found("القوات العراقية تحكم سيطرتها على مدخلي تكريت الجنوبي والغربي") == []
    assert found("القوات الروسية تسيطر على بلدتين جديدتين في دونيتسك") == []
    assert found("القوات العراقية تحكم سيطرتها على تكريت") == ["tikrit"]


def test_a_date_long_gone_makes_a_report_background(compiled: CompiledRules) -> None:
    # «في 1982» without «عام» is a year; a year before the report's own is its background
    def found(body: str, published_at: str) -> list[str]:
        article = Article.create(
            title="", body=body, published_at=datetime.fromisoformat(published_at).replace(tzinfo=UTC)
        )
        return [m.bindings["place"] for m in match_article(compiled, article) if m.rule == "city-control-change"]

    assert found("وقاد التمرد من الشرق حتى دخل نجامينا منتصرا في 1982.", "2015-07-21") == []
    assert found("وقالت المصادر إن الفصائل دخلت مدينة حلب في 2024 بعد معارك.", "2024-12-01") == ["aleppo"]
    # a month and its year, whatever day stands before them
    recalled = "وذكر المتحدث بأن القوات أعلنت في الثالث مارس 2016 استعادة السيطرة على مدينة تدمر."
    assert found(recalled, "2018-08-01") == []
    assert found(recalled, "2016-03-04") == ["palmyra"]
    # a day and its month: background a week after it, the news within the week
    dated = "وتقدمت القوات الحكومية نحو المدينة. وفي 12 مارس 2019، سيطرت جماعة الحوثي على مدينة عتق دون مقاومة."
    assert found(dated, "2019-04-01") == []
    assert found(dated.replace(" 2019", ""), "2019-04-01") == []
    assert found(dated.replace(" 2019", ""), "2019-03-14") == ["ataq"]
    # an English month with its year dates its clause with no preposition before it
    invasion = "Russian troops first captured Kupiansk in the opening weeks of their February 2022 invasion."
    assert found(invasion, "2025-10-01") == []
    assert found(invasion, "2022-02-28") == ["kupyansk"]


@pytest.mark.parametrize(
    "background",
    [
        "وتدور في البلاد حرب اشتدت مع تدخل التحالف في آذار/مارس 2015 دعما للحكومة بعدما تمكن المتمردون من"
        " السيطرة على مناطق كثيرة منها مدينة عدن.",
        "The fighting grew worse in March 2015, when a coalition stepped in, after the rebels seized the port"
        " city of Aden.",
    ],
)
def test_what_an_after_tells_came_before_a_time_gone_by(compiled: CompiledRules, background: str) -> None:
    # the background paragraph of a later report; in a report of that month it is news
    def found(published_at: str) -> list[str]:
        article = Article.create(
            title="", body=background, published_at=datetime.fromisoformat(published_at).replace(tzinfo=UTC)
        )
        return [m.bindings["place"] for m in match_article(compiled, article) if m.rule == "city-control-change"]

    assert found("2018-08-13") == []
    assert found("2015-03-30") == ["aden"]


# A columnist's reflections, in our own words: no town, no change, long enough to fill a lead.
COLUMN_AR = (
    "يكثر الحديث هذه الأيام عن مستقبل المنطقة وعن الدروس التي لم نتعلمها بعد، فكل جيل يظن أنه أول من يواجه هذه"
    " الأسئلة الصعبة. والحقيقة أن الشعوب دفعت ثمنا باهظا لقرارات لم تشارك في صنعها، وأن النخب ما زالت تتحدث بلغة"
    " قديمة لا تقنع أحدا من الشباب الذين يبحثون عن عمل وكرامة وتعليم جيد لأبنائهم في المستقبل القريب. "
)
COLUMN_EN = (
    "Every generation believes it is the first to face these hard questions about the future of the region, and"
    " every generation learns too late that the bill for decisions taken by a few is paid by the many who were never"
    " asked. The young people who look for work, dignity and a decent school for their children hear an old language"
    " from their leaders and stop listening. "
)


@pytest.mark.parametrize(
    ("paragraph", "change", "place"),
    [
        (COLUMN_AR, "وسيطرت فصائل المعارضة على مدينة إدلب بعد معارك عنيفة، وهو ما لم ينتبه إليه أحد.", "idlib"),
        (COLUMN_EN, "The fall of Mosul to the militants was the first warning nobody heeded.", "mosul"),
    ],
)
def test_a_change_told_past_the_lead_of_a_long_piece_is_its_background(
    compiled: CompiledRules, paragraph: str, change: str, place: str
) -> None:
    def found(body: str) -> list[str]:
        return [m.bindings["place"] for m in match_article(compiled, Article.create(title="", body=body))]

    column = paragraph * 6
    assert len(column.split()) > 300
    assert found(column + change) == []
    assert found(change + " " + column) == [place]
    assert found(paragraph * 2 + change) == [place]


def test_a_capture_told_as_a_takeover_is_no_business_news(compiled: CompiledRules) -> None:
    # «استحواذ» is a company's acquisition and, in a headline, a town's capture; a deal or a company says which.
    def found(title: str, body: str) -> list[str]:
        article = Article.create(title=title, body=body)
        return [m.bindings["place"] for m in match_article(compiled, article) if m.rule == "city-control-change"]

    headline = "موسكو تعلن استحواذها على تشاسيف يار"
    taken = "وقالت وزارة الدفاع إن قواتها حررت بالكامل مدينة تشاسيف يار شرق أوكرانيا."
    assert found(headline, f"{headline}\n{taken}") == ["chasiv-yar"]
    assert found("", "وأتمت المجموعة صفقة استحواذ سيطرت بها على سوق الإسمنت في مدينة حمص.") == []


def test_labelled_development_set_floor(compiled: CompiledRules) -> None:
    with open(DATA / "eval-dev.jsonl", encoding="utf-8") as lines:
        result = evaluate_dataset(compiled, read_dataset(lines))
    score = result.by_rule["city-control-change"]
    assert score.precision >= MIN_PRECISION, result.errors
    assert score.recall >= MIN_RECALL, result.errors
    assert score.actor_accuracy >= MIN_ACTOR_ACCURACY, result.errors
    assert set(result.by_language) == {"ar", "en"}


@pytest.mark.parametrize(
    ("dataset", "precision", "recall", "actor"),
    [
        # 70 articles written without looking at the rules, since used to find general fixes
        ("eval-extra.jsonl", 1.0, 1.0, 0.95),
        # 80 longer articles written blind (first measured at P 0.768 R 0.878 actor 0.814)
        ("eval-holdout.jsonl", 0.95, 1.0, 0.9),
        # short English reports and look-alikes written for the classes read on real reporting
        # (appositions, provinces, references, unnamed objects, time pointed back to, other senses,
        # places that name a road or a government or say where a source is, parties named by another)
        ("eval-en-classes.jsonl", 1.0, 1.0, 1.0),
        # Arabic reports and look-alikes written for the classes read on real Arabic reporting
        # (destinations, where the subject is, time spans and dates, provinces, hopes, other senses,
        # parties named by another: «القوات المناهضة للحوثيين»)
        ("eval-ar-classes.jsonl", 1.0, 1.0, 1.0),
    ],
)
def test_further_labelled_set_floors(
    compiled: CompiledRules, dataset: str, precision: float, recall: float, actor: float
) -> None:
    with open(DATA / dataset, encoding="utf-8") as lines:
        score = evaluate_dataset(compiled, read_dataset(lines)).by_rule["city-control-change"]
    assert score.precision >= precision and score.recall >= recall, score
    assert score.actor_accuracy >= actor, score


def test_eval_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(DATA / "eval-dev.jsonl"), "--rules", str(ROOT / "rules"), "--min-f1", "0.9"]) == 0
    out = capsys.readouterr().out
    assert "rule city-control-change" in out and "lang ar" in out


FAILING_EXAMPLES = """\
entities:
  place:
    homs: [Homs, حمص]
    hama: [Hama, حماة]
rules:
  - id: seized
    title: "{place}: seized"
    when:
      all:
        - entity: place
        - any: [seized, captured]
          near: place
    group_by: [place]
    examples:
      match:
        - "Rebels seized Homs"
        - "Rebels entered Hama"
        - {title: "Rebels captured Homs", bindings: {place: hama}}
      no_match:
        - "Rebels seized Hama on Sunday"
        - "The weather in Homs"
"""


def test_rules_test_reports_each_failing_example_and_exits_1(tmp_path: Path) -> None:
    rule_file = tmp_path / "seized.yaml"
    rule_file.write_text(FAILING_EXAMPLES, encoding="utf-8")
    assert main(["rules", "check", str(rule_file)]) == 0  # the file is valid; only its examples fail
    # The real command, as a rule author runs it: its exit status and what it prints.
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "rules", "test", str(rule_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    failures = done.stdout.split("FAIL ")[1:]
    assert len(failures) == 3, done.stdout
    missed, wrong_binding, false_alarm = failures
    # Each failure names the rule and the example's file:line, says what was expected and what was found.
    assert missed.splitlines() == [
        f"seized ({rule_file}:17:11): expected a match",
        "  body:  Rebels entered Hama",
        "  got:   no match",
        f"  why:   all › any, near place within 10 [{rule_file}:11:11]",
        "         none of its words occur",
    ]
    assert wrong_binding.splitlines()[0] == f"seized ({rule_file}:18:11): expected a match with place=hama"
    assert "  title: Rebels captured Homs" in wrong_binding
    assert "got:   place=homs from 'captured' (captured); 'Homs' (Homs)" in wrong_binding
    assert false_alarm.splitlines()[0] == f"seized ({rule_file}:20:11): expected no match"
    assert "got:   place=hama from 'seized' (seized); 'Hama' (Hama)" in false_alarm
    assert done.stdout.rstrip().endswith("FAILED: 2/5 examples passed (1 of 1 rules have examples)")


def test_rules_test_json_lists_the_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule_file = tmp_path / "seized.yaml"
    rule_file.write_text(FAILING_EXAMPLES, encoding="utf-8")
    assert main(["rules", "test", "--json", str(rule_file)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["examples"] == 5
    got = [
        (f["location"].rsplit(":", 2)[1], f["must_match"], [m["bindings"] for m in f["matches"]])
        for f in report["failures"]
    ]
    assert got == [("17", True, []), ("18", True, [{"place": "homs"}]), ("20", False, [{"place": "hama"}])]
    assert report["failures"][1]["bindings"] == {"place": "hama"}


def test_eval_maps_a_labellers_own_ids_onto_the_gazetteer(compiled: CompiledRules) -> None:
    line = {
        "id": "x",
        "title": "",
        "lang": "en",
        "published_at": None,
        "body": "Hayat Tahrir al-Sham fighters captured Saraqeb on Sunday.",
        "labels": [{"rule": "city-control-change", "place": "saraqeb", "actor": "Hayat Tahrir al-Sham"}],
    }
    result = evaluate_dataset(compiled, read_dataset([json.dumps(line)]))
    assert (result.overall.tp, result.overall.fp, result.overall.fn, result.overall.actor_right) == (1, 0, 0, 1)


def item(body: str, labels: list[object], also: list[object] | None = None, **rest: object) -> str:
    """One line of a labelled set."""
    line: dict[str, object] = {"id": rest.pop("id", body[:12]), "title": "", "lang": "en", "body": body}
    line.update(rest, labels=labels)
    if also is not None:
        line["also"] = also
    return json.dumps(line, ensure_ascii=False)


CONTROL = "city-control-change"


def test_eval_counts_a_report_that_repeats_the_known_holder(compiled: CompiledRules) -> None:
    # The seed already gives El Fasher to the RSF; eval measures detection, so the claim is found all the same.
    line = item(
        "RSF fighters seized El Fasher, the army's last stronghold in Darfur.",
        [{"rule": CONTROL, "place": "el-fasher", "actor": "rsf"}],
        published_at="2025-11-03",
    )
    score = evaluate_dataset(compiled, read_dataset([line])).overall
    assert (score.tp, score.fp, score.fn, score.actor_right) == (1, 0, 0, 1)


def test_eval_labels_may_name_a_place_by_alias_or_through_a_lookup(compiled: CompiledRules) -> None:
    lines = [
        item("The Sudanese army entered Wad Madani on Saturday.", [{"rule": CONTROL, "place": "Wad Madani"}], id="a"),
        item("Sudanese troops took control of Wad Madani.", [{"rule": CONTROL, "place": "geonames:364103"}], id="b"),
    ]
    result = evaluate_dataset(
        compiled, read_dataset(lines), lookup=lambda label: "wad-medani" if label == "geonames:364103" else None
    )
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (2, 0, 0), result.errors


def test_eval_places_mentioned_in_passing_count_neither_way(compiled: CompiledRules) -> None:
    body = "M23 rebels entered Bukavu on Sunday, after they had captured Goma."
    bukavu = [{"rule": CONTROL, "place": "bukavu"}]
    plain = evaluate_dataset(compiled, read_dataset([item(body, bukavu)]))
    assert (plain.overall.tp, plain.overall.fp) == (1, 1)  # the capture of Goma, told in passing, alerts
    for also in (["goma"], [{"rule": CONTROL, "place": "Goma"}]):
        result = evaluate_dataset(compiled, read_dataset([item(body, bukavu, also)]))
        assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 0, 0)
        assert {(a.place, a.verdict) for a in result.alerts} == {("bukavu", "found"), ("goma", "also")}
    unlabelled = evaluate_dataset(compiled, read_dataset([item("Nothing happened in Goma today.", [], ["goma"])]))
    assert unlabelled.overall.fn == 0  # a place in passing is no expected change either


def test_eval_of_ordinary_news_judges_every_rule_that_fires(compiled: CompiledRules) -> None:
    lines = [
        item("Rebels seized Hama on Thursday after days of fighting.", [], id="n1"),
        item("The council approved the new budget for the city's schools.", [], id="n2"),
    ]
    result = evaluate_dataset(compiled, read_dataset(lines))
    assert result.judged is None and (result.overall.fp, result.overall.precision) == (1, 0.0)
    [alert] = result.alerts
    assert (alert.article.id, alert.rule, alert.place, alert.verdict) == ("n1", CONTROL, "hama", "false-alarm")
    assert "seized" in alert.to_dict()["evidence"]
    assert result.rates() == {
        "articles": 2,
        "alerts": 1,
        "alerts_per_1000": 500.0,
        "false_alarms": 1,
        "false_alarms_per_1000": 500.0,
    }
    other = evaluate_dataset(compiled, read_dataset(lines), rules=["earthquake"])
    assert other.judged == ("earthquake",) and other.alerts == [] and other.overall.fp == 0


def test_eval_command_judges_named_rules_and_lists_every_alert_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = tmp_path / "ordinary.jsonl"
    dataset.write_text(
        item("Rebels seized Hama on Thursday.", [], id="n1")
        + "\n"
        + item("تساقطت الثلوج على دمشق صباح اليوم.", [], id="n2", lang="ar")
        + "\n",
        encoding="utf-8",
    )
    rules = ["--rules", str(ROOT / "rules")]
    assert main(["eval", str(dataset), *rules, "--rule", CONTROL, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["judged_rules"] == [CONTROL] and report["overall"]["false_alarms_per_1000"] == 500.0
    assert [(a["article_id"], a["place"], a["verdict"]) for a in report["alerts"]] == [("n1", "hama", "false-alarm")]
    assert report["by_language"]["ar"]["alerts"] == 0 and report["by_language"]["en"]["alerts_per_1000"] == 1000.0
    assert main(["eval", str(dataset), *rules]) == 0
    out = capsys.readouterr().out
    assert "judged: every rule" in out and "false-alarm n1  city-control-change  place=hama  «" in out
    assert main(["eval", str(dataset), *rules, "--rule", "no-such-rule"]) == 1
    assert "no rule 'no-such-rule'" in capsys.readouterr().err


def test_a_malformed_label_names_its_line(tmp_path: Path) -> None:
    lines = [item("Rebels seized Hama.", [{"rule": CONTROL, "place": "hama"}]), item("Rebels seized Homs.", ["homs"])]
    with pytest.raises(ArticleError, match=r"^set\.jsonl:2: a label is"):
        read_dataset(lines, origin="set.jsonl")
    with pytest.raises(ArticleError, match=r"^set\.jsonl:1: an 'also' entry is"):
        read_dataset([item("Rebels seized Hama.", [], [3])], origin="set.jsonl")
