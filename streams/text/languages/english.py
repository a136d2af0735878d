"""English: locating and region words, the function words of claims, and the irregular forms of verbs."""

from __future__ import annotations

from streams.text.languages import Language

# Verbs of news reporting whose forms the regular rules (streams/text/inflect.py) would get wrong:
# lemma → every other form.
_IRREGULAR = {
    "be": ("is", "are", "was", "were", "been", "being"),
    "have": ("has", "had", "having"),
    "take": ("takes", "took", "taken", "taking"),
    "retake": ("retakes", "retook", "retaken", "retaking"),
    "overtake": ("overtakes", "overtook", "overtaken", "overtaking"),
    "fall": ("falls", "fell", "fallen", "falling"),
    "overrun": ("overruns", "overran", "overrunning"),
    "run": ("runs", "ran", "running"),
    "hold": ("holds", "held", "holding"),
    "win": ("wins", "won", "winning"),
    "lose": ("loses", "lost", "losing"),
    "give": ("gives", "gave", "given", "giving"),
    "drive": ("drives", "drove", "driven", "driving"),
    "sweep": ("sweeps", "swept", "sweeping"),
    "come": ("comes", "came", "coming"),
    "go": ("goes", "went", "gone", "going"),
    "get": ("gets", "got", "gotten", "getting"),
    "withdraw": ("withdraws", "withdrew", "withdrawn", "withdrawing"),
    "bring": ("brings", "brought", "bringing"),
    "leave": ("leaves", "left", "leaving"),
    "set": ("sets", "setting"),
    "put": ("puts", "putting"),
    "flee": ("flees", "fled", "fleeing"),
    "lead": ("leads", "led", "leading"),
    "fight": ("fights", "fought", "fighting"),
    "break": ("breaks", "broke", "broken", "breaking"),
    "overthrow": ("overthrows", "overthrew", "overthrown", "overthrowing"),
    "rise": ("rises", "rose", "risen", "rising"),
    "seek": ("seeks", "sought", "seeking"),
    "control": ("controls", "controlled", "controlling"),
    "repel": ("repels", "repelled", "repelling"),
    "patrol": ("patrols", "patrolled", "patrolling"),
}

# The article of a transliterated Arabic name, as the normaliser leaves it ("al-Sadr" → al sadr).
_SURNAME_ARTICLES = "al el ad an ar as ash at az ed en er es et ez"

_MONTHS = "january february march april may june july august september october november december".split()

LANGUAGE = Language(
    code="en",
    script="latin",
    # titles and months written short: "KYIV, Sept. 10 (Reuters) –" is one dateline, "Lt. Gen. X said" one sentence
    abbreviations=frozenset(
        "Mr Mrs Ms Dr St Gen Lt Col Maj Capt Sgt Cpl Pvt Adm Brig Cmdr Rep Sen Gov Prof Rev Mt Ft "
        "Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec".split()
    ),
    locating=frozenset(["in", "inside", "within"]),
    proximity=frozenset(["near", "outside", "beyond", "some", "about", "around", "roughly", "located", "close", "on"]),
    regions=frozenset(
        "eastern western northern southern central northeastern northwestern southeastern southwestern rural "
        "east west north south".split()
    ),
    # (and the republic named after a city: "the Donetsk People's Republic", no city "the town" refers back to;
    # "the Balkh provincial council" is the province's, "the Gaza Strip" no town)
    region_nouns=frozenset(
        "province provinces provincial governorate governorates oblast oblasts region regions state people territory strip "
        "tribal tribe".split()
    ),
    # and Myanmar's townships ("Mongngawt in Kyaukme Township"; "seized Kawlin township" is the town's capture)
    # and the land around a town, which "in" makes where a place lies ("the settlement of Novosyolovka in the
    # Zaporizhzhia area") and a change's object makes the town's ("taken control of the Kupyansk area")
    district_nouns=frozenset(["district", "districts", "township", "townships", "raion", "raions", "area"]),
    bearings=frozenset("north south east west northeast northwest southeast southwest".split()),
    between=frozenset(
        ["between", "linking", "connecting", "links", "connects", "leading to", "leads to"]
        # "hills overlooking Taiz": the city says where the hills are
        + ["overlooking", "overlooks", "overlook"]
        # "entered the town on the road from Mucojo": where the road starts
        + [f"{road} from" for road in ("road", "highway", "route", "way")]
        # where people fled: "forces driven out by M23 have taken refuge in Bukavu"
        + ["refuge in", "shelter in", "fled to", "fled into", "fled towards", "flee to", "fleeing to"]
    ),
    capital_nouns=frozenset(["capital"]),
    capital_of=frozenset(["capital"]),
    landmarks=frozenset(
        "countryside highway highways road roads motorway expressway route airport airbase airfield base "
        "refinery dam bridge crossing checkpoint prison factory plant camp station citadel garrison based "
        # a body or a unit named after the town: "fighters who withdrew from the Deir Ezzor Military Council", "the
        # withdrawal of the Hazm movement", and a side's bastion it locates: "seized the Idlib bastion of the front"
        "council councils movement brigade brigades battalion battalions regiment bastion bastions "
        "bound suburbs suburb outskirts environs square "
        "neighborhood neighborhoods neighbourhood neighbourhoods "
        # a stretch of front named after the town: "Mali Shcherbaky lies in the Orikhiv sector"
        "sector direction axis front frontline salient pocket bridgehead "
        # a river named after it: "withdrew troops across the Dnipro River"; and ground named after it: "withdrew
        # from the Lattakia mountains towards the city"
        "river mountains mountain hills plain plains desert valley coast "
        # a campaign named after it: "the Russian army has resumed its Kharkiv offensive"
        "offensive counteroffensive "
        # an outlet named after it: "after the AU troops pulled out, Garowe Online reports"
        "online radio tv television daily herald tribune observer journal gazette chronicle media "
        # a unit named after the place: "its Vostok troop unit", "the Dnepr group of forces", and a side's fighters
        # named after their town: "Idlib insurgents pull out of key rebel town", "Kyiv forces withdrew"
        "unit units troop group grouping battalion battalions brigade brigades regiment "
        "rebels insurgents fighters militants militias forces troops resistance pdf "
        # an office named after the city it is in: "gunmen stormed into their Baghdad office"
        "office offices embassy consulate bureau "
        # a state's capital named after the state: "RSF says it captures Sennar capital" (Singa)
        "capital".split()
    ),
    landmark_modifiers=frozenset(
        # and the side that holds the landmark: "occupies Sagaing resistance base"
        "border military international main civilian resistance rebel rebels insurgent militia opposition army "
        "jihadist".split()
    ),
    person_titles=frozenset(
        "general gen colonel col major lieutenant lt captain capt commander brigadier sergeant sgt marshal "
        "president minister prime mr mrs ms dr sheikh imam prince king queen senator".split()
    ),
    reporters=frozenset(
        "source sources official officials correspondent correspondents reporter reporters journalist "
        "journalists activist activists resident residents witness witnesses spokesman spokeswoman "
        "spokesperson".split()
    ),
    reporter_origins=frozenset(["from"]),
    connectors=frozenset("after as while when whereas although though but before since until".split()),
    # "declared victory over ISIS in Mosul": a party after "over" lost, as one after "from"
    source_words=frozenset(["from", "over"]),
    recipient_words=frozenset(["to"]),
    articles=frozenset(["the", "a", "an"]),
    indefinites=frozenset(["a", "an", "another"]),
    relatives=frozenset(["which", "that", "who", "whose"]),
    locating_participles=frozenset(["located", "situated", "lying"]),
    # (and a town's old centre in a transliterated Arabic name: "Daraa al-Balad")
    centre_words=frozenset(["centre", "center", "balad"]),
    coordinators=frozenset(["and", "or"]),
    additions=frozenset(["as well as", "in addition to", "along with", "together with"]),
    # "recaptured the flashpoint town": a few adjectives of news prose stand inside the reference
    references=frozenset(
        [" the city ", " the town ", " the village "]
        + [
            f" the {adjective} {noun} "
            for adjective in (
                *("flashpoint", "strategic", "key", "embattled", "besieged", "border", "frontline", "coastal"),
                *("desert", "port", "northern", "southern", "eastern", "western", "central", "historic"),
            )
            for noun in ("city", "town")
        ]
    ),
    name_links=frozenset(["of"]),
    name_heads=frozenset(
        f"{_SURNAME_ARTICLES} um umm abu bir tel tal ain ayn ein wadi jebel jabal deir kafr ras beit bani maarat maaret "
        "sheikh shaykh sheik hay hayy hai".split()
    ),
    surname_articles=frozenset(_SURNAME_ARTICLES.split()),
    quarter_tails=frozenset("qadima qadimah qadimeh jadida jadidah jadideh".split()),
    # transliterated words that end an Arabic place's name and make it another place's ("al-Beida al-Sharqiyeh")
    name_tails=frozenset(
        "sharqiya sharqiyah sharqiyeh sharkiya sharkiyah sharkiyeh gharbiya gharbiyah gharbiyeh garbiya shamaliya "
        "shamaliyah shamaliyeh janubiya janubiyah janoubiya kabira kabirah kabeira kabireh saghira saghirah "
        "sagheira saghireh fawqani fouqani foqani tahtani tahtaniyah jadida jadideh jadidah qadima qadimeh".split()
    ),
    unlisted_town_nouns={
        **dict.fromkeys(["town", "village", "settlement", "hamlet", "locality"], False),
        **dict.fromkeys(["towns", "villages", "settlements", "hamlets", "localities"], True),
    },
    unlisted_city_nouns={"city": False, "cities": True},
    quarter_nouns={
        **dict.fromkeys(["neighbourhood", "neighborhood", "quarter", "district"], False),
        **dict.fromkeys(["neighbourhoods", "neighborhoods", "quarters", "districts"], True),
    },
    # "the liberated villages are Dordchinar, Kurdler …", "towns including Marte and Dikwa"
    list_openers=frozenset("are were include includes included including namely like notably".split()),
    inclusions=frozenset("including namely notably especially particularly".split()),
    inclusion_intensifiers=frozenset(["most"]),
    list_changes=frozenset("liberated recaptured retaken overrun overran".split()),
    quantities=frozenset(
        "several some many numerous dozens scores hundreds number string series handful couple more than other "
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
        "eighteen nineteen twenty thirty forty fifty".split()
    ),
    town_sizes=frozenset(
        "small smaller tiny minor little nearby surrounding neighbouring neighboring adjacent".split()
    ),
    forward_references=frozenset(
        f" {opening} {noun} "
        for opening in (
            *("a", "another", "an eastern"),
            *(
                f"a {adjective}"
                for adjective in ("strategic", "key", "small", "major", "northern", "southern", "western")
            ),
        )
        for noun in ("town", "city", "village")
    ),
    forward_lists=frozenset(
        f" {count} {noun} "
        for number in ("", *"two three four five six seven eight nine ten eleven twelve".split())
        for count in ((f"{number} more", number) if number else ("more", "several", "other", "dozens of", "scores of"))
        for noun in ("towns", "villages", "settlements")
    ),
    forward_list_subjects=frozenset("these they those".split()),
    distance_units=frozenset("km kilometres kilometers miles".split()),
    # and the occupation a town is freed from, before it: "liberated from occupation Zangilan city"; and where it
    # lies beside the last: "as well as the nearby town of Galcad"
    object_leads=frozenset(
        "of over on from into out back control full complete total key strategic occupation "
        "nearby neighbouring neighboring adjacent".split()
    ),
    settlement_nouns=frozenset("city cities town towns village villages locality localities".split()),
    object_pronouns=frozenset(["them"]),
    relations_before={
        **dict.fromkeys(
            [
                "anti-",
                "opposed to",
                "opponents of",
                "enemies of",
                "foes of",
                "rivals of",
                "hostile to",
                "fighting against",
            ],
            "against",
        ),
        **dict.fromkeys(
            ["pro-", "loyal to", "loyalists of", "supporters of", "belonging to", "affiliated with", "affiliated to"],
            "own",
        ),
        **dict.fromkeys(
            [
                "backed by",
                "supported by",
                "sponsored by",
                "allied with",
                "allied to",
                "allies of",
                "aligned with",
                "aligned to",
                "with the support of",
                "with support from",
                "with the backing of",
            ],
            "allied",
        ),
    },
    relations_after={
        **dict.fromkeys(["opponents", "enemies", "foes", "rivals"], "against"),
        **dict.fromkeys(["loyalists", "supporters", "-affiliated", "-linked"], "own"),
        **dict.fromkeys(["allies", "-backed", "-supported", "-sponsored", "-allied", "-aligned"], "allied"),
    },
    holds={
        **dict.fromkeys(
            [
                f"{source} {hold}"
                for source in ("from", "out of")
                for hold in (
                    "X control",
                    "the control of X",
                    "X rule",
                    "the rule of X",
                    "X grip",
                    "the grip of X",
                    "X hands",
                    "the hands of X",
                    "X occupation",
                    "the occupation of X",
                )
            ],
            "left",
        ),
        **dict.fromkeys(
            [
                "under X control",
                "under the control of X",
                "under X rule",
                "under the rule of X",
                "X-held",
                "held by X",
                "X-controlled",
                "controlled by X",
                "in X hands",
                "in the hands of X",
            ],
            "held",
        ),
    },
    becoming=frozenset("now back come comes came coming fall falls fell fallen falling".split()),
    town_nouns=frozenset(["town", "village"]),
    village_nouns=frozenset(["village"]),
    auxiliaries=frozenset("has have had been did does do not hasnt havent hadnt didnt doesnt dont yet".split()),
    passive_auxiliaries=frozenset("been was were is are being".split()),
    passive_adverbs=frozenset(
        "also now already since finally fully completely entirely successfully reportedly".split()
    ),
    speaker_heads=frozenset(
        ["loyal to", "allied to", "allied with", "aligned with", "backed by", "pro"]
        # a capital as the side that wins or loses: "The capture of Morek was another blow to Damascus"
        + [
            f"{noun} {link}"
            for noun in ("blow", "setback", "defeat", "victory", "win", "boost")
            for link in ("to", "for")
        ]
    ),
    speaker_words=frozenset(
        "said says say claimed claims claim announced announces denied denies insisted insists reported reports "
        "confirmed confirms stated states admitted admits acknowledged acknowledges accused accuses warned warns "
        "officials official authorities government forces troops army military side statement announcement "
        "ministry leadership continued continues rejects rejected dismisses dismissed disputes disputed "
        "comment commented told tells "
        # a capital as the government that judges or asks ("Damascus does not consider Raqqa liberated")
        "consider considers considered regard regards regarded welcomed welcomes hailed hails condemned condemns "
        "regime "
        "urged urges demanded demands "
        # a capital as the side that acts ("as Kyiv retakes the first major urban hub"), or a newspaper's
        # name ("The Kyiv Independent", "the Kyiv Post"), or as the government whose hold it is ("a further blow
        # to Kinshasa's authority", "back under Kyiv's control")
        "retakes retook recaptures captures seizes takes took liberates regains independent post times "
        "authority control rule grip influence".split()
    ),
    irregular=_IRREGULAR,
    # Words that head a phrase without being its verb ("in full control of", "now held by").
    uninflected=frozenset(
        "a an the in on at of to into from by for with under back now still full total complete near toward towards "
        "between if unless will would could might may can about after since following this their its his her no not "
        "areas km kilometres kilometers miles north south east west northeast northwest southeast southwest".split()
    ),
    page_chrome=frozenset(
        [
            r"^(follow|like|subscribe|share)\b.{0,60}\b(us|youtube|facebook|twitter|x|instagram|telegram|whatsapp|channel|page)\b",
            r"^print\b",
            r"^(name|e-?mail|comment|captcha)\s*[:：]",
            r"^(no comments|leave a (reply|comment)|add comment|post comment|reply)\s*\|?\s*$",
            r"(comments are moderated|comment policy)",
            r"(all rights reserved|©|\(c\)\s*\d{4}|copyright)",
            r"^(privacy policy|terms of (use|service)|cookie)",
            r"(powered by|hosted by)",
            r"please wait",
        ]
    ),
    page_chrome_at_end=frozenset([r"(views?|reads?)\s*[:：]?\s*[\d,.]+\s*$", r"loading\s*(\.\.\.|…)?\s*$"]),
    date_labels=frozenset(["published( on)?", "date", "posted( on)?"]),
    updated_labels=frozenset([r"(?:last )?updated\b"]),
    source_labels=frozenset(["source"]),
    read_also_labels=frozenset(["read (also|more)", "see also", "related( stories| articles)?"]),
    months=frozenset("January February March April May June July August September October November December".split()),
    month_numbers={
        **{name: number for number, name in enumerate(_MONTHS, start=1)},
        **{name[:3]: number for number, name in enumerate(_MONTHS, start=1)},
        "sept": 9,
    },
)
