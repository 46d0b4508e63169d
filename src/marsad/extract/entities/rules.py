"""Span rules over the CRF's tags, for SPEC §3 conventions that ANERcorp's annotation does not follow.

ANERcorp leaves most ministries and councils untagged («وزارة الخارجية» is O there), but SPEC §3 wants them as
ORG; quoted product and company names after a head noun («السيارة الكهربائية التركية “توغ”», «شركتي “تيسلا”»)
are rare in ANERcorp; compound given names («علاء ولي الدين») and outlets named by their address («العربية.نت»)
come out in pieces. Each rule names itself in `rule`. A rule span replaces the CRF spans it contains and is
dropped when it crosses one. Filters then remove what SPEC §3 says is not an entity: nominals alone
(«الوزارة»), titles alone, nationality adjectives («التركي»), bodies every company or contest has («مجلس
الإدارة», «لجنة التحكيم»), currencies, units and God in formulae («دولارًا», «بمشيئة الله»), which ANERcorp
tags MISC, and words that are names only sometimes («الدين» alone, «مالي» after a noun it qualifies).
"""

from __future__ import annotations

from .consistency import spans as bio_spans
from .features import Featurizer

QUOTES = frozenset("\"'“”«»„‘’‹›")
_NISBA = ("يين", "يون", "يان", "يتين", "يه", "ي")

Entity = tuple[int, int, str, str]  # token start, token end, label, rule


def _is_word(a: tuple) -> bool:
    w = a[0]
    return bool(w) and (w[0].isalpha() or w[0].isdigit())


def _nisba(word: str) -> bool:
    """A relational adjective by its ending, folded: «الدولي», «العالمية», «المصريين» (final ى folds to ي)."""
    return len(word) > 4 and word.endswith(_NISBA)


def org_chains(an: list[tuple], fz: Featurizer, model: list[Entity] | None = None) -> list[Entity]:
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
    out = []
    n = len(an)
    for i, a in enumerate(an):
        if a[2] not in heads:
            continue
        j = i + 1
        adjectives_only = False
        while (j < n and an[j][0].startswith("ال") and an[j][0] not in stop and len(an[j][0]) > 3
               and not (j > i + 1 and (an[j][0] in misc_heads or an[j][0] in titles))
               and not (adjectives_only and not _nisba(an[j][0]))):
            # the name's nouns come first, then its adjectives: once a relational adjective closes the noun
            # chain («منظمة التجارة العالمية»), a definite noun begins the next phrase («… الشكوى», «صندوق النقد
            # الدولي النمو»); the first word is exempt, being a noun in nisba form («وزارة الخارجية الأمريكية»)
            if j > i + 1 and _nisba(an[j][0]):
                adjectives_only = True
            j += 1
            # «… في الرئاسة التركية»: a body inside the name
            if j + 1 < n and an[j][0] == "في" and an[j + 1][0] in definite:
                j += 1
                adjectives_only = False
        if j - i < 2 or an[j - 1][0] == "في":
            continue
        if f"{a[2]} {an[i + 1][0]}" in common:
            continue
        if a[2] in place_heads and (i + 1 in model_places or "LOC" in fz.res.phrases.get(an[i + 1][0], ())):
            continue
        out.append((i, j, "ORG", "rule:org_head"))
    return out


def quoted_names(an: list[tuple], fz: Featurizer) -> list[Entity]:
    """A quoted short name after a head noun: ORG after «شركة/شركتي», MISC after «السيارة/القمرين»."""
    lists = fz.res.lists
    out = []
    n = len(an)
    for i, a in enumerate(an):
        if a[2] in lists["org_quote_heads"]:
            label = "ORG"
        elif a[2] in lists["misc_heads"] or a[2] in lists["misc_quote_heads"]:
            label = "MISC"
        else:
            continue
        j = i + 1
        while j < n and j - i <= 3 and an[j][0].startswith("ال") and not an[j][0] in QUOTES:
            j += 1  # adjectives between head and name: «الكهربائية التركية»
        while j < n and an[j][0] in QUOTES:
            k = j + 1
            while k < n and k - j <= 4 and an[k][0] not in QUOTES and _is_word(an[k]):
                k += 1
            if k >= n or an[k][0] not in QUOTES or k == j + 1:
                break
            out.append((j + 1, k, label, "rule:quoted_name"))
            j = k + 1
            # «… “سبيس إكس”»: a coordinated name keeps the label
            if j + 1 < n and an[j][0] == "و" and an[j + 1][0] in QUOTES:
                j += 1
            else:
                break
    return out


def direction_places(an: list[tuple], ents: list[Entity], fz: Featurizer) -> list[Entity]:
    """«جنوب القوقاز», «شرق المتوسط»: a compass word before a place makes one region."""
    dirs = fz.res.lists["directions"]
    out = []
    by_start = {e[0]: e for e in ents if e[2] == "LOC"}
    for i, a in enumerate(an[:-1]):
        if a[2] not in dirs:
            continue
        e = by_start.get(i + 1)
        if e:
            out.append((i, e[1], "LOC", "rule:direction_place"))
            continue
        # the place may be missed by the CRF but known to the gazetteer
        for ln in (3, 2, 1):
            if i + 1 + ln > len(an):
                continue
            key = " ".join([an[i + 1][2]] + [x[0] for x in an[i + 2:i + 1 + ln]])
            if "LOC" in fz.res.phrases.get(key, ()):
                out.append((i, i + 1 + ln, "LOC", "rule:direction_place"))
                break
    return out


def compound_names(an: list[tuple], ents: list[Entity], fz: Featurizer) -> list[Entity]:
    """«عز الدين», «علاء ولي الدين», «حسن نصر الله»: a compound given name is one name, whether the model tagged its
    tail alone («الدين») or stopped before it («حسن نصر»). A tail left alone is dropped by keep()."""
    lists = fz.res.lists
    heads, tails = lists["compound_name_heads"], lists["compound_name_tails"]
    per_by_end = {j: i for i, j, label, _ in ents if label == "PER"}
    out = []
    for i, j, label, _ in ents:
        if j - i == 1 and an[i][2] in tails and i and an[i - 1][2] in heads:
            out.append((per_by_end.get(i - 1, i - 1), j, "PER", "rule:compound_name"))
        elif label == "PER" and j < len(an) and an[j - 1][2] in heads and an[j][2] in tails:
            out.append((i, j + 1, "PER", "rule:compound_name"))
    return out


def web_outlets(an: list[tuple], ents: list[Entity], fz: Featurizer) -> list[Entity]:
    """«العربية.نت», «مصراوي.كوم»: an outlet named by its web address is one organisation; the name before the dot
    may be several words the model tagged («سكاي نيوز عربية.نت»)."""
    suffixes = fz.res.lists["web_suffixes"]
    by_end = {j: i for i, j, _, _ in ents}
    return [(by_end.get(i + 1, i), i + 3, "ORG", "rule:web_outlet") for i in range(len(an) - 2)
            if an[i + 1][0] == "." and an[i + 2][0] in suffixes and _is_word(an[i]) and not an[i][0].isdigit()]


def merge(crf: list[Entity], extra: list[Entity]) -> list[Entity]:
    """CRF spans plus rule spans; a rule span replaces the spans inside it and yields to any it crosses."""
    ents = list(crf)
    for r in sorted(extra, key=lambda e: e[0] - e[1]):  # longest first
        crossing = [e for e in ents if e[0] < r[1] and r[0] < e[1] and not (r[0] <= e[0] and e[1] <= r[1])]
        if crossing:
            continue
        ents = [e for e in ents if not (r[0] <= e[0] and e[1] <= r[1])] + [r]
    return sorted(ents)


def _not_entity(stem: str, never: frozenset[str]) -> bool:
    # the accusative's tanween alef survives folding: «دولارًا», «جنيهاً» → «دولارا», «جنيها»
    return stem in never or (stem.endswith("ا") and stem[:-1] in never)


def _adjective_after(prev: tuple, lists: dict) -> bool:
    """Whether a word that is both a place and an adjective reads as the adjective after `prev`: an indefinite
    word that is no preposition or place cue («قطاع مالي», not «في مالي», «جمهورية مالي», «السنغال ومالي»)."""
    return _is_word(prev) and not prev[2].startswith("ال") and prev[2] not in lists["adjective_place_cues"]


def keep(an: list[tuple], e: Entity, fz: Featurizer) -> bool:
    """False for what SPEC §3 says is not an entity."""
    i, j, label, _ = e
    if not any(_is_word(a) for a in an[i:j]):
        return False
    lists = fz.res.lists
    never = lists["not_entities"]
    if j - i > 1:
        # «جنيه إسترليني»: a phrase of words that are no entity alone is none either
        return (" ".join(a[2] for a in an[i:j]) not in lists["generic_bodies"]
                and not all(_not_entity(a[2], never) for a in an[i:j]))
    a = an[i]
    stem = a[2]
    # «شهر رمضان», «شهر #رمضان»: a month, though «رمضان» and «رجب» are also given names
    h = i - 1 if i and an[i - 1][0] != "#" else i - 2
    if h >= 0 and an[h][2] in lists["month_heads"]:
        return False
    if stem in lists["compound_name_tails"]:
        return False  # «الدين» alone is religion: compound_names has joined the names («عز الدين»)
    if stem in lists["adjective_places"] and not a[1] and i and _adjective_after(an[i - 1], lists):
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


def split_at_punctuation(an: list[tuple], ents: list[Entity]) -> list[Entity]:
    """A name never spans a quote, bracket or comma: «شركتي “تيسلا» → «شركتي», «تيسلا» (the head alone is then
    filtered), «(رجب طيب) أردوغان» → «رجب طيب», «أردوغان»."""
    out = []
    for i, j, label, rule in ents:
        start = i
        for m in range(i, j + 1):
            if m == j or an[m][0] in _BREAKS:
                if m > start:
                    out.append((start, m, label, rule))
                start = m + 1
    return out


def _trim_particle_heads(an: list[tuple], ents: list[Entity], fz: Featurizer) -> list[Entity]:
    """«قال لي يوسف شاهين» ("Youssef Chahine told me"): a name does not start with «لي» (lexicon.yaml's
    linked_only) when an Arabic given name follows it; the surname Li comes before Chinese given names."""
    lists = fz.res.lists
    return [(i + 1, j, label, rule) if (label == "PER" and j - i > 1 and an[i][2] in lists["linked_only"]
                                        and an[i + 1][2] in lists["given_names"]) else (i, j, label, rule)
            for i, j, label, rule in ents]


# Tanween (ً ٌ ٍ) written out marks an indefinite word: an adverb, an adjective or a common noun («محافظًا»,
# «حرفياً», «وكيلاً»). News writes it on such words and almost never on a name, and folding erases it, so the
# model cannot see it. In 3,000 news articles, 81 model spans held a word with tanween fath: «نايف صالح البكري
# محافظًا» ("… as governor"), «إبراهيم إماماً», «قرشاً», «سوريًا», «فلاناً», «خبراً ساراً». A fully vocalised
# word is left alone: classical text marks the case of names too («خَدِيجَةُ بِنْتُ خُوَيْلِدٍ»).
_TANWEEN = frozenset("\u064b\u064c\u064d")
_SHORT_VOWELS = frozenset("\u064e\u064f\u0650")  # fatha, damma, kasra


def _indefinite(a: tuple) -> bool:
    tok = a[5]
    return any(c in _TANWEEN for c in tok) and not any(c in _SHORT_VOWELS for c in tok)


def _trim_indefinite(an: list[tuple], ents: list[Entity]) -> list[Entity]:
    """Model spans without the indefinite words at their edges (_TANWEEN), dropped when nothing is left. A quoted
    title keeps them: «مسلسل "عوض أباً عن جد"»."""
    out = []
    for i, j, label, rule in ents:
        if rule != "rule:quoted_name":
            while i < j and _indefinite(an[j - 1]):
                j -= 1
            while i < j and _indefinite(an[i]):
                i += 1
        if i < j:
            out.append((i, j, label, rule))
    return out


def sentence_entities(an: list[tuple], tags: list[str], fz: Featurizer, rules: bool = True,
                      origin: list[str] | None = None) -> list[Entity]:
    """Entities of one tagged sentence after the SPEC §3 span rules; a model span's rule is the model that
    tagged it (`origin`, per token; "crf" when not given)."""
    crf = split_at_punctuation(an, [(i, j, label, origin[i] if origin else "crf")
                                    for i, j, label in bio_spans(tags)])
    if rules:
        ents = merge(crf, org_chains(an, fz, crf) + quoted_names(an, fz))
        ents = merge(ents, direction_places(an, ents, fz) + compound_names(an, ents, fz) + web_outlets(an, ents, fz))
    else:
        ents = crf
    return [e for e in _trim_particle_heads(an, _trim_indefinite(an, ents), fz) if keep(an, e, fz)]
