"""Arabic: letter variants and marks, proclitics and the article, dateline and claim words."""

from __future__ import annotations

from streams.text.languages import Language

ARTICLE = "ال"
# Proclitics, in the order they stack: a conjunction (و ف), a preposition (ب ك ل), the article;
# ل + ال is written لل.
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")
DEFINITE_PREFIXES = frozenset(
    [c + p + ARTICLE for c in _CONJUNCTIONS for p in _PREPOSITIONS if p != "ل"] + [c + "لل" for c in _CONJUNCTIONS]
)
PROCLITICS = frozenset([c + p for c in _CONJUNCTIONS for p in _PREPOSITIONS]) | DEFINITE_PREFIXES


def _adjective(stems: str, preposition: str) -> list[str]:
    """The forms of adjectives that take ``preposition``, with and without the article: المناهضه ل,
    مناهضين ل (masculine, feminine, plural, dual); a stem ending in ي drops it before a plural ending."""
    forms = []
    for stem in stems.split():
        short = stem[:-1] if stem.endswith("ي") else stem
        for form in (stem, stem + "ه", short + "ين", short + "ون", stem + "ين", stem + "ون", stem + "ان", short):
            forms += [f"{form} {preposition}", f"{ARTICLE}{form} {preposition}"]
    return forms


# Parties named by their relation to another (see Language.relations_before): «القوات المناهضه للحوثيين»
# (against), «الموالية لصالح», «التابعه للحوثيين» (their own), «المدعومه من», «بدعم من», «المتحالفه مع» (allied);
# and the nouns of the construct state («خصوم الحوثيين», the Houthis' opponents; «حلفاء», allies).
_RELATIONS = {
    **dict.fromkeys(
        _adjective("مناهض معادي مناوي معارض مضاد", "ل") + "خصوم اعداء معارضي معارضو مناهضي مناهضو".split(), "against"
    ),
    **dict.fromkeys(_adjective("موالي مويد تابع", "ل"), "own"),
    **dict.fromkeys(
        _adjective("مدعوم", "من")
        + _adjective("مدعوم", "ب")
        + _adjective("متحالف", "مع")
        + _adjective("حليف", "ل")
        + ["حلفاء", "بدعم من", "بدعم", "بمسانده من", "بمسانده", "بدعم ومسانده من"],
        "allied",
    ),
}


def _subject_to(relatives: str) -> list[str]:
    """«الخاضعه لسيطره X», «التي تخضع لسيطره X», «التي يسيطر عليها X»: a place in a party's hold (the past
    «خضعت لسيطره» is a change, so only the adjective and the present)."""
    forms = [f"{word} لسيطره X" for word in "الخاضعه الخاضع الخاضعين خاضعه خاضع تخضع يخضع".split()]
    forms += [f"{word} ل X" for word in "الخاضعه الخاضع الخاضعين خاضعه خاضع".split()]
    for relative in relatives.split():
        forms += [f"{relative} {verb} {on} X" for verb in ("يسيطر", "تسيطر") for on in ("عليها", "عليه")]
    return forms


# A party named by its hold on a place (see Language.holds): what the place leaves («تحرير عدن من سيطره
# الحوثيين», from their control, their grip, their hands, their occupation: «تحرير سنجة من احتلال الدعم
# السريع») and what it is in («تحت سيطره»).
_HOLDS = {
    **dict.fromkeys(
        [
            f"{word} X"
            for word in ("من سيطره", "عن سيطره", "من تحت سيطره", "من قبضه", "من ايدي", "من يد", "من براثن", "من احتلال")
        ],
        "left",
    ),
    **dict.fromkeys(["تحت سيطره X", "تحت قبضه X", *_subject_to("التي الذي اللتين")], "held"),
}

LANGUAGE = Language(
    code="ar",
    script="arabic",
    letters={
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ٵ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ۍ": "ي",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ک": "ك",
        "ڪ": "ك",
        "ؤ": "و",
        "ئ": "ي",
    },
    # Marks that NFKD does not strip as combining characters on every Python.
    marks=frozenset(list(range(0x0610, 0x061B)) + list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE))),
    proclitics=PROCLITICS,
    definite_prefixes=DEFINITE_PREFIXES,
    article_prefix=ARTICLE,
    conjunctions=frozenset(_CONJUNCTIONS[1:]),
    sentence_ends=frozenset("؟"),
    clause_marks=frozenset("،؛"),
    # Tatweel used as a dash: "دمشق ـ".
    dateline_dashes=frozenset("ـ"),
    dateline_agencies=frozenset(
        [
            "وكالات",
            "رويترز",
            "الأناضول",
            "سانا",
            "واس",
            "كونا",
            "وام",
            "قنا",
            "بنا",
            "شينخوا",
            "خاص",
            "أ ف ب",
            "ا ف ب",
            "د ب أ",
        ]
    ),
    # and what a town belongs to: «قرية مرصو التابعة لمدينة عفرين»
    locating=frozenset("في داخل التابعه التابعتين التابعين التابعات".split()),
    # where in a city or its land: «في الساحل الأيسر لمدينة الموصل», «في الريف الشمالي لحلب»
    regions=frozenset(
        "ريف الريف الساحل الجانب الضفه الشطر القسم الشق الايسر الايمن الشمالي الجنوبي الشرقي الغربي الشماليه "
        "الجنوبيه الشرقيه الغربيه".split()
    ),
    locating_proclitics=frozenset(["ب"]),
    prepositions=frozenset("في من الي علي عن مع خلال عبر اثناء منذ حتي لدي عند نحو تجاه ضد".split()),
    between=frozenset(
        [
            *"بين يربط تربط الرابط الرابطه يصل تصل الواصل الواصله".split(),
            "المؤدي الي",
            "المؤديه الي",
            # «منطقة الكشار المطلة على مدينة تعز»: the city says where the area is
            *_adjective("مطل مشرف", "علي"),
        ]
    ),
    capital_nouns=frozenset(["العاصمه"]),
    capital_of=frozenset("عاصمه وعاصمه مركز".split()),
    province_heads=frozenset("ولايه محافظه اقليم مقاطعه منطقه مديريه محليه قضاء ناحيه".split()),
    # A capital as its government: what it says or does after its name («كييف لم تؤكد ذلك», «موسكو تعلن»), and
    # what it said or suffered in front of it.
    speaker_words=frozenset(
        "لم لن تعلن اعلنت تقول قالت تنفي نفت تؤكد اكدت تتهم اتهمت تحذر حذرت ترفض رفضت تزعم زعمت تدعي ادعت "
        "تعترف اعترفت تقر اقرت ترد ردت تطالب طالبت توافق وافقت".split()
    ),
    speaker_heads=frozenset(
        "اعلان نفي تاكيد اتهام اتهامات رد مزاعم ادعاءات موقف قرار انتكاسه هزيمه ضربه خساره صفعه "
        # and those loyal to it: «مسلحون موالون لكينشاسا»
        "موالون موالين مواليه الموالون الموالين المواليه موال الموالي".split()
    ),
    # The head of a noun phrase comes first: «محافظة حماة» is the province, «مطار حلب» the airport,
    # «طريق حلب دمشق» the road, «قوات كييف» Ukraine's forces.
    head_first=True,
    bearings=frozenset("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي".split()),
    # Only the countryside: «سيطرت على محافظة درعا», «انسحبت من محافظات القنيطرة والسويداء ودرعا» is how
    # the fall of Daraa was told in December 2024.
    region_nouns=frozenset("ريف ريفي ولايه ولايتي محافظه محافظتي اقليم اقليمي اقاليم مقاطعه مقاطعتي".split()),
    landmarks=frozenset(
        "طريق طريقي طريقين طرق طرقات اوتوستراد اتوستراد اوتستراد نهر مطار مطاري قاعده معبر جسر سد مصفاه مصفاتي "
        "معمل مصنع سجن مخيم محطه قلعه "
        "حي شارع قوات حكومه سلطات نظام "
        # a republic named after the city: «جمهورية دونيتسك الشعبية» is no news of Donetsk
        "جمهوريه "
        # a unit, a command, a company or an institution named after the place: «فيلق القدس» (the Quds Force),
        # «قيادة عمليات بغداد», «مجمع الضليل» (a listed company), «جامعة حلب», «نادي», «منتخب»
        "فيلق سرايا لواء كتايب عمليات مجمع شركه مكتب سفاره فندق جامعه نادي منتخب مستشفي "
        # a territory named after the city: «قطاع غزة» is the Gaza Strip; a stretch of front: «جبهة تعز»,
        # «بمحاور حماة»; an armed group: «جيش إدلب الحر»
        "قطاع جبهه محور محاور محوري جيش "
        # a port named after the city, an outlet: «ميناء الحديدة», «قناة "حلب اليوم"»
        "ميناء موانئ مرفا قناه اذاعه صحيفه "
        # a mosque, a church, a school, a stadium or a square named after a city: «مسجد القدس», «ساحة الشهداء»
        # (and a list with one makes the areas it names a town's quarters: «مناطق المركز الثقافي والكنيسة والغيطة»)
        "مسجد جامع كنيسه مدرسه ملعب ساحه "
        # a depot named after the place: «مستودعات مهين»; a headquarters, an office, a building
        "مستودع مستودعات مقر مقار مقرات دواير مباني مبان".split()
    ),
    # «الطريقين الدوليين (حلب ـ دمشق وحلب ـ اللاذقية)», «الطريق السريع حلب – دمشق»
    landmark_modifiers=frozenset("الدولي الدوليه الدوليين الدوليان السريع الرييسي الرييسيه العام".split()),
    # «قائد الجيش الجنرال أدوا يوسف راغي»
    person_titles=frozenset("الجنرال العميد العقيد الفريق المشير الرايد النقيب الشيخ".split()),
    reporters=frozenset(
        "مصدر مصادر مراسل مراسلو مراسلي مراسلنا ناشط ناشطون ناشطين مسوول مسوولون مسوولين سكان شهود اهالي "
        # and a council that speaks: «المركز الإعلامي للمجلس العسكري في مصراتة»
        "مجلس المجلس".split()
    ),
    reporter_origins=frozenset(["من"]),
    # Also with و/ف in front (the claim reader strips them). «كما» adds a second clause: «استولت على مقر القيادة
    # في لاشيو صباح الخميس كما استولت أيضا على بلدة لاشيو».
    connectors=frozenset("بعد بعدما اثر عقب فيما بينما حين حينما عندما حيث قبل لكن منذ كما".split()),
    complementizers=frozenset(["ان"]),
    relatives=frozenset("التي الذي الذين اللتين اللذين اللواتي".split()),
    source_words=frozenset(["من"]),
    recipient_words=frozenset(["الي", "لصالح"]),
    # "وحدات من الجيش" is "units of the army", not "from the army"; and «من عناصر الحوثيين» (from the Houthis'
    # men) is from the Houthis, as are «من أيدي الحوثيين», «من قبضة الحوثيين» (from their hands, their grip).
    partitives=frozenset(
        "وحدات وحده عناصر مقاتلي مقاتلو مقاتلين قوات مجموعات مجموعه فصايل افراد عدد ميليشيات مليشيات مسلحي فلول "
        "ايدي يد قبضه براثن".split()
    ),
    coordinators=frozenset(["و"]),
    additions=frozenset(["بالاضافه الي", "اضافه الي", "فضلا عن", "علاوه علي", "الي جانب"]),
    relations_before=_RELATIONS,
    holds=_HOLDS,
    becoming=frozenset("بات باتت اصبح اصبحت صار صارت اضحي اضحت غدا غدت عاد عادت".split()),
    references=frozenset([" المدينه ", " البلده ", " القريه "]),
    vague_references=frozenset([" المدينه "]),
    town_nouns=frozenset(["البلده", "القريه"]),
    village_nouns=frozenset(["القريه"]),
    # and the occupation a town is freed from, before it: «حرر من الاحتلال قرى …»
    object_leads=frozenset("علي من الي كامل معظم اغلب السيطره الاحتلال".split()),
    object_markers=frozenset(["علي"]),
    construct_changes=frozenset("تحرير استعاده اقتحام دخول استرداد استرجاع انتزاع".split()),
    object_pronouns=frozenset("عليها عليهم عليهن عليهما".split()),
    # «منطقة» too: followed by a name it names a locality («السيطرة على منطقة مورك»), with none an area that a
    # place after it only locates («سيطرت على منطقة في ريف حماة»)
    # (the dual in the nominative too: «قريتا لحايا ولطمين»)
    settlement_nouns=frozenset(
        "مدينه مدينتي مدينتا مدن بلده بلدتي بلدتا بلدات قريه قريتي قريتا قري منطقه منطقتي منطقتا مناطق "
        # and an Iraqi sub-district, named for its town: «تحرير ناحية الإسحاقي»
        "ناحيه ناحيتي نواحي "
        # and a city's quarters: «السيطرة على حي الفردوس»
        "حي حيي احياء".split()
    ),
    # «مديرية» too: a Yemeni district is named for its town («مديرية رغوان»), as an Iraqi «ناحية» is («ناحية
    # الإسحاقي») and a Sudanese «محلية» («محلية كرينك»); not «منطقة», which as often opens what an area is
    # («منطقة عازلة»)
    unlisted_town_nouns={
        **dict.fromkeys("قريه بلده مديريه ناحيه محليه".split(), False),
        # the dual «منطقتي» names two places, unlike «منطقة» («منطقتي الحمادي وكازقيل»), and «مناطق» a list
        **dict.fromkeys(
            "قري قريتي قريتا بلدات بلدتي بلدتا مديريتي ناحيتي محليتي نواحي منطقتي منطقتا مناطق".split(), True
        ),
    },
    town_list_nouns=frozenset(["مناطق"]),
    # and «منطقة» like a city: a transliterated name after it names a locality («السيطرة على منطقة كازيبا»),
    # words an area («منطقة عازلة»)
    unlisted_city_nouns={
        **dict.fromkeys("مدينه منطقه".split(), False),
        **dict.fromkeys("مدن مدينتي مدينتا".split(), True),
    },
    unlisted_area_nouns=frozenset(["منطقه"]),
    dual_town_nouns=frozenset("قريتي قريتا بلدتي بلدتا مديريتي ناحيتي محليتي منطقتي منطقتا مدينتي مدينتا حيي".split()),
    dual_endings={"تان": "ة", "تين": "ة"},
    # not «مديرية»: «مديرية الأمن» is a directorate
    construct_town_nouns=frozenset("قريه بلده".split()),
    quarter_nouns={"حي": False, "حيي": True, "احياء": True},
    quarter_homographs=frozenset(["إحياء"]),
    relation_adjective_endings=("يه",),
    time_words=frozenset(
        "اليوم امس البارحه يوم الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت صباح مساء ليل ليله فجر ظهر "
        "الصباح المساء الليله الفجر".split()
    ),
    quarter_tails=frozenset("القديمه الجديده".split()),
    name_tails=frozenset(
        "الشرقيه الغربيه الشماليه الجنوبيه الشرقي الغربي الشمالي الجنوبي الكبري الصغري الكبيره الصغيره الكبير "
        "الصغير الفوقاني التحتاني الفوقا التحتا العليا السفلي الجديده القديمه الجديد القديم "
        # and without the article («جقمق كبير», not a bearing: «حنتوتين غربي المدينة» lies west of it), and
        # ordinals («البكر الأولى والثانية»)
        "كبير صغير كبيره صغيره فوقاني تحتاني الاولي الثانيه الثالثه الرابعه".split()
    ),
    bearing_tails=frozenset("شرقي غربي شمالي جنوبي".split()),
    name_heads=frozenset(
        "تل تلول عين دير راس رسم كفر معره بير خربه جبل ام ابو الشيخ شيخ بيت قصر حي وادي مزرعه عرب بني سيدي النبي "
        # (a courtyard, a bank, a caravanserai: «حوش الضواهرة», «جرف الصخر», «خان طومان»)
        "حوش جرف خان "
        # (and a creek: «خور مكسر» in Aden, «خور فكان»)
        "نبي خور".split()
    ),
    # and Sudan's «ود» (son of), often glued to the article of the name after it: «ود مدني», «ودالفادني»
    name_joins=frozenset("ابو ام ابن بن بني ود".split()),
    # and the words that say which of many towns follow: «قرى أبرزها: …», «أهمها», «هي كل من …», «بكل من»
    list_openers=frozenset(
        "المحيطه المجاوره القريبه التاليه الاخري مثل منها ومنها هي وهي بينها ومن ابرزها اهمها كل بكل من".split()
    ),
    surroundings=frozenset(
        f"{adjective} {pronoun}"
        for adjective, pronouns in (
            ("المحيطه", "بها به بهما"),
            ("المجاوره", "لها له لهما"),
            ("القريبه", "منها منه منهما"),
        )
        for pronoun in pronouns.split()
    ),
    inclusions=frozenset("بينها منها ومنها ابرزها اهمها بما خاصه لاسيما سيما المتمثله والمتمثله".split()),
    pronoun_inclusions=frozenset("منها ومنها".split()),
    inclusion_tails=frozenset("في ذلك فيها فيهم فيه".split()),
    quantities=frozenset("عدد عده عشرات بعض مجموعه سلسله اكثر المزيد مزيد".split()),
    # and «بما في ذلك» (including): «حرروا العديد من البلدات بما في ذلك ستارايا سوروتشينا ومالايا لوكنيا …»
    # (and «المتمثلة بكل من», namely)
    announcing=frozenset("شملت تشمل شمل بينها منها ومنها هي وهي هما وهما ابرزها اهمها فيها ذلك المتمثله سيما".split()),
    # and «تحرير ثلاث قرى … والقرى هي …», «3 قرى», «عدة قرى»
    forward_lists=frozenset(
        f" {count} {noun} "
        for count in (
            *"ثلاث ثلاثه اربع اربعه خمس خمسه ست سته سبع سبعه ثماني ثمانيه تسع تسعه عشر عشره عده".split(),
            *(str(number) for number in range(2, 31)),
        )
        for noun in ("قري", "بلدات", "مدن")
    ),
    announced_nouns=frozenset(
        "قري القري بلدات البلدات مدن المدن مناطق المناطق مواقع المواقع مراكز المراكز تجمعات التجمعات".split()
    ),
    demonstratives=frozenset("تلك هذه".split()),
    list_closers=frozenset(
        "غير غيرها سواها بعض كل جميع عدد اخري الاخري اخر اخرها المجاوره المحيطه القريبه عديده عده مناطق "
        # how much of what follows: «كفرنجوم وتل عيسى وأغلب مناطق بلدة الزيتون»
        "معظم اغلب كامل باقي بقيه "
        # a count of more: «سراقب وكفرنبل وعشرات القرى الأخرى»
        "عشرات العشرات مئات المئات "
        # what a list reaches up to: «قرى A وB، وصولاً إلى بلدة C»
        "وصولا "
        "كثيره صغيره كبيره جديده مختلفه قليله مجاوره محيطه قريبه "
        # and what the noun's towns are, in its number: «مديريتي بيحان وعين الاستراتيجيتين»
        "الاستراتيجيه الاستراتيجيتين الاستراتيجيين استراتيجيتين المجاورتين "
        "المناطق مواقع المواقع نقاط النقاط تلال التلال مزارع المزارع قري القري بلدات البلدات "
        # where the towns lie: «قريتي خربردان، وخطاب، الواقعتين جنوب…»
        "الواقعه الواقعتين الواقعين الواقعات التابعه التابعتين التابعين التابعات "
        # what the list led to: «…، وكفر الطون، بذلك، باتت حماة ثاني مدينة …»
        "بذلك وبذلك لذلك وهكذا "
        # how much of the last town: «على ترهونة بأكملها»
        "باكملها باكمله بكاملها بكامله بالكامل".split()
    ),
    # A verb lemma is its past, third person masculine singular (انسحب); these make its other forms.
    verb_prefixes=frozenset("ي ت ن ا".split()),
    # ت (she, you, I), وا (they), ا and تا (the two), نا (we), تم and تن (you), ن (they, feminine)
    past_suffixes=frozenset("ت وا ا تا نا تم تن ن".split()),
    present_suffixes=frozenset("ون ان ين وا ن".split()),
    # Attached pronouns: انسحابهم (their withdrawal), سيطرتها (its control), دخلوها (they entered it).
    pronoun_suffixes=frozenset("ه ها هم هما هن نا".split()),
    third_person_suffixes=frozenset("ها هم هما هن".split()),
    # Generated forms that are mostly another word: تدخل is "intervention" far more often than "she enters".
    homographs=frozenset(["تدخل"]),
    page_chrome=frozenset(
        [
            r"^(تابع|تابعوا|تابعونا|اشترك|شارك)\b.{0,80}"
            r"(يوتيوب|فيسبوك|فيس بوك|تويتر|انستغرام|إنستغرام|تلغرام|تيليجرام|واتساب|منصة|قناتنا|صفحتنا)",
            r"^طباعة\b",
            r"^(الاسم|البريد الإلكتروني|البريد الالكتروني|التعليق|رمز التحقق|أكتب الرمز|اكتب الرمز)\s*[:：]",
            r"^(لا يوجد تعليقات|لا توجد تعليقات|الرد على تعليق|اضافة|إضافة|أضف تعليق|اضف تعليق)\s*\|?\s*$",
            r"(تعليقاتكم|بتعليقاتكم|التعليقات المنشورة|الآراء والتعليقات المنشورة)",
            r"(جميع الحقوق محفوظة|جميع حقوق النشر محفوظة|حقوق النشر محفوظة)",
            r"^سياسة الخصوصية",
            r"برمجة و ?استضافة",
            r"(الرجاء الانتظار|يرجى الانتظار|جار التحميل|جاري التحميل)",
        ]
    ),
    page_chrome_at_end=frozenset([r"(المشاهدات|عدد القراءات|مشاهدة)\s*[:：]?\s*[\d٠-٩,.]+\s*$"]),
    date_labels=frozenset(["تاريخ النشر", "نشر بتاريخ", "تاريخ"]),
    updated_labels=frozenset(["آخر تحديث"]),
    source_labels=frozenset(["المصدر", "مصدر الخبر"]),
    read_also_labels=frozenset([r"[إا]قر[أا]\s+[أا]يض[اً]+"]),
    # folded, as the word stream has them; the Levantine months too, but not كانون and تشرين (each two months)
    month_numbers={
        **{
            name: number
            for number, name in enumerate(
                "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر".split(), start=1
            )
        },
        **{"شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "ايلول": 9},
    },
)
