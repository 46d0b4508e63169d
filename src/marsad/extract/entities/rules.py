"""Span rules over the CRF's tags, for conventions (docs/rules.md#entities) that ANERcorp's annotation does not follow.

ANERcorp leaves most ministries and councils untagged («وزارة الخارجية» is O there), but our rules want them as
ORG; quoted product and company names after a head noun («السيارة الكهربائية التركية “توغ”», «شركتي “تيسلا”»)
are rare in ANERcorp; compound given names («علاء ولي الدين») and outlets named by their address («العربية.نت»)
come out in pieces. Each rule names itself in `rule`. A rule span replaces the CRF spans it contains and is
dropped when it crosses one. Filters then remove what the rules say is not an entity: nominals alone
(«الوزارة»), titles alone, nationality adjectives («التركي»), bodies every company or contest has («مجلس
الإدارة», «لجنة التحكيم»), currencies, units and God in formulae («دولارًا», «بمشيئة الله»), which ANERcorp
tags MISC, and words that are names only sometimes («الدين» alone, «مالي» after a noun it qualifies).
"""

from __future__ import annotations

from typing import NamedTuple

from .consistency import spans as bio_spans
from .features import Analysis, Featurizer

QUOTES = frozenset("\"'“”«»„‘’‹›")
_NISBA = ("يين", "يون", "يان", "يتين", "يه", "ي")


class TokenEntity(NamedTuple):
    """An entity of one sentence, in tokens: sorts and compares as the plain tuple (start, end, label, rule)."""

    start: int   # its first token
    end: int     # one past its last token
    label: str   # PER, ORG, LOC or MISC
    rule: str    # what found it: the model that tagged it ("network", "crf") or "rule:…"


def _is_word(a: Analysis) -> bool:
    w = a.folded
    return bool(w) and (w[0].isalpha() or w[0].isdigit())


def nisba(word: str) -> bool:
    """A relational adjective by its ending, folded: «الدولي», «العالمية», «المصريين» (final ى folds to ي)."""
    return len(word) > 4 and word.endswith(_NISBA)


def _chain_word(w: str, first: bool, stop: frozenset[str]) -> str | None:
    """The definite noun a word of a name chain stands for, or None when the chain cannot go on through it: a
    definite word («الدفاع»), a genitive of purpose with «لل» («للإحصاء» → «الاحصاء»), or, past the name's first
    word, a coordinated definite noun («والتراث» → «التراث»: «الهيئة العامة للسياحة والتراث الوطني»)."""
    if w.startswith("لل") and len(w) > 4:
        w = "ا" + w[1:]
    elif not first and w.startswith("وال") and len(w) > 5:
        w = w[1:]
    return w if w.startswith("ال") and len(w) > 3 and w not in stop else None


_POSSESSIVE = ("ها", "هم", "هما", "هن", "كم")


def _construct(a: Analysis, particles: frozenset[str], stop: frozenset[str], never: frozenset[str]) -> bool:
    """A word that can be a noun in construct inside a name: Arabic letters, no article, no proclitic, no tanween,
    not a particle, a chain stop or a word that is never part of a name (a currency: «حركة دولار نيوزيلندا»).

    Its form rules out what cannot be in construct: a noun with a possessive suffix («مجلس إدارتها»), a
    relational adjective («لجنة نرويجية»), and an imperfect verb («صحيفة تؤيد …», «أمانة يعتبر …»): one starting
    with «ي», or with «ت» unless it has the form of a verbal noun, تفعيل or تفاعل («هيئة تنظيم الاتصالات»,
    «اتحاد تبادل …»)."""
    w, tok = a.folded, a.token
    if not (len(w) >= 3 and w.isalpha() and not w.startswith("ال") and not a.proclitic_len and not _indefinite(a)
            and w not in particles and w not in stop and not _not_entity(w, never) and w[0] >= "\u0621"):
        return False
    if tok.endswith(_POSSESSIVE) or (tok.endswith("ه") and not tok.endswith("ة")) or nisba(w):
        return False
    if w[0] == "ي" or (w[0] == "ت" and not (len(w) == 5 and (w[3] == "ي" or w[2] == "ا"))):
        return False
    return True


def org_chains(an: list[Analysis], fz: Featurizer, model: list[TokenEntity] | None = None) -> list[TokenEntity]:
    """«وزارة الدفاع الأمريكية», «مجلس المصدرين الأتراك», «دائرة الاتصال في الرئاسة التركية».

    Heads that are also common nouns start no name in their common collocations («حركة المرور», «دائرة الخطر»,
    «غرفة الجلوس»: lexicon.yaml's `common_chains`), nor, for `place_chain_heads`, before a place the model or
    the gazetteer knows («قناة السويس» the canal, «مديرية التحيتا» a district, «جبهة الزبداني» a front)."""
    lists = fz.res.lists
    heads, stop, definite = lists["org_chain_heads"], lists["chain_stop"], lists["org_definite"]
    common, place_heads = lists["common_chains"], lists["place_chain_heads"]
    # past the name's first word, a title or a product head starts a name of its own: «وزارة الدفاع السعودية
    # اللواء …» stops before «اللواء», «وكالة الفضاء الأوروبية القمر الصناعي» before «القمر»; as the first
    # word it is part of the name («اتحاد الكتاب», «مؤسسة الفيلم الفلسطيني»)
    misc_heads, titles = lists["misc_heads"], lists["titles"]
    model_places = {i for i, _, label, _ in model or () if label == "LOC"}
    # an organisation the model found right after the head stays as it is: annotators split on «شركة بوينج» against
    # «بوينج» (the head as a classifier), so the rule does not decide it
    by_start = {e.start: e for e in model or () if e.label in ("PER", "LOC")}
    org_at = {e.start: e for e in model or () if e.label == "ORG"}
    model_starts = {e.start for e in model or ()}
    particles, never = lists["particles"], lists["not_entities"]
    no_construct, single = lists["heads_without_construct"], lists["single_word_name_heads"]
    out = []
    n = len(an)
    for i, a in enumerate(an):
        if a.stem not in heads:
            continue
        j = i + 1
        adjectives_only = False
        own = org_at.get(i)  # the model's organisation starting at the head, if any
        # a noun in construct right after the head, its definite genitive after it: «اتحاد كرة القدم», «نيابة أمن
        # الدولة العليا», «لجنة شؤون اللاعبين», «أمانة منطقة الجوف» (an indefinite word followed by nothing
        # definite is the head's adjective or the next phrase: «لجنة خاصة», «حركة واسعة»)
        # (not a name the model found there: «شركة أرامكو أمين الناصر» is a company and its chief)
        if own is None and a.stem not in no_construct and j + 1 < n and j not in model_starts \
                and _construct(an[j], particles, stop, never) \
                and (by_start.get(j + 1) is not None
                     or _chain_word(an[j + 1].folded, False, stop) and an[j + 1].folded.startswith("ال")):
            j += 1
        while j < n:
            # a person or place the model found inside the name, whole: «شرطة دبي», «مكتبة الملك عبدالعزيز»;
            # not a one-word place in adjective form, which is the name's adjective («… الداخلية السعودية»)
            e = by_start.get(j)
            # but not a name with «و» or a preposition glued to it: the next item of a list or where the body is
            # («حزب الله وإيران», «مجلس التنمية السياحية بالمدينة المنورة»); and a person only right after the head
            # or a title («مستشفى بدر», «مكتبة الملك عبدالعزيز»), else it is someone the name introduces («نادي
            # الفتح سلمان …», its chairman)
            if e is not None and not adjectives_only and not (e.end == j + 1 and nisba(an[j].folded)) \
                    and not an[j].proclitic_len \
                    and (e.label != "PER" or j == i + 1 or an[j - 1].folded in titles):
                j = e.end
                continue
            # right after the head, «لل» makes it indefinite, "a … for …" («دار للسينما», «مركز للأبحاث»): no name
            if j == i + 1 and an[j].folded.startswith("لل"):
                break
            # a club's name is one word and its adjectives («نادي الأنصار الرياضي»; not «… الفوز», the object)
            if j > i + 1 and a.stem in single and not nisba(an[j].folded):
                break
            w = an[j].folded if adjectives_only else _chain_word(an[j].folded, j == i + 1, stop)
            if not (w and w.startswith("ال") and w not in stop and len(w) > 3
                    and not (j > i + 1 and (w in misc_heads or w in titles))
                    and not (adjectives_only and not nisba(w))):
                if own is not None and j < own.end:
                    # the model's name runs past what the chain reads («جامعة أستراليا»): the rule takes it whole and
                    # adds only relational adjectives after it («… الوطنية»)
                    j, adjectives_only = own.end, True
                    continue
                break
            # the name's nouns come first, then its adjectives: once a relational adjective closes the noun
            # chain («منظمة التجارة العالمية»), a definite noun begins the next phrase («… الشكوى», «صندوق النقد
            # الدولي النمو»); the first word is exempt, being a noun in nisba form («وزارة الخارجية الأمريكية»)
            if j > i + 1 and nisba(w):
                adjectives_only = True
            j += 1
            # «… في الرئاسة التركية»: a body inside the name
            if j + 1 < n and an[j].folded == "في" and an[j + 1].folded in definite:
                j += 1
                adjectives_only = False
        if j - i < 2 or an[j - 1].folded == "في" or (own is not None and j == own.end):
            continue
        if f"{a.stem} {an[i + 1].folded}" in common:
            continue
        if a.stem in place_heads and (i + 1 in model_places or "LOC" in fz.res.phrases.get(an[i + 1].folded, ())):
            continue
        out.append(TokenEntity(i, j, "ORG", "rule:org_head"))
    return out


def head_chains(an: list[Analysis], fz: Featurizer, model: list[TokenEntity]) -> list[TokenEntity]:
    """Names made of a head noun and the name after it: places that keep their head («طريق الملك عبدالله»,
    «مطار نيودلهي», «سد النهضة»: LOC), competitions and prizes («كأس العالم», «جائزة نوبل»: MISC), and definite
    heads with a relational adjective («الاتحاد الإسباني»: ORG, «الدوري الإنجليزي الممتاز»: MISC).

    The name after the head is a span the model found there (then only its adjectives), a chain of definite
    words, or, for a competition, a noun in construct and its definite genitive («كأس ولي العهد», «دوري أبطال
    أوروبا»); past the first relational adjective only relational adjectives follow (as in org_chains). A
    competition's name may end with its sport or its entrants («كأس العالم للأندية», «كأس السوبر الإيطالية لكرة
    القدم») and its year or edition («مهرجان جدة 36»); of two competition heads in a row the second starts the
    name (_trim_double_heads). A definite head needs its adjective: «الاتحاد» alone refers back to a name. A name
    with «و» or a preposition glued to it is the next phrase («طريق الملك عبدالله ببريدة»). Heads are
    lexicon.yaml's `place_name_heads`, `event_name_heads`, `definite_org_heads` and `definite_event_heads`, with
    `common_chains` as in org_chains, idioms («عن طريق») and heads that mean something else before a person
    («بطولة هاني سلامة», "starring"): classes of words, not names."""
    lists = fz.res.lists
    place, event = lists["place_name_heads"], lists["event_name_heads"]
    definite_org, definite_event = lists["definite_org_heads"], lists["definite_event_heads"]
    event_adjectives, common = lists["event_name_adjectives"], lists["common_chains"]
    # a title is part of such a name («طريق الملك فهد», «جائزة الأمير سلطان»), unlike in org_chains
    stop, misc_heads = lists["chain_stop"], lists["misc_heads"]
    particles, never = lists["particles"], lists["not_entities"]
    idioms, no_person, titles = lists["head_idioms"], lists["heads_not_before_persons"], lists["titles"]
    by_start = {e.start: e for e in model}
    out = []
    n = len(an)
    for i, a in enumerate(an):
        stem = a.stem
        definite = stem in definite_org or stem in definite_event
        if stem in place:
            label = "LOC"
        elif stem in event or stem in definite_event:
            label = "MISC"
        elif stem in definite_org:
            label = "ORG"
        else:
            continue
        # «وأدى» ("and performed") folds into «وادي», a valley: «و» before a hamza is a conjunction, no head
        if (len(a.token) > 1 and a.token[0] == "و" and a.token[1] in "أإآ") or (label == "MISC" and i + 1 < n and an[i + 1].stem in event):
            continue
        if i + 1 < n and f"{stem} {an[i + 1].folded}" in common or i and f"{an[i - 1].folded} {stem}" in idioms:
            continue
        if stem in no_person and i + 1 < n and an[i + 1].stem in titles:
            continue  # «بطولة الفنان …», "starring the actor …"
        j = i + 1
        adjectives_only = definite
        # a noun in construct, for competitions only: after a place head it is as often a common noun's («قاعدة
        # بيانات», «طريق إغلاق …»)
        if label == "MISC" and not definite and j + 1 < n and j not in by_start \
                and _construct(an[j], particles, stop, never) \
                and (by_start.get(j + 1) is not None or an[j + 1].folded.startswith("ال")
                     and an[j + 1].folded not in stop):
            j += 1  # «كأس ولي العهد», «دوري أبطال أوروبا»
        while j < n:
            e = by_start.get(j)
            if e is not None and not adjectives_only and e.label != "MISC" and not an[j].proclitic_len \
                    and not (e.label == "PER" and stem in no_person):
                # «مطار نيودلهي», «طريق الملك عبدالله»: the model's name, whole, then only its adjectives
                j, adjectives_only = e.end, True
                continue
            w = an[j].folded
            if not (w.startswith("ال") and len(w) > 3 and w not in stop and w not in misc_heads):
                break
            if nisba(w) or (label == "MISC" and j > i + 1 and w in event_adjectives):
                adjectives_only = True
            elif adjectives_only:
                break
            j += 1
        if j == i + 1 or (definite and not nisba(an[i + 1].folded)):
            continue
        if label == "MISC":
            j = _event_tail(an, j, stop, particles, never)
        out.append(TokenEntity(i, j, label, "rule:head_chain"))
    return out


def _event_tail(an: list[Analysis], j: int, stop: frozenset[str], particles: frozenset[str],
                never: frozenset[str]) -> int:
    """Where a competition's name ends after its head and name (token j): its sport or entrants with «ل» («للأندية»,
    «لكرة القدم») and its year or edition («مهرجان جدة 36», «كأس العالم 2018»)."""
    n = len(an)
    w = an[j].folded if j < n else ""
    if w.startswith("لل") and len(w) > 4 and "ا" + w[1:] not in stop:  # «للأندية», not «للموسم»
        j += 1
    elif w.startswith("ل") and not w.startswith(("ال", "لل")) and j + 1 < n and an[j + 1].folded.startswith("ال") \
            and an[j + 1].folded not in stop and len(w) > 3 and w[1:] not in particles and not _not_entity(w[1:], never):
        j += 2  # «لكرة القدم»: a noun in construct and its genitive
    if j < n and an[j].folded.isdigit() and 1 <= len(an[j].folded) <= 4:
        j += 1
    return j


def latin_acronyms(an: list[Analysis], fz: Featurizer) -> list[TokenEntity]:
    """«CNN», «NASA»: two to five Latin capitals standing alone are an organisation's acronym, unless lexicon.yaml's
    `latin_not_names` says they abbreviate something else (a unit, a currency, a time zone). The model, trained
    on ANERcorp's Arabic script, has no evidence for Latin names."""
    never = fz.res.lists["latin_not_names"]
    # the featurizer has flagged Latin capitals already («allcaps»): one tuple lookup per token
    return [TokenEntity(i, i + 1, "ORG", "rule:latin_acronym") for i, a in enumerate(an)
            if "allcaps" in a.flags and 2 <= len(a.token) <= 5 and a.token.isalpha() and a.folded not in never]


# where a credit stands: an agency acronym in brackets or after a dash or a slash («الرياض - واس», «(قنا)»)
_CREDIT_BEFORE = frozenset("-–—(/")
_CREDIT_AFTER = frozenset(")")


def agency_acronyms(an: list[Analysis], fz: Featurizer) -> list[TokenEntity]:
    """«واس», «كونا», «أ ف ب»: a news agency's acronym is an organisation (lexicon.yaml's `agency_acronyms`); one that
    is also a word («قنا», «بنا») only where a credit stands (`agency_acronyms_marked`). Matched on whole tokens,
    the spelled-out ones («أ ف ب») letter by letter."""
    index = fz.res.acronyms
    out = []
    n = len(an)
    for i, a in enumerate(an):
        for name, marked in index.get(a.folded, ()):
            parts = name.split()
            j = i + len(parts)
            if [x.folded for x in an[i:j]] != parts:
                continue
            if marked and not ((i and an[i - 1].folded in _CREDIT_BEFORE) or (j < n and an[j].folded in _CREDIT_AFTER)):
                continue
            out.append(TokenEntity(i, j, "ORG", "rule:agency_acronym"))
    return out


def purpose_chains(an: list[Analysis], fz: Featurizer) -> list[TokenEntity]:
    """«الهيئة العامة للإحصاء», «المرصد السوري لحقوق الإنسان», «الشركة الوطنية الفرنسية لسكك الحديد»: a definite
    head (lexicon.yaml's `purpose_org_heads`), at most two adjectives, then a complement of purpose with «ل» and
    the definite words after it. The complement is the evidence of a name: without it «الهيئة» or «الشركة
    الأمريكية» refers back to one."""
    lists = fz.res.lists
    heads, stop = lists["purpose_org_heads"], lists["chain_stop"]
    out = []
    n = len(an)
    for i, a in enumerate(an):
        if a.stem not in heads:
            continue
        j = i + 1
        while j < n and j - i <= 2 and an[j].folded.startswith("ال") and an[j].folded not in stop \
                and len(an[j].folded) > 3:
            j += 1  # the adjectives
        w = an[j].folded if j < n else ""
        if not w.startswith("ل") or w.startswith("ال") or len(w) < 4:
            continue
        # «للإحصاء» is definite itself; «لحقوق» and «لسكك» need their definite complement («لمدة عامين» is no name)
        if not w.startswith("لل") and not (j + 1 < n and an[j + 1].folded.startswith("ال")
                                           and an[j + 1].folded not in stop):
            continue
        j += 1
        while j < n and an[j].folded.startswith("ال") and an[j].folded not in stop and len(an[j].folded) > 3:
            j += 1  # «… الإنسان», «… الحديد»
        out.append(TokenEntity(i, j, "ORG", "rule:purpose_chain"))
    return out


def family_names(an: list[Analysis], ents: list[TokenEntity]) -> list[TokenEntity]:
    """«آل ثاني»: «آل» (family, written with madda) before a name the model tagged belongs to that name. Folding
    makes it «ال», the article, so the model's tokens show it as a lone article and leave it out."""
    return [TokenEntity(e.start - 1, e.end, e.label, f"{e.rule}+family") for e in ents
            if e.start > 0 and an[e.start - 1].token == "آل"]


def quoted_names(an: list[Analysis], fz: Featurizer) -> list[TokenEntity]:
    """A quoted short name after a head noun: ORG after «شركة/شركتي», MISC after «السيارة/القمرين»."""
    lists = fz.res.lists
    out = []
    n = len(an)
    for i, a in enumerate(an):
        if a.stem in lists["org_quote_heads"]:
            label = "ORG"
        elif a.stem in lists["misc_heads"] or a.stem in lists["misc_quote_heads"]:
            label = "MISC"
        else:
            continue
        j = i + 1
        while j < n and j - i <= 3 and an[j].folded.startswith("ال") and not an[j].folded in QUOTES:
            j += 1  # adjectives between head and name: «الكهربائية التركية»
        while j < n and an[j].folded in QUOTES:
            k = j + 1
            while k < n and k - j <= 4 and an[k].folded not in QUOTES and _is_word(an[k]):
                k += 1
            if k >= n or an[k].folded not in QUOTES or k == j + 1:
                break
            out.append(TokenEntity(j + 1, k, label, "rule:quoted_name"))
            j = k + 1
            # «… “سبيس إكس”»: a coordinated name keeps the label
            if j + 1 < n and an[j].folded == "و" and an[j + 1].folded in QUOTES:
                j += 1
            else:
                break
    return out


def direction_places(an: list[Analysis], ents: list[TokenEntity], fz: Featurizer) -> list[TokenEntity]:
    """«جنوب القوقاز», «شرق المتوسط»: a compass word before a place makes one region."""
    dirs = fz.res.lists["directions"]
    out = []
    by_start = {e.start: e for e in ents if e.label == "LOC"}
    for i, a in enumerate(an[:-1]):
        if a.stem not in dirs:
            continue
        e = by_start.get(i + 1)
        if e:
            out.append(TokenEntity(i, e.end, "LOC", "rule:direction_place"))
            continue
        # the place may be missed by the CRF but known to the gazetteer
        for ln in (3, 2, 1):
            if i + 1 + ln > len(an):
                continue
            key = " ".join([an[i + 1].stem] + [x.folded for x in an[i + 2:i + 1 + ln]])
            if "LOC" in fz.res.phrases.get(key, ()):
                out.append(TokenEntity(i, i + 1 + ln, "LOC", "rule:direction_place"))
                break
    return out


def compound_names(an: list[Analysis], ents: list[TokenEntity], fz: Featurizer) -> list[TokenEntity]:
    """«عز الدين», «علاء ولي الدين», «حسن نصر الله»: a compound given name is one name, whether the model tagged its
    tail alone («الدين») or stopped before it («حسن نصر»). A tail left alone is dropped by keep()."""
    lists = fz.res.lists
    heads, tails = lists["compound_name_heads"], lists["compound_name_tails"]
    per_by_end = {j: i for i, j, label, _ in ents if label == "PER"}
    out = []
    for i, j, label, _ in ents:
        if j - i == 1 and an[i].stem in tails and i and an[i - 1].stem in heads:
            out.append(TokenEntity(per_by_end.get(i - 1, i - 1), j, "PER", "rule:compound_name"))
        elif label == "PER" and j < len(an) and an[j - 1].stem in heads and an[j].stem in tails:
            out.append(TokenEntity(i, j + 1, "PER", "rule:compound_name"))
    return out


def web_outlets(an: list[Analysis], ents: list[TokenEntity], fz: Featurizer) -> list[TokenEntity]:
    """«العربية.نت», «مصراوي.كوم»: an outlet named by its web address is one organisation; the name before the dot
    may be several words the model tagged («سكاي نيوز عربية.نت»)."""
    suffixes = fz.res.lists["web_suffixes"]
    by_end = {j: i for i, j, _, _ in ents}
    return [TokenEntity(by_end.get(i + 1, i), i + 3, "ORG", "rule:web_outlet") for i in range(len(an) - 2)
            if an[i + 1].folded == "." and an[i + 2].folded in suffixes and _is_word(an[i])
            and not an[i].folded.isdigit()]


def merge(crf: list[TokenEntity], extra: list[TokenEntity]) -> list[TokenEntity]:
    """CRF spans plus rule spans; a rule span replaces the spans inside it and yields to any it crosses."""
    ents = list(crf)
    for r in sorted(extra, key=lambda e: e.start - e.end):  # longest first
        crossing = [e for e in ents
                    if e.start < r.end and r.start < e.end and not (r.start <= e.start and e.end <= r.end)]
        if crossing:
            continue
        ents = [e for e in ents if not (r.start <= e.start and e.end <= r.end)] + [r]
    return sorted(ents)


def _not_entity(stem: str, never: frozenset[str]) -> bool:
    # the accusative's tanween alef survives folding: «دولارًا», «جنيهاً» → «دولارا», «جنيها»
    return stem in never or (stem.endswith("ا") and stem[:-1] in never)


def _adjective_after(prev: Analysis, lists: dict) -> bool:
    """Whether a word that is both a place and an adjective reads as the adjective after `prev`: an indefinite
    word that is no preposition or place cue («قطاع مالي», not «في مالي», «جمهورية مالي», «السنغال ومالي»)."""
    return _is_word(prev) and not prev.stem.startswith("ال") and prev.stem not in lists["adjective_place_cues"]


def keep(an: list[Analysis], e: TokenEntity, fz: Featurizer) -> bool:
    """False for what is not an entity (docs/rules.md#entities)."""
    i, j, label, _ = e
    if not any(_is_word(a) for a in an[i:j]):
        return False
    lists = fz.res.lists
    never = lists["not_entities"]
    if j - i > 1:
        # «جنيه إسترليني»: a phrase of words that are no entity alone is none either
        return (" ".join(a.stem for a in an[i:j]) not in lists["generic_bodies"]
                and not all(_not_entity(a.stem, never) for a in an[i:j]))
    a = an[i]
    stem = a.stem
    # «شهر رمضان», «شهر #رمضان»: a month, though «رمضان» and «رجب» are also given names
    h = i - 1 if i and an[i - 1].folded != "#" else i - 2
    if h >= 0 and an[h].stem in lists["month_heads"]:
        return False
    if stem in lists["compound_name_tails"]:
        return False  # «الدين» alone is religion: compound_names has joined the names («عز الدين»)
    if stem in lists["adjective_places"] and not a.proclitic_len and i and _adjective_after(an[i - 1], lists):
        return False  # «قطاع مالي»: "financial", not Mali
    if (stem in lists["nominals"] or stem in lists["titles"] or stem in lists["chain_stop"]
            or _not_entity(stem, never) or stem in lists["org_heads"] or stem in lists["loc_heads"]):
        return False
    if stem.startswith("ال") and not fz.res.phrases.get(stem):
        bare = stem[2:]
        for suf in _NISBA:
            if bare.endswith(suf) and bare[: -len(suf)] in fz.res.place_roots:
                return False  # «التركي», «الأمريكية»: nationality adjectives
    return True


_BREAKS = QUOTES | frozenset("()[]{}،,:;؛!?؟")


def split_at_punctuation(an: list[Analysis], ents: list[TokenEntity]) -> list[TokenEntity]:
    """A name never spans a quote, bracket or comma: «شركتي “تيسلا» → «شركتي», «تيسلا» (the head alone is then
    filtered), «(رجب طيب) أردوغان» → «رجب طيب», «أردوغان»."""
    out = []
    for e in ents:
        i, j, label, rule = e
        start = i
        for m in range(i, j + 1):
            if m == j or an[m].folded in _BREAKS:
                if m > start:
                    out.append(e if (start, m) == (i, j) else TokenEntity(start, m, label, rule))
                start = m + 1
    return out


def _trim_double_heads(an: list[Analysis], ents: list[TokenEntity], fz: Featurizer) -> list[TokenEntity]:
    """«بطولة كأس ولي العهد» → «كأس ولي العهد»: of two competition heads in a row, the second starts the name (the
    first says what kind of event it is), whoever found the span."""
    event = fz.res.lists["event_name_heads"]
    return [TokenEntity(e.start + 1, e.end, e.label, e.rule)
            if (e.label == "MISC" and e.end - e.start > 2 and an[e.start].stem in event
                and an[e.start + 1].stem in event) else e
            for e in ents]


def _trim_particle_heads(an: list[Analysis], ents: list[TokenEntity], fz: Featurizer) -> list[TokenEntity]:
    """«قال لي يوسف شاهين» ("Youssef Chahine told me"): a name does not start with «لي» (lexicon.yaml's
    linked_only) when an Arabic given name follows it; the surname Li comes before Chinese given names."""
    lists = fz.res.lists
    return [TokenEntity(e.start + 1, e.end, e.label, e.rule)
            if (e.label == "PER" and e.end - e.start > 1 and an[e.start].stem in lists["linked_only"]
                and an[e.start + 1].stem in lists["given_names"]) else e
            for e in ents]


# Tanween (ً ٌ ٍ) written out marks an indefinite word: an adverb, an adjective or a common noun («محافظًا»,
# «حرفياً», «وكيلاً»). News writes it on such words and almost never on a name, and folding erases it, so the
# model cannot see it. In 3,000 news articles, 81 model spans held a word with tanween fath: «نايف صالح البكري
# محافظًا» ("… as governor"), «إبراهيم إماماً», «قرشاً», «سوريًا», «فلاناً», «خبراً ساراً». A fully vocalised
# word is left alone: classical text marks the case of names too («خَدِيجَةُ بِنْتُ خُوَيْلِدٍ»).
_TANWEEN = frozenset("\u064b\u064c\u064d")
_SHORT_VOWELS = frozenset("\u064e\u064f\u0650")  # fatha, damma, kasra


def _indefinite(a: Analysis) -> bool:
    tok = a.token
    return any(c in _TANWEEN for c in tok) and not any(c in _SHORT_VOWELS for c in tok)


def _trim_indefinite(an: list[Analysis], ents: list[TokenEntity]) -> list[TokenEntity]:
    """Model spans without the indefinite words at their edges (_TANWEEN), dropped when nothing is left. A quoted
    title keeps them: «مسلسل "عوض أباً عن جد"»."""
    out = []
    for e in ents:
        i, j, label, rule = e
        if rule != "rule:quoted_name":
            while i < j and _indefinite(an[j - 1]):
                j -= 1
            while i < j and _indefinite(an[i]):
                i += 1
        if i < j:
            out.append(e if (i, j) == (e.start, e.end) else TokenEntity(i, j, label, rule))
    return out


def sentence_entities(an: list[Analysis], tags: list[str], fz: Featurizer, rules: bool = True,
                      origin: list[str] | None = None) -> list[TokenEntity]:
    """Entities of one tagged sentence after the span rules (docs/rules.md#entities); a model span's rule is
    the model that tagged it (`origin`, per token; "crf" when not given)."""
    crf = split_at_punctuation(an, [TokenEntity(i, j, label, origin[i] if origin else "crf")
                                    for i, j, label in bio_spans(tags)])
    if rules:
        ents = merge(crf, org_chains(an, fz, crf) + quoted_names(an, fz) + head_chains(an, fz, crf)
                     + latin_acronyms(an, fz) + purpose_chains(an, fz) + agency_acronyms(an, fz))
        ents = merge(ents, direction_places(an, ents, fz) + compound_names(an, ents, fz) + web_outlets(an, ents, fz)
                     + family_names(an, ents))
        ents = _trim_double_heads(an, ents, fz)
    else:
        ents = crf
    return [e for e in _trim_particle_heads(an, _trim_indefinite(an, ents), fz) if keep(an, e, fz)]
