"""Text helpers every parser shares: title annotations, boilerplate, sponsor words, dates.

Parsers may not import ``bot.normalise`` (layering), so the little cleaning they need
to *recognise* things lives here; the full clean-up happens later in normalise.
"""

from __future__ import annotations

import base64
import binascii
import functools
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

import ahocorasick

from bot.models import Kind

# Inputs are capped before any regex runs, so no parser can be made to hang.
MAX_TEXT = 1_000_000

_WS = re.compile(r"\s+")


# Marks inside or between words that are no part of them: the soft hyphen (where a word
# may break: "Data&shy;base"), the zero-width space builders put in names and dates, the
# word joiner and the zero-width no-break space. Read with them, "Sponsor" is another word.
# Also the zero-width non-joiner and the combining grapheme joiner that builders put in
# to stop a client from linking a date or an address ("Nov&zwnj; 27", "Berlin&zwnj;.JS")
# and, by the hundred, as a preheader's padding ("&#847;&zwnj;&nbsp;"): both are kept
# only between two letters of a script that joins or stacks its letters (Persian
# "می‌خواهم", Devanagari), where the non-joiner is spelling (``keep_joiner``).
_JOINERS = "\u034f\u200c"
_INVISIBLE_MARKS = "\u00ad\u200b\u2060\ufeff" + _JOINERS
_INVISIBLE = re.compile(f"[{_INVISIBLE_MARKS}]")


def keep_joiner(text: str, at: int) -> bool:
    """The non-joiner or grapheme joiner at ``at`` sits between two letters of a script
    past Latin, Greek and Cyrillic (from Hebrew on, U+0590): spelling, not padding."""
    return (
        0 < at < len(text) - 1
        and text[at - 1] >= "\u0590"
        and text[at + 1] >= "\u0590"
        and text[at - 1].isalpha()
        and text[at + 1].isalpha()
    )


def _unseen(m: re.Match[str]) -> str:
    ch = m.group()
    return ch if ch in _JOINERS and keep_joiner(m.string, m.start()) else ""


# A joiner between two characters from U+0590 on: the only place one may be kept. A
# preheader's padding ("&#847;&zwnj;&nbsp;" by the hundred) holds none, and goes in one
# ``str.translate`` instead of a Python call per mark.
_MAY_SPELL = re.compile(f"[\u0590-\U0010ffff][{_JOINERS}][\u0590-\U0010ffff]")
_UNSEEN_MARKS = dict.fromkeys(map(ord, _INVISIBLE_MARKS))


def drop_invisible(text: str) -> str:
    """``text`` without the marks ``_INVISIBLE`` names (a joiner that spells kept)."""
    if _INVISIBLE.search(text) is None:
        return text
    if _MAY_SPELL.search(text) is None:
        return text.translate(_UNSEEN_MARKS)
    return _INVISIBLE.sub(_unseen, text)


# "First-\n    person": a line broken after a word's hyphen, the next line going on with it.
_HYPHEN_WRAP = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_])")


def unwrap_hyphens(text: str) -> str:
    """Words broken at their hyphen over a line end joined ("DATA-\nSTEALING" is
    "DATA-STEALING"); other line ends stay."""
    if "-" not in text or "\n" not in text:
        return text
    return _HYPHEN_WRAP.sub("-", text)


def join_wrapped(head: str, rest: str) -> str:
    """Two lines of one wrapped text: a space between them, none after a word broken at
    its hyphen ("…from First-" / "person Video" is "…from First-person Video")."""
    if head[-1:] == "-" and head[-2:-1].isalpha() and rest[:1].isalpha():
        return head + rest
    return f"{head} {rest}"


def squash(text: str) -> str:
    """Entities decoded, invisible marks dropped (``_INVISIBLE``), every run of
    whitespace (line wraps too) one space."""
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii() and _INVISIBLE.search(text):
        text = drop_invisible(text)
    # str.split() splits on exactly the characters regex \s matches, 4x faster than a sub.
    return " ".join(text.split())


# Chinese and Japanese write no spaces between words (Korean does): hiragana, katakana,
# CJK ideographs, half-width katakana.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def cjk_chars(text: str) -> int:
    """How many Chinese or Japanese characters ``text`` holds (0 for ASCII, at once)."""
    return 0 if text.isascii() else len(_CJK.findall(text))


def word_count(text: str) -> int:
    """The text's words: ``len(text.split())``, with every two Chinese or Japanese
    characters counted as a word ("生成AIの業務活用が進む国内企業の事例" is a title of many
    words, not one), so rules that weigh a title by its words hold in those languages."""
    n = len(text.split())
    if text.isascii():
        return n  # the usual case: one C scan
    cjk = len(_CJK.findall(text))
    return n + cjk // 2 if cjk else n


_DECOR = {"So", "Sk", "Cn", "Co", "Mn", "Me", "Cf", "Zs"}


def strip_decoration(text: str) -> str:
    """Drop leading emoji, bullets and joiners ("🩻 Title" -> "Title")."""
    if text[:1].isalnum():
        return text  # the usual case: no letter or digit is in a decoration category
    if text[:2] == "--" and text[2:3].isalnum():
        return text  # a command-line flag ("--dangerously-skip-permissions"), no bullet
    i = 0
    category = unicodedata.category
    for ch in text:
        if not (ch.isspace() or ch in "•·*-–—>|" or category(ch) in _DECOR):
            break
        i += 1
    return text[i:]


# Regex \w is str.isalnum() plus "_" (both Py_UNICODE_ISALNUM): one C scan, no generator.
_WORD_CHAR = re.compile(r"[^\W_]")


def has_words(text: str) -> bool:
    """Any letter or digit, i.e. ``any(ch.isalnum() for ch in text)``."""
    return text[:1].isalnum() or _WORD_CHAR.search(text) is not None


# Trailing "(...)" annotations newsletters put on titles. Order does not matter: they are
# peeled off one at a time from the end, so "(Sponsor) (5 minute read)" works either way.
_ANNOTATION = re.compile(r"\s*[\(\[]([^()\[\]]{1,40})[\)\]]\s*$")
_MINUTES = re.compile(
    r"^(\d{1,3})\s*(?:-|\s)?\s*(minute|min|hour|hr)s?\.?(?:\s+(read|video|watch|listen|podcast))?$",
    re.I,
)
_KIND_WORDS: tuple[tuple[re.Pattern[str], Kind | None], ...] = (
    (re.compile(r"^(github|gitlab|codeberg)( repo(sitory)?)?$|^repo(sitory)?$", re.I), Kind.REPO),
    (re.compile(r"^hugging ?face( hub| model| space| dataset)?$|^model$", re.I), Kind.MODEL),
    (re.compile(r"^(video|youtube|podcast|webinar)$", re.I), Kind.VIDEO),
    (re.compile(r"^(paper|arxiv|pdf|research)$", re.I), Kind.PAPER),
    (re.compile(r"^(website|tool|product|blog|thread|tweet|news)$", re.I), None),
)
# "1. Title", "2) Title", "#3 Title": the list position, not part of the title.
_NUMBERING = re.compile(r"^(?:#\d{1,3}|\d{1,2}[.)])\s+(?=\S)")
_NUMBERING_LEAD = frozenset("#0123456789")
SPONSOR_TAG = re.compile(
    r"^(sponsor(ed)?|ad|advertisement|partner|promoted|promotion|paid"
    # German, French, Spanish: the labels their ad rules require.
    r"|anzeige|werbung|gesponsert|sponsorisé|publicité|partenaire|patrocinado|publicidad"
    # Italian, Portuguese, Dutch, Japanese ("【PR】", "広告").
    r"|sponsorizzato|annuncio|pubblicità|publicidade|parceiro|parceria|conteúdo patrocinado"
    r"|advertentie|gesponsord|広告|スポンサー|【pr】|【広告】"
    # Korean, Chinese.
    r"|광고|스폰서|협찬|广告|推广|赞助|廣告"
    # Russian, Hebrew ("Партнёрский материал": a partner's paid article; "תוכן ממומן").
    r"|реклама|на правах рекламы|партн[её]рский материал|спецпроект|ממומן|תוכן ממומן|פרסומת|תוכן שיווקי"
    # Polish, Turkish.
    r"|reklama|sponsorowane|materiał (?:sponsorowany|partnera)|artykuł sponsorowany"
    r"|reklam|sponsorlu|sponsorlu içerik|iş birliği"
    # Swedish, Norwegian, Danish; Ukrainian; Arabic ("محتوى مدعوم": sponsored content).
    r"|annons|annonse|sponsrat|sponsrad|sponsoreret|sponset|на правах реклами"
    r"|партнерський матеріал|إعلان|محتوى (?:مدعوم|ممول|برعاية)|برعاية|ممول"
    # Finnish ("kaupallinen yhteistyö": paid partnership), Vietnamese, Indonesian.
    r"|mainos|sponsoroitu|kaupallinen yhteistyö|tài trợ|được tài trợ|nhà tài trợ|quảng cáo"
    r"|disponsori|iklan|konten bersponsor)$",
    re.I,
)


# "【PR】": an ad's tag before its title (lenticular brackets; "PR" alone is no tag, it
# is also a pull request).
_LEAD_TAG = re.compile(r"^【\s*([^】]{1,12}?)\s*】\s*")


class Title(NamedTuple):
    """A title with its annotations taken out (a tuple: built for every link, 3x cheaper
    than a frozen dataclass)."""

    text: str
    read_minutes: int | None = None
    kind: Kind | None = None
    sponsor: bool = False


def _annotation(text: str) -> tuple[int, str] | None:
    """``_ANNOTATION.search(text)`` for a text ending in its closing bracket, as (where
    the match starts, the words inside), without the regex's scan of every position: the
    words hold no bracket, so the opening one is the last bracket before the end."""
    end = len(text) - 1
    opener = max(text.rfind(b, 0, end) for b in "()[]")
    if opener < 0 or text[opener] not in "([" or not 1 <= end - opener - 1 <= 40:
        return None
    start = opener
    while start and text[start - 1].isspace():
        start -= 1
    return start, text[opener + 1 : end]


def split_title(raw: str) -> Title:
    """ "Gemma 3 report (12 minute read)" -> Title("Gemma 3 report", read_minutes=12)."""
    text = strip_decoration(squash(raw))
    if text[:1] in _NUMBERING_LEAD:
        text = _NUMBERING.sub("", text, count=1)
    minutes: int | None = None
    kind: Kind | None = None
    sponsor = False
    if text[:1] == "【":
        # "【PR】Title", "【広告】Title": Japanese newsletters tag an ad before its title;
        # "【1】Title" numbers it.
        head = _LEAD_TAG.match(text)
        if head is not None and (
            head.group(1) in ("PR", "ＰＲ") or SPONSOR_TAG.match(head.group(1))
        ):
            text, sponsor = text[head.end() :], True
        elif head is not None and head.group(1).isdigit():
            text = text[head.end() :]
        elif text[-1] == "】" and text.count("】") == 1:
            text = text[1:-1].strip()  # "【Title】": the whole title in brackets, as a heading
    for _ in range(4):
        # text has no trailing whitespace (squashed, then rstripped): an annotation ends it.
        m = _annotation(text) if text[-1:] in (")", "]") else None
        if not m:
            break
        word = m[1].strip()
        mm = _MINUTES.match(word)
        if mm:
            minutes = int(mm.group(1)) * (60 if mm.group(2)[0] in "hH" else 1)
            if (mm.group(3) or "").lower() in {"video", "watch", "podcast"}:
                kind = Kind.VIDEO
        elif SPONSOR_TAG.match(word):
            sponsor = True
        else:
            for pattern, k in _KIND_WORDS:
                if pattern.match(word):
                    kind = kind or k
                    break
            else:
                break
        text = text[: m[0]].rstrip()
    return Title(_without_tail_marks(text), minutes, kind, sponsor)


def _without_tail_marks(text: str) -> str:
    """The title without closing dashes, colons and arrows; a closing guillemet that ends a
    quote opened in the title ("… de « domination mondiale »") is a quote mark, kept."""
    kept = text.rstrip(" -–—:|→»›")
    if not kept:
        return text
    tail = text[len(kept) :]
    for opening, closing in (("«", "»"), ("‹", "›")):
        if closing in tail and kept.count(opening) > kept.count(closing):
            return text[: len(kept) + tail.index(closing) + 1]
    return kept


# Links and blocks that are the newsletter's own furniture, never items. Furniture link
# texts are short; a longer text is a title even when it opens with "Privacy" or
# "Follow" or mentions opting out, so only the unmistakable phrases apply to it.
#
# Each list is two regexes: the phrases that are the whole text or open it (tried once,
# with ``match``), and those found anywhere (searched for). One alternation of both
# tried every branch at every character and was the parse step's hottest regex.
_BOILER_TEXT_START = re.compile(
    # A footer's "Cancel your subscription"; a share button naming its network at the end
    # ("(Share this Tiny Thought on Twitter)").
    r"^cancel (your |this )?subscription$|^\(?share this [^()]{1,40} on (twitter|x|linkedin|facebook)\)?$"
    r"|^sign ?up\b|^subscribe\b|^advertise"
    r"|^share$|^share (this|on|via|it|with|the|our|my|your)\b|^forward$|^forward (this|to|it|the)\b"
    r"|^follow$|^follow (us|me|on|along)\b|^follow @"
    r"|^privacy( (policy|notice|statement|center))?$|^terms( (of (use|service)|(&|and) conditions))?$"
    r"|^tweet\b|^contact us"
    # A social network's name alone ("Twitter | LinkedIn" behind an opaque tracker).
    r"|^(twitter|x|linkedin|facebook|instagram|mastodon|bluesky|threads|tiktok|youtube)$"
    r"|^careers?$|^jobs?$|^apply here|^(log|sign) ?in$|^home$|^archives?$|^newsletters?$"
    # A non-profit's appeal: "Donate now", "Support our work", "Become a member".
    r"|^donate( now| today)?\W*$|^support (us|our (work|journalism|mission|research))\W*$"
    r"|^become a (member|supporter|donor)\W*$"
    r"|^leave a comment|^comments?$|^restack$|^like$|^reply$|^(read|open) in (the )?app"
    r"|^get (the|our) ((ios|android|iphone|mobile) )?app\b"
    # The issue's own page: "Browse the full issue online", "Read the whole issue".
    r"|^(browse|read|view|see) (the )?(full|complete|whole|entire) (issue|edition)\b"
    # "Full issue: https://…" in plain text: the label alone, its verb left out.
    r"|^(full|complete|whole|entire) (issue|edition)( online| here)?\W*$"
    r"|^(read|see) (the )?(past|previous) (issues|editions)|^podcast$|^website$"
    r"|^\W*(loved it|liked it|it was ok(ay)?|not great|meh|great|good|okay|bad|terrible|amazing)\W*$"
    # German, French, Spanish sending tools.
    r"|^online (ansehen|lesen)$"
    r"|^impressum$|^datenschutz(erklärung)?$|^agb$"
    r"|^mentions légales$|^confidentialité$"
    # "S'abonner à … en un clic", "Abonnez-vous", "Lire dans l'app".
    r"|^s['’]abonner\b|^abonnez-vous\b"
    # A sign-up button for the newsletter itself, free of charge, an arrow before it
    # ("→ Kostenlos anmelden", "S'inscrire gratuitement", "Suscríbete gratis").
    r"|^\W{0,6}(kostenlos|gratis|jetzt kostenlos) (anmelden|abonnieren)\b"
    r"|^\W{0,6}(s['’]inscrire|inscrivez-vous|inscris-toi|abonnez-vous|s['’]abonner) gratuitement\b"
    r"|^\W{0,6}(suscr[ií]bete|reg[ií]strate|inscr[ií]bete|iscriviti|abbonati|inscreva-se|assine|meld je) (gratis|gratuitamente|grátis|gratuito|aan)\b"
    r"|^\W{1,6}(sign ?up|subscribe)\b"
    r"|^abonné(e)?$"
    r"|^(lire|ouvrir) dans l['’]app"
    r"|^aviso legal$|^privacidad$"
    # Japanese sending tools.
    r"|^(web|ウェブ)で(表示|見る|読む)$|^web版|^ウェブ版"
    # Alert services' own buttons (Google Scholar, Google Alerts): not stories.
    r"|^save$|^(cancel|edit|delete|manage|list|create|view all your|view all) (this |the |your )?alerts?$"
    r"|^flag as irrelevant$|^post (a|your) (job|role|opening)s?\b"
    # "Change your email address" (Cooperpress); "Submit your blog post/project update",
    # "Submit your quotes for next week".
    r"|^change your (email|e-mail)( address)?$"
    r"|^(please )?submit (your |a )?(blog post|post|link|project|article|story|talk|suggestions|nominations|votes|quotes|tips)\b",
)
_BOILER_TEXT_ANYWHERE = re.compile(
    r"unsubscribe|(view|open) (this |it |the )?(email |newsletter |message |issue |post )?(in|on|as a) (your |a |the )?(browser|web)"
    r"|(web|html|online|browser) version|(read|view) (it |this |the )?(issue |email |newsletter |edition )?(online|on the web)"
    r"|manage (your )?(subscription|preferences|email)|update (your )?(preferences|profile)"
    r"|email preferences|opt[ -]out|advertise with us"
    r"|\brefer(ral)?s?\b"
    # German, French, Spanish sending tools ("Gérer mon abonnement").
    r"|im browser (ansehen|anzeigen|öffnen|lesen)|abmelden|abbestellen"
    r"|nicht mehr erhalten"
    r"|(voir|afficher|lire|ouvrir|consulter) (cet e-?mail |la version )?(en ligne|dans (le|votre) navigateur)"
    r"|se désabonner|désinscri|désabonnement"
    r"|g[ée]rer (mon |votre |vos |mes )?(abonnement|préférences)"
    r"|ver (este correo |la versión )?(en línea|en (el|tu|su) navegador)|darse de baja"
    r"|cancelar (la |tu )?suscripción"
    # Italian, Portuguese, Dutch, Japanese sending tools.
    r"|visualizza (questa e-?mail |la newsletter )?(nel|sul|in) (tuo )?(browser|web)|cancella (l'|la tua )?iscrizione"
    r"|annulla (l'|la )?iscrizione|disiscriviti|gestisci (le (tue )?)?preferenze|ver (este e-?mail |esta newsletter )?(no|em seu|no seu) navegador"
    r"|cancelar (a )?inscrição|descadastr|(atualizar|gerenciar) (suas )?preferências"
    r"|bekijk (deze e-?mail |deze nieuwsbrief )?in (je|uw|de) browser|uitschrijven|afmelden"
    r"|voorkeuren (wijzigen|aanpassen|beheren)|ブラウザで(表示|見る|読む)|配信停止|配信解除|登録解除|配信設定"
    # Korean and Chinese sending tools (Stibee, Maily; 135editor, Mailchimp's Chinese copy).
    r"|웹(에서|으로) 보기|웹 ?버전|수신 ?거부|구독 ?(취소|해지)|在(浏览器|瀏覽器|网页|網頁)中?(查看|打开|阅读)|网页版|退订|取消订阅|退訂"
    # Russian and Hebrew sending tools.
    r"|(открыть|смотреть|посмотреть) (письмо )?в браузере|веб-версия|отписаться|отписка"
    r"|לצפייה (בדפדפן|באתר)|להסרה|הסרה מרשימת"
    # Polish and Turkish sending tools.
    r"|zobacz (w|na) (przeglądarce|stronie)|wypisz (się|mnie)|zrezygnuj z (subskrypcji|newslettera)"
    r"|(zmień|zarządzaj) (ustawieni|subskrypcj)|tarayıcıda (görüntüle|aç|oku)|abonelikten çık"
    r"|aboneliği (iptal|sonlandır)|listeden çık|tercihleri(ni)? (güncelle|yönet)"
    # Swedish, Ukrainian and Arabic sending tools.
    r"|visa (i|i din) webbläsare|avsluta (din )?prenumeration|avregistrera|відписатися"
    r"|відкрити в браузері|إلغاء الاشتراك|عرض (الرسالة|النشرة) في المتصفح"
    # Finnish, Norwegian, Vietnamese and Indonesian sending tools.
    r"|(avaa|näytä|katso) (viesti )?selaimessa|peruuta tilaus|vis i (din )?nettleser|meld deg av"
    r"|xem (bản tin|email|thư) (này )?trên trình duyệt|hủy đăng ký"
    r"|lihat (email ini |versi web )?di (browser|peramban)|berhenti berlangganan",
)
# Every phrase of both ANYWHERE regexes holds one of these words. Most link texts hold
# none, and one automaton pass (see ``_holds_any``) costs a tenth of the search.
BOILER_HINTS = (
    "unsubscribe", "browser", "web", "version", "online", "manage ", "update ",
    "preferences", "opt out", "opt-out", "advertise", "refer", "melden", "abbestellen",
    "erhalten", "en ligne", "navigateur", "abonnement", "navegador", "de baja", "iscrizione",
    "disiscriviti", "preferenze", "descadastr", "uitschrijven", "voorkeuren", "zobacz ",
    "wypisz ", "zrezygnuj z ", "ustawieni", "subskrypcj", "aboneli", "tercihleri",
    "désabonn", "désinscri", "préférences", "en línea", "suscripción", "inscrição",
    "preferências", "ブラウザで", "配信", "登録解除", "웹", "거부", "구독", "在", "网页版", "退订",
    "取消订阅", "退訂", "браузере", "веб-версия", "отпис", "לצפייה", "הסרה", "tarayıcıda ",
    "listeden çık", "webbläsare", "prenumeration", "avregistrera", "відписатися", "браузері",
    "إلغاء الاشتراك", "في المتصفح", "selaimessa", "peruuta tilaus", "nettleser", "meld deg av",
    "trình duyệt", "hủy đăng ký", "peramban", "berlangganan",
)  # fmt: skip


def words_automaton(words: Iterable[str]) -> Any:
    """An Aho-Corasick automaton (pyahocorasick) over ``words``, each word's value its
    length (``_holds_any`` asks whether one is in a text; ``wordscan.WordScan`` where)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _holds_any(automaton: Any, text: str) -> bool:
    """``any(word in text for word in words)`` for the automaton's words, in one C pass
    over the text instead of one regex branch or substring scan for each word."""
    return next(automaton.iter(text), None) is not None


_BOILER_HINT_WORDS = words_automaton(BOILER_HINTS)
_BOILER_TEXT_LONG_START = re.compile(
    # "Please submit your suggestions and votes for next week": a call for the next issue.
    r"^(please )?submit (your )?(suggestions|nominations|votes|quotes|tips)\b"
)
_BOILER_TEXT_LONG_ANYWHERE = re.compile(
    # "View it in your browser", "paste this link in your browser"; not a story's "… with MIDI
    # in your browser".
    r"unsubscribe|(?:view|open|read|paste|load|display|see)\b[^.?!<>]{0,40} in your browser"
    r"|email preferences|referral (link|program)|refer (a |your )?friends?"
    r"|abmelden|abbestellen|nicht mehr erhalten|se désabonner|darse de baja"
    r"|cancella (l'|la tua )?iscrizione|cancelar (a )?inscrição|uitschrijven|配信停止"
    r"|wypisz się|abonelikten çık"
)
_BOILER_WORDS = 8
# The furniture addresses (besides "mailto:" and "tel:" ones). Every alternative opens
# with a literal character, so the search skips to the places one of those stands.
_BOILER_URL = re.compile(
    r"unsubscribe|/manage\b|/preferences|/profile/?(?:[?#]|$)|web-?version|view-?online"
    r"|/refer|refer\.|/referral|advertise\.|/advertise|/subscribe\b|/signup|/upgrade\b|list-manage\.com/(track/)?(profile|unsubscribe)"
    r"|/edit_subscription/|jobs\.ashbyhq|/careers/?(?:[?#]|$)|/polls?/|\?poll(_id)?=|&poll(_id)?=|/@[^/?#]+/?$"
    # An author's profile page, also in German, Spanish, French, Italian and Dutch ("/autor/",
    # "/auteur/", "/autore/"), its campaign tags after it: a byline, not a story.
    r"|/(?:authors?|autor(?:en|es|e|i)?|auteurs?)/[^/?#]+/?(?:[?#]|$)"
    # The licence ("published under CC BY-SA").
    r"|creativecommons\.org/licenses/",
)
# Every _BOILER_URL alternative holds one of these (most addresses none): see _holds_any.
BOILER_URL_HINTS = (
    "unsubscribe", "/manage", "/preferences", "/profile", "version", "view", "refer",
    "advertise", "/subscribe", "/signup", "/upgrade", "/edit_subscription/", "jobs.ashbyhq",
    "/careers", "poll", "/@", "/author", "/autor", "/auteur", "creativecommons.org/licenses/",
)  # fmt: skip
_BOILER_URL_HINT_WORDS = words_automaton(BOILER_URL_HINTS)
_SOCIAL_HOSTS = {
    "twitter.com", "x.com", "facebook.com", "instagram.com", "linkedin.com", "tiktok.com",
    "threads.net", "bsky.app", "mastodon.social", "youtube.com", "t.me", "github.com",
}  # fmt: skip


_SOCIAL_FURNITURE = frozenset(
    ["in", "company", "channel", "c", "user", "intent", "share", "sharer", "sharing",
     "sharer.php", "shareArticle", "dialog", "home", "newsletters", "feed"]
)  # fmt: skip


# What a newsletter's own sign-up link says ("Join 40,000 readers", "Get it in your inbox").
_SIGN_UP = re.compile(
    r"subscri|sign ?up|join|newsletter|inbox|free|weekly|daily|every|a (day|week)"
)


# A job's title ("Senior Backend Engineer (Remote)") linking a company's careers page is a job
# ad; the newsletter's own "We're hiring" / "Join our team" link is furniture.
_ROLE = re.compile(
    r"\b(?:engineer|developer|designer|architect|scientist|analyst|administrator|programmer"
    r"|manager|devops|sre|cto|intern)s?\b"
)
_HIRING = re.compile(r"hiring|\bjoin\b|\bwork (?:with|for) us")


def _boiler_url(url: str, words: str) -> bool:
    """The address is furniture's (unsubscribe, referral, ...). A "/subscribe" or "/signup"
    page under a headline of five words or more that says nothing of signing up is an ad's
    product ("Fresh beans, roasted the day they ship" → a coffee subscription; "Want to
    ship AI agents with built-in auth?" → a sign-up for the advertised service), not the
    newsletter's sign-up."""
    if url.startswith(("mailto:", "tel:")):
        return True
    if not _holds_any(_BOILER_URL_HINT_WORDS, url):
        return False  # a necessary condition of _BOILER_URL matching
    m = _BOILER_URL.search(url)
    if m is None:
        return False
    if m.group().startswith("/career") and _ROLE.search(words) and not _HIRING.search(words):
        return False  # "Sr. Fullstack Engineer (Remote)": a job ad's listing, not "We're hiring"
    return (
        m.group() not in ("/subscribe", "/signup", "/upgrade")
        or word_count(words) < 5
        or _SIGN_UP.search(words) is not None
    )


# A question about the mail not showing right, before the button's imperative ("Deine
# E-Mail wird nicht korrekt angezeigt? Im Browser ansehen!", "Problème d'affichage ? …").
_DISPLAY_TROUBLE = re.compile(
    r"(not|n['’]t) (display|show)(ing)? (correctly|properly|right)|trouble (viewing|reading)"
    r"|nicht (korrekt|richtig|vollständig|optimal) (angezeigt|dargestellt)|nicht lesbar"
    r"|problème d['’]affichage|s['’]affiche (pas |mal)|ne s['’]affiche pas"
    r"|no (se )?(ve|visualiza|muestra)s? (correctamente|bien)|problemas para ver"
    r"|non (si )?(visualizz|vedi)\w* (correttamente|bene)|problemi (di|a) visualizza"
)


def _asked_furniture(words: str) -> bool:
    """A long link text that asks a question and then gives a short imperative ("… wird
    nicht korrekt angezeigt? Im Browser ansehen!", "¿No ves bien este correo? Ver en tu
    navegador"): furniture when the imperative is a short furniture text or the question
    is about the mail's display."""
    question, _, tail = words.rpartition("?")
    tail = tail.strip(" !.¡¿»›→>")
    if 0 < word_count(tail) <= _BOILER_WORDS and _boiler_text(tail):
        return True
    return word_count(question) <= 12 and _DISPLAY_TROUBLE.search(question) is not None


def _boiler_text(words: str) -> bool:
    """The lower-cased link text is furniture's: ``_BOILER_TEXT_START`` opens it or
    ``_BOILER_TEXT_ANYWHERE`` is in it (``_BOILER_TEXT_LONG_…`` for a text of more than
    ``_BOILER_WORDS`` words)."""
    short = word_count(words) <= _BOILER_WORDS
    if (_BOILER_TEXT_START if short else _BOILER_TEXT_LONG_START).match(words):
        return True
    if "?" in words and _asked_furniture(words):
        return True
    # A necessary condition: every phrase of either ANYWHERE regex holds a hint word.
    if not _holds_any(_BOILER_HINT_WORDS, words):
        return False
    return (_BOILER_TEXT_ANYWHERE if short else _BOILER_TEXT_LONG_ANYWHERE).search(
        words
    ) is not None


# The hosts ``is_boilerplate_link`` looks at after splitting the address.
_SOCIAL_HOST_WORDS = words_automaton([*_SOCIAL_HOSTS, "reddit.com"])


def _plain_url(url: str) -> bool:
    """``urlsplit(url)`` neither raises nor drops characters that could join a host's
    name: it raises only on brackets or on characters outside ASCII in the host, and
    drops only tabs and line ends."""
    return (
        url.isascii()
        and "[" not in url
        and "]" not in url
        and "\t" not in url
        and "\r" not in url
        and "\n" not in url
    )


@functools.lru_cache(maxsize=8192)  # newsletters repeat their links; the answer is pure
def is_boilerplate_link(text: str, url: str) -> bool:
    """Referral, advertise, jobs, unsubscribe, navigation and social-profile links."""
    # Lower-cased input and case-sensitive patterns: re.I defeats the regex engine's
    # literal-prefix scan and made this the parse step's hottest line.
    words = text.strip().lower()
    if _boiler_url(url.lower(), words) or _boiler_text(words):
        return True
    if words[:4] == "http" and " " not in words and _boiler_url(words, words):
        return True  # a link written out as its address ("Your referral link: https://…")
    target = link_target(url)
    if target != url and _boiler_url(target.lower(), words):
        return True  # a click tracker around an unsubscribe or referral link
    url = target
    if not _holds_any(_SOCIAL_HOST_WORDS, url.lower()) and _plain_url(url):
        return False  # no social host named, and urlsplit would not raise: the usual link
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    host = (parts.hostname or "").removeprefix("www.")
    if host in ("reddit.com", "old.reddit.com"):
        # A community's or a user's page ("r/rust", "u/cart" over a post): its byline, like a
        # social profile; the posts are "/r/<name>/comments/…".
        segs = [s for s in parts.path.split("/") if s]
        return len(segs) == 2 and segs[0] in ("r", "u", "user")
    if host in _SOCIAL_HOSTS:
        segs = [s for s in parts.path.split("/") if s]
        if segs[:1] == ["comm"]:
            segs = segs[1:]  # LinkedIn's email links: "/comm/in/<name>" is "/in/<name>"
        if segs[:1] in (["watch"], ["shorts"], ["live"]) and (len(segs) > 1 or parts.query):
            return False  # a video, not the channel
        if (
            host == "github.com"
            and len(segs) == 1
            and word_count(words) >= 3
            and words.startswith(segs[0].lower())
        ):
            return False  # "aio-libs：65 个基于 Asyncio 的库": an organisation's projects, an entry
        # A profile or page ("twitter.com/tldrnewsletter") is furniture; a post is content.
        # Share buttons ("twitter.com/intent/tweet?…", "linkedin.com/sharing/…") too.
        return (
            len(segs) <= 1
            or segs[0] in _SOCIAL_FURNITURE
            or (segs[0] == "profile" and len(segs) == 2)  # bsky.app/profile/handle
        )
    return False


_ENCODED_IN_PATH = re.compile(r"/(https?(?::|%3A)%2F%2F[^/]+)", re.I)


_BASE64_SEGMENT = re.compile(r"aHR0c[A-Za-z0-9+/_-]{19,}={0,2}")  # "http…" in base64


def _base64_target(segment: str) -> str | None:
    """The address a path segment spells in base64, if it spells one."""
    if not _BASE64_SEGMENT.fullmatch(segment):
        return None
    try:
        text = base64.urlsafe_b64decode(
            segment.replace("+", "-").replace("/", "_") + "=" * (-len(segment) % 4)
        ).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not text.startswith(("http://", "https://")) or any(c.isspace() for c in text):
        return None
    return text


# A signed token whose payload is JSON naming the target: Substack's
# "substack.com/redirect/2/eyJlIjoiaHR0cHM6Ly9….<signature>" is {"e": "https://…"}.
_JSON_TOKEN = re.compile(r"(eyJ[A-Za-z0-9_-]{20,})(?:\.[A-Za-z0-9_-]+)?")


def _json_target(segment: str) -> str | None:
    """The address a path segment's base64 JSON payload names, if it names one."""
    m = _JSON_TOKEN.fullmatch(segment)
    if m is None:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(m.group(1) + "=" * (-len(m.group(1)) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    for value in data.values():
        if (
            isinstance(value, str)
            and value.startswith(("http://", "https://"))
            and not any(c.isspace() for c in value)
        ):
            return value
    return None


def _query_target(query: str) -> str | None:
    """The first value of ``parse_qsl(query)`` that is a whole address ("http://…",
    no space), decoding only the values that can be: a value's first character is kept
    by the decoding unless it is a "%" (a "+" becomes a space), so an address's value
    opens with "h", "H" or "%"."""
    for field in query.split("&"):
        raw = field.partition("=")[2]
        if raw[:1] not in ("h", "H", "%"):
            continue  # parse_qsl skips an empty value too
        value = unquote(raw.replace("+", " "))
        if value[:8].lower().startswith(("http://", "https://")) and " " not in value:
            return value
    return None


@functools.lru_cache(maxsize=8192)
def link_target(url: str) -> str:
    """The link a click tracker wraps, when the wrapper spells it out ("…?upn=https%3A…",
    "…/CL0/https:%2F%2F…"); the link itself otherwise. Never fetches anything.

    (``bot.normalise`` has the full unwrapping; parsers may not import it, and only need
    the target to recognise furniture and jump links.)"""
    for _ in range(3):
        low = url.lower()
        if low.find("http", 1) < 0 and "%" not in url and "ahr0c" not in low and "eyj" not in low:
            # No address inside: every way below of spelling one ("http" in the query or
            # the path, percent-encoded, or in base64) needs one of these. Most links.
            return url
        try:
            parts = urlsplit(url)
        except ValueError:
            return url
        query = parts.query
        whole = query[:8].lower().startswith(("http://", "https://")) and " " not in query
        inner = query if whole else _query_target(query)
        if inner is None:
            m = _ENCODED_IN_PATH.search(parts.path)
            inner = unquote(m.group(1)) if m else None
        if inner is None:
            # Kit's "click.kit-mail3.com/<id>/<id>/aHR0cHM6Ly9…": the target in base64 as
            # the path's last segment.
            inner = _base64_target(parts.path.rsplit("/", 1)[-1])
        if inner is None:
            inner = _json_target(parts.path.rsplit("/", 1)[-1])
        if inner is None:
            return url
        url = inner
    return url


_FOOTER = re.compile(
    r"unsubscribe|you('re| are) receiving this|manage (your )?subscriptions?"
    # "You're receiving product updates because you have an account."
    r"|you('re| are) receiving [\w -]{1,40} because you"
    r"|sie erhalten diese(n| e-?mail| nachricht)|newsletter (abbestellen|abmelden)|nicht mehr erhalten"
    r"|vous recevez ce(t e-?mail| mail| message| courriel)|se désabonner|recibes este (correo|mensaje)"
    r"|darse de baja|cancelar (la |tu )?suscripción"
    r"|hai ricevuto questa (e-?mail|mail|newsletter)|(cancella|annulla) (l'|la tua |la )?iscrizione"
    r"|você está recebendo este|cancelar (a )?inscrição|je ontvangt deze (e-?mail|nieuwsbrief)"
    r"|u ontvangt deze (e-?mail|nieuwsbrief)|uitschrijven|配信停止|このメールは.{0,60}(お送り|配信|送信)"
    r"|수신 ?거부|구독 ?(취소|해지)|退订|取消订阅|退訂"
    r"|вы получили (это|данное) письмо|отписаться|קיבלת (את )?(המייל|הדוא\"ל|ההודעה)|להסרה מרשימת"
    r"|otrzymujesz (tę|tą|niniejszą) wiadomość|wypisz się|bu e-?postayı .{0,60}aldınız|abonelikten çık"
    # Swedish, Ukrainian, Arabic: "Du får det här brevet eftersom …", "وصلتك هذه الرسالة".
    r"|du får (det här|detta) (brev|mejl|mail|nyhetsbrev)|avsluta (din )?prenumeration|відписатися"
    r"|ви отримали (цей|цього) лист|إلغاء الاشتراك|وصلتك هذه الرسالة"
    r"|you (have )?received this (e-?mail|message)|this message was sent by .{0,60}because you"
    # "You're among 59,059 others who received this email because you wanted a recap".
    r"|received this (e-?mail|message|newsletter) because you"
    r"|update (your )?preferences|no longer (want|wish) to receive|©|\(c\) \d{4}|copyright \d{4}"
    # Why the reader gets the letter: "Warum bekommst du diese E-Mail?", "Why am I getting
    # this email?", "Pourquoi recevez-vous cet e-mail ?".
    r"|warum (bekommst|erhältst) du diese|du erhältst diese (e-?mail|nachricht|mail)"
    r"|why (am i|are you|did i|did you|do i|do you) (getting|receiving|get|receive) this (e-?mail|newsletter|message)"
    r"|pourquoi (recevez-vous|reçois-tu|je reçois|vous recevez) (cet|ce)|por qué (recibes|estás recibiendo) este",
)
# The letter's close ("That's it. Hit reply …", "Thanks,", "See you next week"): it ends
# the last item, so neither it nor the sign-off after it lands in a blurb.
OUTRO = re.compile(
    # "Alright, that's all we got for today!": an interjection may open it.
    r"^(?:(?:alright|all right|okay|ok|well),? )?(?:that[’']?s (?:it|all)(?: (?:we|i) (?:got|have))?"
    r"|that is (?:it|all)"
    # "That's all" in Italian, Portuguese, Dutch: "Per oggi è tutto", "É isso por hoje".
    r"|per oggi è tutto|è tutto per (?:oggi|questa settimana)|é isso|por hoje é (?:só|isso)"
    r"|dat was het|dat is alles"
    # Russian, Hebrew: "На этом всё", "Вот и всё", "זהו להשבוע" ("that's it for this week").
    r"|на этом (?:всё|все)|вот и (?:всё|все)|до (?:встречи|скорого)|זהו (?:להשבוע|להיום|לגיליון)"
    r"|נתראה"
    # Polish, Turkish: "To wszystko na dziś", "Bu haftalık bu kadar" ("that's all").
    r"|to wszystko (?:na dziś|na dzisiaj|w tym tygodniu)|do zobaczenia|do usłyszenia"
    r"|bu (?:haftalık|günlük|sayılık) bu kadar|bugünlük bu kadar|görüşmek üzere"
    # Swedish ("Det var allt för den här veckan"), Ukrainian, Arabic ("إلى اللقاء": until
    # we meet).
    r"|det var allt|vi ses|на цьому (?:все|всё)|до зустрічі|дякуємо,? що читаєте"
    r"|إلى اللقاء|نلقاكم|دمتم بخير"
    # Vietnamese ("Hẹn gặp lại tuần sau": see you next week), Indonesian, Finnish.
    r"|hẹn gặp lại|sampai jumpa|nähdään)\b"
    # Japanese closes ("今週も最後までお読みいただき…", "また来週"): no word boundary.
    r"|^(?:今週も最後まで|最後までお読みいただき|また来週|以上、)"
    r"|\b(?:hit|just|simply) reply\b|\breply and (?:tell|let) (?:me|us)\b"
    r"|\breply to this (?:e-?mail|message|newsletter)\b|\bleave (?:us )?an? (?:review|rating)\b"
    # Turkish "… bu e-postayı yanıtlamanız yeterli" ("just reply to this email"): its "ı"
    # (``ODD_FOLDS``) sends the text to the search anywhere.
    r"|\bbu e-?postayı yanıtla"
    r"|^(?:thanks|thank you) for spending (?:part of )?your (?:morning|day|evening|time|weekend)"
    r"|^[¡¿]?(?:thanks|thank you|cheers|best|regards|warmly|until next (?:time|week)|happy reading"
    r"|see you (?:next|on|soon|tomorrow|there|at the|in (?:a|one|two|three|a few|\d) (?:days?|weeks?|months?))|have a (?:great|lovely|good|nice) (?:weekend|week|day)"
    # French, German, Spanish: "Bonne semaine et à mardi prochain !", "Bis nächste Woche".
    r"|bonne (?:semaine|journée|lecture|fin de semaine)|à (?:bientôt|la semaine prochaine)"
    r"|bis (?:bald|nächste woche|zum nächsten mal)|viele grüße|schönes wochenende|schöne woche"
    r"|kommen sie gut (?:durch|in|ins)"
    r"|bon week-end|hasta (?:pronto|mañana|la próxima|la semana que viene|el próximo)|nos vemos"
    r"|buen fin de semana|saludos"
    # "Enjoy your Wednesday,", "Stay patched,": a short close wishing the reader well.
    r"|enjoy (?:your|the) (?:week|weekend|day|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"|stay (?:safe|patched|secure|curious|well)"
    r"|buona settimana|alla prossima|a presto|buon fine settimana|até a próxima|até semana que vem|até amanhã"
    r"|boa semana|um abraço|abraços|tot volgende week|tot de volgende keer|fijne week|fijn weekend"
    # Turkish, Swedish, Arabic: "Sevgiler," "Saygılarımızla,", "Trevlig helg!", "مع تحياتنا".
    r"|sevgiler|saygılar(?:ımızla)?|iyi (?:haftalar|okumalar|hafta sonları)|trevlig (?:helg|vecka|läsning)"
    r"|ha en (?:bra|fin|trevlig) (?:helg|vecka|dag)|(?:med vänliga )?hälsningar|مع (?:أطيب )?تحيات"
    # Finnish, Norwegian, Indonesian, Vietnamese ("Chúc bạn cuối tuần vui vẻ").
    r"|ystävällisin terveisin|hyvää (?:viikonloppua|viikkoa|joulua)|ha en fin (?:helg|uke|dag)"
    r"|(?:med )?vennlig hilsen|salam hangat|selamat (?:membaca|berakhir pekan)|chúc (?:bạn|các bạn) )"
    r"\b.{0,30}$",
    re.I,
)

# The first two characters (lower case) of every close ``OUTRO`` matches at the start that
# opens with two ASCII characters: most paragraphs open otherwise, and are no close.
# test_speed_extract reads them off the regex's parse tree: a new close needs its pair here.
_OUTRO_OPENINGS = frozenset(
    {
        "al", "ok", "we", "th", "pe", "po", "da", "to", "do", "bu", "ch", "be", "re", "wa",
        "un", "ha", "se", "bo", "bi", "vi", "sc", "ko", "no", "sa", "en", "st", "a ", "at",
        "um", "ab", "fi", "de", "iy", "me", "tr", "ys", "hy", "ve",
    }
)  # fmt: skip

# The closes anchored at the start leave at most 30 characters after words of at most
# ~40: a longer text can only match through "That's all/it", "reply", "review", "rating".
_LONGEST_CLOSE = 80


# Under re.I, "i" also matches "ı" and "İ" and "s" matches "ſ", which str.lower() leaves
# alone (or makes two characters of): a fast path that lower-cases the text first must
# give a text holding one of them to the regex itself.
ODD_FOLDS = ("ı", "İ", "ſ")


def is_outro(text: str) -> bool:
    """``OUTRO.search(text)``, scanning only where a match can be. Only the phrases with
    "reply", "review" or "rating" can match after the text's start: without those words
    matching at the start is enough, and a long text cannot match unless it opens with
    "that"."""
    low = text.lower()
    if any(w in low for w in ("reply", "review", "rating")) or any(c in text for c in ODD_FOLDS):
        return OUTRO.search(text) is not None
    if len(text) > _LONGEST_CLOSE and not low.startswith("that"):
        return False
    # Under re.I an ASCII character matches only its own two cases (outside ASCII only "İ",
    # "ı", "ſ" and the Kelvin sign fold to ASCII letters): text opening with two ASCII
    # characters can match only when they open one of the closes.
    head = text[:2]
    if head.isascii() and head.lower() not in _OUTRO_OPENINGS:
        return False
    return OUTRO.match(text) is not None


_LONGEST_FOOTER = 600


# Every _FOOTER phrase holds one of these: most blocks hold none, and one automaton pass
# (``_holds_any``) costs a fraction of the regex's try-every-position scan.
FOOTER_WORDS = (
    "subscri", "preferences", "receiving", "no longer", "(c) ", "copyright ",
    "erhalten diese", "newsletter ab", "recevez ce", "recibes este", "de baja",
    "ricevuto questa", "iscrizione", "recebendo este", "ontvangt deze", "uitschrijven",
    "received this", "was sent by", "otrzymujesz", "wypisz", "mehr erhalten",
    "bekommst du diese", "getting this", "receiving this", "get this", "receive this",
    "recevez-vous", "vous recevez", "avsluta",
)  # fmt: skip
# The ones holding a character outside ASCII: only a text that is not ASCII can hold them.
FOOTER_WORDS_WIDE = (
    "©", "désabonner", "suscripción", "inscrição", "配信停止", "このメールは",
    "수신", "구독", "退订", "取消订阅", "退訂", "получили", "отписа", "קיבלת", "להסרה",
    "aldınız", "abonelikten", "erhältst", "reçois", "por qué", "du får det", "du får detta",
    "відписатися", "отримали", "إلغاء الاشتراك", "وصلتك",
)  # fmt: skip


_FOOTER_HINT_WORDS = words_automaton([*FOOTER_WORDS, *FOOTER_WORDS_WIDE])


def is_footer(text: str) -> bool:
    """The newsletter's footer starts here (unsubscribe, "you are receiving this", ©)."""
    if len(text) > _LONGEST_FOOTER:
        return False
    low = text.lower()
    return _holds_any(_FOOTER_HINT_WORDS, low) and _FOOTER.search(low) is not None


# A part of a postal address: a number before a capitalised word ("12 Quay Street", "79098
# Freiburg") or after words ("Gartenstraße 14", "Suite 12").
_ADDRESS_PART = re.compile(
    r"\d{1,5}[a-z]? [A-ZÄÖÜ]|[A-ZÄÖÜ][\w.'-]*(?: [\w.'-]+){0,3} \d{1,5}[a-z]?$"
)
_ADDRESS_SPLIT = re.compile(r"\s*[,·|•]\s*")


def postal_line(text: str) -> bool:
    """The sender's postal address, a line of its own over the footer ("Dataline Analytics
    Ltd, 12 Quay Street, Manchester M3 3JE, United Kingdom", "Wendepunkt Medien GmbH ·
    Gartenstraße 14 · 79098 Freiburg"): a name and three parts or more, one of them a
    street or a postcode with its number, no sentence."""
    if len(text) > 150 or not text[:1].isupper() or text[-1:] in ".!?:;":
        return False
    parts = _ADDRESS_SPLIT.split(text)
    return len(parts) >= 3 and any(_ADDRESS_PART.match(p) for p in parts[1:])


BANNER = re.compile(
    r"^\s*(?:together with|presented by|brought to you by|in partnership with|sponsored by|powered by"
    # "This week's issue …", "Tuesday 20th August's issue …": any short name of the day.
    r"|(?:this|today['’]?s|[\w ]{1,30}?['’]s) (?:issue|email|newsletter|edition|episode) is (?:supported|sponsored"
    r"|brought to you|presented|made possible) by)"
    r"\s*:?\s*(.{0,80}?)[\s.!]*$",
    re.I,
)


def banner_match(text: str, low: str | None = None) -> re.Match[str] | None:
    """``BANNER.match(text)``, asked only of a text holding "by" or "with" (every BANNER
    phrase ends in one) or a character ``lower()`` leaves unlike re.I (``ODD_FOLDS``).
    ``low``: ``text.lower()`` when the caller has it."""
    if low is None:
        low = text.lower()
    if "by" in low or "with" in low or (not text.isascii() and any(c in text for c in ODD_FOLDS)):
        return BANNER.match(text)
    return None


# "Promoted by Tallyrun" closing an entry's summary: that entry is the sponsor's.
PROMOTED_BY = re.compile(r"^\s*promoted by:?\s+(\S.{0,40}?)[\s.!]*$", re.I)

# "Thanks to JetBrains for their support!": a supporter's credit (a banner by other words);
# the name capitalised ("Thanks to everyone for their support!" thanks no sponsor).
SUPPORT_THANKS = re.compile(
    r"^\s*(?:many |special |big )?thanks to ((?-i:[A-Z0-9]).{0,40}?) for (?:their|its|the) "
    r"(?:support|sponsorship|generous support)\b[\s.!]*$",
    re.I,
)

SPONSOR_SECTION = re.compile(
    r"^\W*(sponsors?|sponsored|sponsored (links?|content|posts?)|(from )?our (sponsors?|partners?)"
    r"|partners?|partner (content|spotlight)|sponsor (posts?|spotlight)|advertisements?|ads?|promoted|presented by\b.*|together with\b.*"
    r"|brought to you by\b.*|sponsored by\b.*|supported by\b.*"
    # "Партнер випуску", "Партнёр номера": the partner (Ukrainian, Russian).
    r"|партн[еэё]р(?:и|ы)? (?:випуску|выпуска|номера|тижня|недели))\W*$",
    re.I,
)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}  # fmt: skip
MONTH_NUMBERS = _MONTHS  # "dec" / "december" -> 12
_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
_DMY = re.compile(r"\b(\d\d?)-(\d\d)-(20\d\d)\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.? (\d\d?)(?:st|nd|rd|th)?,? (20\d\d)\b")
# "13 September 2025", "9th of March 2026", "1st Oct., 2025"
_DMY_WORD = re.compile(r"\b(\d\d?)(?:st|nd|rd|th)? (?:of )?([A-Za-z]{3,9})\.?,? (20\d\d)\b")
_MY = re.compile(r"\b([A-Za-z]{3,9}),? (20\d\d)\b")


# Each pattern with the most characters its match holds before its year, and the
# characters from the year's start to the match's end. Every year starts "20", or for
# ISO dates "19" too.
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], int, int], ...] = (
    (_ISO, 0, 10),  # "2025-06-13"
    (_DMY, 6, 4),  # "dd-dd-" 2025
    (_MDY, 17, 4),  # "September. 13th, " 2025
    (_DMY_WORD, 20, 4),  # "13th of September., " 2025
    (_MY, 11, 4),  # "September, " 2025
)


def find_date(*texts: str) -> date | None:
    """The first plausible date in the given texts (ISO, "March 13, 2025", "May, 2025")."""
    cut = [text[:5000] for text in texts]
    twenty = [_occurrences(text, "20") for text in cut]
    for pattern, before, after in _DATE_PATTERNS:
        for text, years in zip(cut, twenty, strict=True):
            if pattern is _ISO:
                years = sorted(years + _occurrences(text, "19"))
            for m in _date_matches(pattern, text, years, before, after):
                got = _to_date(pattern, m.groups())
                if got:
                    return got
    return None


def _occurrences(text: str, sub: str) -> list[int]:
    found = []
    at = text.find(sub)
    while at >= 0:
        found.append(at)
        at = text.find(sub, at + 1)
    return found


def _date_matches(
    pattern: re.Pattern[str], text: str, years: list[int], before: int, after: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, scanning only the stretches where a match can start.

    Every match starts at most ``before`` characters ahead of one of the ``years`` (the
    sorted places its year can start), so those stretches, searched in order, hold every
    match; scanning every position of a long body (headers, footers) cost up to 0.4 ms a
    call. A stretch is searched with the text cut ``after`` + 1 characters past its last
    year's start: the cut only hides text no match starting there reaches, and keeps the
    character the final \\b looks at.
    """
    end = 0  # where the previous match ended: finditer's matches do not overlap
    i = 0
    while i < len(years):
        first = years[i]
        while i + 1 < len(years) and years[i + 1] - before <= years[i] + 1:
            i += 1  # overlapping or touching stretches: one search
        last = years[i]
        i += 1
        pos = max(first - before, end, 0)
        while pos <= last and (m := pattern.search(text, pos, last + after + 1)) is not None:
            end = pos = m.end()
            yield m


def _to_date(pattern: re.Pattern[str], g: tuple[str, ...]) -> date | None:
    try:
        if pattern is _ISO:
            return date(int(g[0]), int(g[1]), int(g[2]))
        if pattern is _DMY:
            return date(int(g[2]), int(g[1]), int(g[0]))
        if pattern is _MDY:
            return date(int(g[2]), _MONTHS[g[0].lower()], int(g[1]))
        if pattern is _DMY_WORD:
            return date(int(g[2]), _MONTHS[g[1].lower()], int(g[0]))
        return date(int(g[1]), _MONTHS[g[0].lower()], 1)
    except (KeyError, ValueError):
        return None


_LINKS_HEADER = re.compile(r"^[ \t]*(?:Links|References):?[ \t]*\n[ \t]*-{3,}[ \t]*$", re.M | re.I)
_REF_LINE = re.compile(r"^[ \t]*\[(\d{1,4})\]:?[ \t]+(\S+)[ \t]*$", re.M)
REF = re.compile(r"\[(\d{1,4})\]")


def split_refs(text: str) -> tuple[str, dict[str, str]]:
    """Split a text/plain body from its trailing "Links:" list of ``[n] url`` lines."""
    headers = list(_LINKS_HEADER.finditer(text))
    found = headers[-1] if headers else None
    if found is None:
        refs = {m.group(1): m.group(2) for m in _REF_LINE.finditer(text)}
        if len(refs) >= 2:
            first = _REF_LINE.search(text)
            return (text[: first.start()] if first else text), refs
        return text, {}
    tail = text[found.end() :]
    refs = {m.group(1): m.group(2) for m in _REF_LINE.finditer(tail)}
    return text[: found.start()], refs


# An entry's number and a space only, no "." or ")" ("1 US regulators fine a chipmaker"),
# opening a bold line (``htmlblocks``) or a text part's paragraph (``plaintext``).
BARE_NUMBER = re.compile(r"(\d{1,2}) +(?=\S)")


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each with its line wraps kept."""
    return [p for p in re.split(r"\n[ \t\u00a0]*\n", text) if p.strip()]


_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_LOWER = bytes(range(ord("a"), ord("z") + 1))


def upper_ratio(text: str) -> float:
    """The share of capitals among the letters (0.0 under three letters)."""
    if text.isascii():  # the usual case: bytes.translate counts in one C pass each
        ascii_letters = text.encode("ascii").translate(None, _NOT_LETTERS)
        if len(ascii_letters) < 3:
            return 0.0
        return len(ascii_letters.translate(None, _LOWER)) / len(ascii_letters)
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 3:
        return 0.0
    return sum(map(str.isupper, letters)) / len(letters)


# Calls to action that end the item before them: what follows is the newsletter's own
# promotion (referrals, advertising, hiring, sign-off), not part of any item's blurb. Each
# branch opens on a letter, so the search skips to where one of those opens (a scan in C);
# the two that hold only at the text's start are ``_PROMO_START``'s.
_PROMO = re.compile(
    r"tell your friends|get rewards|earn rewards|referral link|your referrals|refer (a|your) friends?"
    # beehiiv's referral box: "You currently have 0 referrals, only 1 away from receiving …".
    r"|you (currently )?have \d+ referrals?\b"
    r"|want to advertise|advertise with us|advertise in\b|want to work at|we'?re hiring|apply here"
    # The sender's own hiring box: "Join the teams …! Check out job openings at <a>…</a>".
    r"|check out (our |the |these )?(latest |current )?(job openings|open (roles|positions))\b"
    # A job board's own call to employers: "Hiring? Post a job to 38,000 engineers".
    r"|post (a|your) (job|role|opening)s?\b"
    r"|thanks for reading|thank you for reading|share (this|the|our) newsletter"
    # "Enjoying these notes? <a>Share Harbor Notes</a> with a friend."
    r"|share [\w' ]{1,40}? with (a friend|friends|your (friends|team|colleagues))\b"
    r"|forward (this|it) to a friend|was this (email|newsletter) forwarded|sponsor (us|this newsletter)"
    r"|if you have any (comments|feedback|questions)|reply to this email|respond to this email"
    r"|how did you like|what did you think of (today|this)|rate (this|today'?s) (issue|newsletter|edition)"
    r"|reader-supported|free or paid subscriber|paid subscriber|consider (becoming|subscribing|upgrading)"
    r"|know someone who|chip in\b|buy me a coffee|support (my|our) work"
    r"|enjoying (this|these) (newsletter|email|notes|issues?|posts?)\b|explore (more|our other) newsletters"
    # French: "Partagez cette newsletter et bénéficiez du programme de parrainage", "Cette
    # newsletter vous a été transférée ?", "Vous avez aimé cette newsletter ?".
    r"|partagez (cette|la|notre) newsletter|programme de parrainage|parrainez"
    r"|newsletter vous a été transférée|on vous a transféré|vous avez aimé cette newsletter"
    # German: "Gefällt Ihnen die Leseliste? Leiten Sie sie weiter", "Leite diesen Newsletter
    # gern weiter", "Empfehlen Sie uns weiter".
    r"|gefällt (dir|ihnen|euch) (der|die|das|diese[rs]?|unser[e]?) [\w-]{2,30}\?"
    r"|leite(|t|n sie) (ihn|sie|es|uns|diese[nrs]? [\w-]{2,30}) (gerne? )?weiter\b"
    r"|empf(iehl|ehlt|ehlen sie) uns (gerne? )?weiter\b"
    # German, Spanish, Portuguese, Italian: "Gefällt Ihnen der Praxisbrief? Newsletter
    # weiterempfehlen", "¿Conoces a alguien a quien le pueda interesar? Reenvía este boletín".
    r"|newsletter weiterempfehlen|uns weiterempfehlen|empfehlen sie (den|diesen) newsletter weiter"
    r"|reenvía (este|esta|el|la) (boletín|correo|newsletter|email)|conoces a alguien (a quien|que)"
    r"|encaminhe (este|esta) (e-?mail|newsletter|boletim)|inoltra (questa|la) newsletter"
    # The masthead statement under the last item: "X is published monthly by the Office of …".
    r"|is published (daily|weekly|monthly|quarterly|biweekly|every \w+) by\b"
    # Asking readers for submissions: "Running an event? Submit it here."
    r"|submit (it|yours|your (event|link|project|story)|an? (event|link|project|story)) (here|to us|at)\b",
)
_PROMO_START = re.compile(
    r"curated by \w"
    # … and for the next issue: "Submit your suggestions and votes for next week!"
    r"|(please )?submit (your )?(suggestions|nominations|votes|quotes|tips|ideas)\b"
)


# Every _PROMO and _FORWARDED phrase contains one of these: most blocks contain none, and
# one automaton pass (``_holds_any``) costs a fraction of the regex's try-every-position
# scan. Each is as long as its phrases allow ("work at" and "my work", not "work"; "leite"
# and "empfehl" for the German "… weiter" asks, not " weiter"): a story's paragraph seldom
# holds one, and is not searched (``test_speed_links`` checks that every phrase holds one).
PROMO_WORDS = (
    "friend", "referral", "advertis", "reward", "work at", "my work", "our work", "hiring",
    "apply here", "for reading", "newsletter", "forward", "sponsor us", "sponsor this",
    "if you have any", "to this email", "did you", "rate this ", "rate today", "reader-",
    "subscriber", "consider", "know someone", "chip in", "coffee", "submit ", "post a ",
    "post your ", "enjoying th", "published", "curated by", "check out", "parrain",
    "transféré", "share ", "weitergeleitet", "reenvi", "inoltrat", "encaminhad", "gefällt ",
    "leite", "empfiehl", "empfehl", "reenvía", "conoces a alguien", "encaminhe", "inoltra ",
)  # fmt: skip


_PROMO_HINT_WORDS = words_automaton(PROMO_WORDS)

# The sign-up box for readers someone forwarded the letter to: "Was this forwarded to
# you?", "Du hast diese E-Mail weitergeleitet bekommen?", "¿Te reenviaron este correo?".
# Searched only when a text holds one of ``_FORWARD_WORDS``: in ``_PROMO`` these branches,
# without a literal to start from, slowed every search.
_FORWARDED = re.compile(
    r"was this forwarded|(someone|somebody|a friend) forwarded (you )?(this|it)"
    r"|forwarded this (email|newsletter)"
    r"|weitergeleitet bekommen"
    r"|(wurde|hat) (dir|ihnen) (jemand )?(diese[n]? (e-?mail|newsletter|nachricht) )?weitergeleitet"
    r"|te (han )?reenviado|te reenvi(ó|aron)|ti è stat[ao] inoltrat|foi encaminhad"
)
_FORWARD_WORDS = ("forwarded", "weitergeleitet", "reenvi", "inoltrat", "encaminhad")


def is_promo(text: str) -> bool:
    """The newsletter's own call to action (referrals, advertising, hiring, sign-off)."""
    if len(text) > _LONGEST_FOOTER:
        return False
    low = text.lower()
    if not _holds_any(_PROMO_HINT_WORDS, low):
        return False
    if _PROMO.search(low) is not None or _PROMO_START.match(low) is not None:
        return True
    return any(w in low for w in _FORWARD_WORDS) and _FORWARDED.search(low) is not None


def literal_hits(text: str, literals: tuple[str, ...], pattern: re.Pattern[str], n: int) -> int:
    """How often ``pattern`` occurs in ``text``, counted up to ``n``, where ``pattern`` is
    the case-insensitive alternation of ``literals`` (lower case, none able to overlap
    another or itself). Counted as substrings of the lower-cased text: a case-insensitive
    regex gets no literal search, and tries every position of a 300 KB body."""
    if any(c in text for c in ODD_FOLDS):
        return sum(1 for _ in zip(range(n), pattern.finditer(text), strict=False))
    low = text.lower()
    return min(sum(low.count(literal) for literal in literals), n)


def at_least(pattern: re.Pattern[str], text: str, n: int) -> bool:
    """True when ``pattern`` occurs ``n`` times; stops scanning as soon as it does."""
    return any(count >= n for count, _ in enumerate(pattern.finditer(text), 1))


_DATELINE_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|issue|edition|week|no|vol|st|nd|rd|th)\b"
    r"|\d+|[^\w\s]",
)


def is_dateline(text: str) -> bool:
    """A heading that only dates the issue ("Monday, June 16", "Issue #212 — 2025-06-09")."""
    low = text.lower()
    if len(text) >= 60 or _DATELINE_WORDS.sub("", low).strip():
        return False
    return find_date(text) is not None or any(m in low for m in _MONTHS if len(m) > 3)


_NAME = r"[A-Z][\w.'’-]*(?: (?:van |von |de |da |del |di |le )?[A-Z][\w.'’-]*){0,3}"
_BYLINE = re.compile(
    rf"^[Bb]y ({_NAME}(?:(?:, | and | & ){_NAME})*)"
    # "on" after a space: "By Ha Ji-won, translated by …" is no "By Ha Ji-w" + "on, …".
    r"(?:\s*[·|•—–]\s*(\d{1,3})[ -]min(?:ute)?s?(?: read)?\b|(?=\s*(?:[·|•—–]|$)|\s+on\b))"
)
_NAME_SPLIT = re.compile(r", | and | & ")
# "on Jun 24, 2025 09:12 am" after a byline: the post's date, not its summary.
_BYLINE_DATE = re.compile(
    rf"on (?:{_MDY.pattern}|{_DMY_WORD.pattern}|{_ISO.pattern})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s?[ap]\.?m\.?)?)?",
    re.I,
)


# The words of a post beside an author's name in a byline ("Senior Fellow", "Director of
# Workforce Policy", "Economist"): the post, not a person.
_ROLE_WORDS = frozenset(
    ["fellow", "associate", "director", "economist", "editor", "professor", "analyst",
     "researcher", "reporter", "correspondent", "writer", "scholar", "chair", "president",
     "officer", "manager", "scientist", "engineer", "adviser", "advisor", "counsel",
     "lecturer", "columnist", "contributor", "intern", "founder", "ceo", "head"]
)  # fmt: skip
_BYLINE_PARTS = re.compile(r",\s*(?:and\s+)?|\s+(?:and|&)\s+")


def titled_byline(text: str) -> tuple[str, ...]:
    """The people of a byline line giving each author's post ("By Dana Whitfield, Senior
    Fellow, and Omar Castellanos, Research Associate"), or () when it is none."""
    if len(text) > 160 or text[:3] not in ("By ", "by "):
        return ()
    names: list[str] = []
    roles = 0
    for part in _BYLINE_PARTS.split(text[3:].strip(" .")):
        words = part.split()
        if any(w.lower().strip(".") in _ROLE_WORDS for w in words):
            roles += 1
        elif 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            names.append(part)
        else:
            return ()
    return tuple(names) if names and roles else ()


def byline(blurb: str) -> tuple[tuple[str, ...], int | None, str]:
    """The authors and read time of a byline opening an item's blurb ("By Jane Doe · 6 min
    read", "By A and B"), and the blurb without the byline. A byline followed by its date
    ("By Jane Doe on Jun 24, 2025 09:12 am …") goes with its date, like a feed digest's
    meta line (``parsers.metaline``); "By Jane Doe on how …" names the authors and stays."""
    m = _BYLINE.match(blurb)
    if m is None:
        return (), None, blurb
    authors = tuple(_NAME_SPLIT.split(m.group(1)))
    minutes = int(m.group(2)) if m.group(2) else None
    rest = blurb[m.end() :]
    if rest.lstrip().startswith("on "):
        dated = _BYLINE_DATE.match(rest.lstrip())
        if dated is None:
            return authors, minutes, blurb
        rest = rest.lstrip()[dated.end() :]
    return authors, minutes, rest.lstrip(" ·|•—–")


# An entry's number written as text before its title link: "1、", "（2）", "3.", "4)",
# "【5】", "①" (Chinese and Japanese weeklies number entries in the text, not in a list);
# "1.5x" is a number, not an entry's.
_ENTRY_NUMBER = re.compile(
    r"^(?:[（(]\d{1,3}[)）]|【\d{1,3}】|\d{1,3}(?:[、．)）]|\.(?!\d))|[①-⑳])[ \t]*"
)


def numbered_entry(text: str) -> re.Match[str] | None:
    """The entry number opening ``text`` ("1、", "（2）", "3."), if it has one."""
    return _ENTRY_NUMBER.match(text) if text[:1] in _NUMBER_OPENERS else None


_NUMBER_OPENERS = frozenset("（(【①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳0123456789０１２３４５６７８９")
