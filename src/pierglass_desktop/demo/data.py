"""Word lists and small generators for the demo project: Finnish names, places, companies.

The demo is Finnish on purpose (a Finnish ESF+ project), so these are data, not UI strings,
and are not translated. Nothing here touches the database.
"""

from __future__ import annotations

import random

from pierglass_desktop.domain.rules import business_id_check_digit

FEMALE_FIRST_NAMES = (
    "Aino", "Anna", "Anneli", "Eeva", "Elina", "Hanna", "Heidi", "Helena", "Irja", "Jenni",
    "Johanna", "Kaisa", "Katja", "Kirsi", "Laura", "Leena", "Liisa", "Maija", "Marjatta",
    "Minna", "Niina", "Outi", "Päivi", "Pirjo", "Riikka", "Sanna", "Satu", "Sari", "Seija",
    "Sirpa", "Suvi", "Tiina", "Tuula", "Ulla", "Venla", "Åsa", "Kristiina", "Hilkka", "Terhi",
    "Merja", "Jaana", "Säde", "Kyllikki", "Mervi", "Annukka", "Ritva",
)  # fmt: skip

MALE_FIRST_NAMES = (
    "Antti", "Eero", "Heikki", "Jari", "Juha", "Jussi", "Kalle", "Lauri", "Markku", "Matti",
    "Mikko", "Olli", "Pekka", "Petri", "Sami", "Teemu", "Timo", "Tuomas", "Väinö", "Åke",
    "Jyrki", "Ville", "Esa", "Janne", "Kari", "Risto",
)  # fmt: skip

# Names some people of any gender use; given to non-binary and not-told participants too.
NEUTRAL_FIRST_NAMES = ("Sasha", "Kim", "Niki", "Alex", "Robin", "Iiris", "Eelis")

LAST_NAMES = (
    "Aaltonen", "Ahonen", "Heikkinen", "Hämäläinen", "Hyvönen", "Järvinen", "Jääskeläinen",
    "Karjalainen", "Koskinen", "Kärkkäinen", "Laaksonen", "Lehtonen", "Lindström", "Mäkelä",
    "Mäkinen", "Niemi", "Nieminen", "Öhman", "Peltonen", "Pölönen", "Rantanen", "Räsänen",
    "Salonen", "Sjöholm", "Söderberg", "Turunen", "Tuominen", "Väisänen", "Virtanen",
    "Åberg", "Ylönen", "Kähkönen", "Leppänen", "Määttä", "Pääkkönen", "Kettunen", "Hirvonen",
    "Räty", "Björklund", "Sirviö", "Törmänen", "Ikonen",
)  # fmt: skip

# (town, venue for face-to-face meetings)
TOWNS = (
    ("Pori", "Yrittäjätalo, Itsenäisyydenkatu"), ("Tampere", "Hervannan kampus, luokka TB109"),
    ("Turku", "Yrityspalvelupiste, Linnankatu"), ("Oulu", "Kaupunginkirjaston kokoushuone"),
    ("Jyväskylä", "Kehittämiskeskus, sali 2"), ("Kuopio", "Kansalaisopisto, luokka 3"),
    ("Joensuu", "Yrittäjäkeskus, neuvotteluhuone Pielinen"),
    ("Vaasa", "Företagshuset, Kokoushuone"),
    ("Seinäjoki", "Frami, kokoustila Lakeus"), ("Lahti", "Yrittäjien talo, 2. krs"),
    ("Hämeenlinna", "Verkatehdas, kabinetti"), ("Rovaniemi", "Yrityspalvelut, Valtakatu"),
    ("Kokkola", "Yrityskeskus, Kokoustila Meri"), ("Mikkeli", "Kehitysyhtiön kokoustila"),
    ("Kajaani", "Kauppakatu 1, kokoushuone"), ("Porvoo", "Taidetehdas, kokoushuone"),
    ("Rauma", "Yrityspalvelukeskus Sataman kokoushuone"), ("Savonlinna", "Kehittämiskeskus"),
    ("Pietarsaari", "Företagarhuset, mötesrum"), ("Lappeenranta", "Yrityspalvelut, Sali Saimaa"),
)  # fmt: skip

# (group name stem, sector, company prefix, job titles)
SECTORS = (
    ("Kotihoidon yrittäjät", "Kotihoito", "Kotihoito", ("yrittäjä", "lähihoitaja")),
    ("Hyvinvointialan pienyritykset", "Hyvinvointipalvelut", "Hyvinvointipalvelu",
     ("yrittäjä", "toimitusjohtaja")),
    ("Hoiva-alan yrittäjät", "Hoivapalvelut", "Hoivapalvelu", ("yrittäjä", "sairaanhoitaja")),
    ("Fysioterapeuttien vertaisryhmä", "Fysioterapia", "Fysioterapia",
     ("fysioterapeutti", "yrittäjä")),
    ("Perhepalveluyrittäjät", "Perhepalvelut", "Perhepalvelu", ("sosionomi", "yrittäjä")),
    ("Henkilökohtaisen avun yrittäjät", "Henkilökohtainen apu", "Avustajapalvelu",
     ("yrittäjä", "lähihoitaja")),
    ("Mielenterveyspalvelujen pienyritykset", "Mielenterveyspalvelut", "Terapiapalvelu",
     ("psykoterapeutti", "sairaanhoitaja")),
    ("Jalkaterapeuttien vertaisryhmä", "Jalkaterapia", "Jalkaterapia", ("jalkaterapeutti",)),
    ("Puhe- ja toimintaterapeutit", "Kuntoutus", "Kuntoutuspalvelu",
     ("puheterapeutti", "toimintaterapeutti")),
    ("Ikäihmisten palvelujen tuottajat", "Ikäihmisten palvelut", "Senioripalvelu",
     ("yrittäjä", "geronomi")),
)  # fmt: skip

# Eighteen monthly meetings over a year and a half, in order.
MEETING_THEMES = (
    "Aloitustapaaminen", "Oma yritys ja tavoitteet", "Palveluseteli ja palvelukuvaus",
    "Hinnoittelu ja kannattavuus", "Digitaalinen työ", "Tietosuoja ja asiakastiedot",
    "Markkinointi ja näkyvyys", "Asiakaskokemus", "Välitapaaminen ja arviointi",
    "Työhyvinvointi", "Ajanhallinta ja jaksaminen", "Verkostot ja yhteistyö",
    "Laatu ja omavalvonta", "Ensimmäinen työntekijä", "Talous ja rahoitus",
    "Kehittämissuunnitelma", "Tulevaisuuden näkymät", "Päätöstapaaminen",
)  # fmt: skip

# Agenda building blocks: (title, minutes, category, is_break, purpose)
CHECK_IN = ("Kuulumiskierros", 30, "opening", False, "Jokainen kertoo kuukauden kuulumiset.")
FOLLOW_UP = (
    "Edellisen kerran sitoumukset", 20, "reflection", False,
    "Käydään läpi, miten kokeilut onnistuivat.",
)  # fmt: skip
EXPERT_TALK = ("Asiantuntijan alustus: {theme}", 50, "expert", False, "Alustus ja keskustelu.")
COFFEE = ("Kahvitauko", 20, "break", True, "")
PEER_CONSULTATION = (
    "Vertaiskonsultaatio", 45, "peer_learning", False,
    "Yksi jäsen tuo tilanteen, muut kysyvät ja ehdottavat.",
)  # fmt: skip
EXTRA_ITEMS = (
    ("Pienryhmätyöskentely: {theme}", 45, "development", False, "Työstetään teemaa pareittain."),
    ("Hyvinvointiharjoitus", 10, "wellbeing", False, "Lyhyt tauko- ja venyttelyharjoitus."),
    ("Digityökalun esittely", 20, "digital", False, "Jäsen esittelee käyttämänsä työkalun."),
    ("Onnistumisten jakaminen", 15, "reflection", False, "Mikä meni hyvin tässä kuussa?"),
)  # fmt: skip
COMMITMENT_ROUND = (
    "Sitoumuskierros", 15, "closing", False, "Jokainen kertoo, mitä kokeilee ennen ensi kertaa.",
)  # fmt: skip
CLOSING = (
    "Palaute ja lopetus",
    10,
    "closing",
    False,
    "Palautelaput ja seuraavan kerran sopiminen.",
)

COMMITMENT_TEXTS = (
    "Päivitän palvelukuvauksen verkkosivuille.",
    "Kokeilen sähköistä ajanvarausta kuukauden ajan.",
    "Pidän joka viikko yhden kokonaan vapaan päivän.",
    "Teen asiakkailleni lyhyen tyytyväisyyskyselyn.",
    "Selvitän, miten hakeudun palvelusetelituottajaksi.",
    "Otan käyttöön sähköisen laskutuksen.",
    "Kirjaan työaikani viikon ajan ja katson, mihin se menee.",
    "Tarkistan hinnastoni ja nostan yhden palvelun hintaa.",
    "Päivitän omavalvontasuunnitelman.",
    "Kysyn kahdelta kollegalta yhteistyöstä.",
    "Kokeilen etävastaanottoa yhden asiakkaan kanssa.",
    "Siirrän asiakastiedot suojattuun järjestelmään.",
    "Teen somepäivityksen kerran viikossa.",
    "Laadin itselleni vuosikellon.",
)

FOLLOW_UP_COMMENTS = (
    "Onnistui paremmin kuin odotin.",
    "Aloitettu, jatkan ensi kuussa.",
    "Ei ehtinyt kiireiden takia.",
    "Asiakkaat antoivat hyvää palautetta.",
    "",
    "",
)

GROUP_NOTES = (
    "Yhteenveto: käsiteltiin teemaa {theme}. Ryhmä jakoi hyviä käytäntöjä ja sopi kokeiluista.",
    "Tapaamisen yhteenveto: {theme}. Seuraavalla kerralla jatketaan vertaiskonsultaatiolla.",
    "Muistiinpanot ryhmälle: {theme} herätti keskustelua; materiaalit jaetaan sähköpostilla.",
)
PROJECT_NOTES = (
    "Osallistujat toivovat lisää tietoa palveluseteleistä; välitetään hankkeen koordinaattorille.",
    "Asiantuntija-alustus sai hyvän vastaanoton. Kustannukset laskutetaan hankkeelta.",
    "Ryhmä ehdottaa yhteistä tapaamista naapuriryhmän kanssa.",
)
PRIVATE_NOTES = (
    "Ryhmän dynamiikka: kaksi jäsentä puhuu paljon, hiljaisemmille pitää antaa tilaa.",
    "Yksi jäsen vaikutti väsyneeltä; kysyn kuulumisia kahden kesken.",
    "Tauko venyi, ensi kerralla tiukempi aikataulu.",
)
MEMBER_NOTES = (
    "Haluaa keskustella jaksamisesta erikseen.",
    "Harkitsee ensimmäisen työntekijän palkkaamista.",
    "Kiinnostunut palvelusetelituottajaksi hakemisesta.",
)
EXCUSE_REMARKS = ("Sairastunut", "Asiakaskäynti", "Lomalla", "Lapsi sairaana", "")
FEEDBACK_COMMENTS = (
    "Vertaiskonsultaatio oli tosi hyödyllinen.",
    "Enemmän aikaa keskustelulle.",
    "Hyvä alustaja!",
    "Kahvit olivat hyvät.",
    "Sain paljon ideoita omaan työhön.",
    "",
    "",
    "",
)

TUTOR_ORGANISATIONS = (
    "Työpeili-hanke, Satakunnan ammattikorkeakoulu",
    "Työpeili-hanke, Tampereen seudun yrityspalvelut",
    "Työpeili-hanke, Pohjois-Savon kehittämiskeskus",
)

WHO5_NAME = {"fi": "WHO-5-hyvinvointi-indeksi", "en": "WHO-5 Well-Being Index"}
# The five items, worded as published; answers 0 (at no time) to 5 (all of the time).
WHO5_ITEMS = (
    (
        "I have felt cheerful and in good spirits",
        "Olen tuntenut itseni iloiseksi ja hyväntuuliseksi",
    ),
    ("I have felt calm and relaxed", "Olen tuntenut oloni rauhalliseksi ja rentoutuneeksi"),
    ("I have felt active and vigorous", "Olen tuntenut itseni aktiiviseksi ja tarmokkaaksi"),
    ("I woke up feeling fresh and rested", "Olen herännyt virkeänä ja levänneenä"),
    (
        "My daily life has been filled with things that interest me",
        "Päivittäiseen elämääni on sisältynyt minua kiinnostavia asioita",
    ),
)

_ASCII = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "A", "Ö": "O", "Å": "A", " ": ""})
_PSEUDONYM_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def ascii_slug(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: 'Mäkelä' -> 'makela'."""
    return "".join(c for c in text.translate(_ASCII).lower() if c.isalnum() or c in ".-")


def business_id(rng: random.Random) -> str:
    """A Y-tunnus with a correct check digit; digits that have no valid check digit are redrawn."""
    while True:
        digits = f"{rng.randint(1, 3)}{rng.randrange(10**6):06d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"


def pseudonym(rng: random.Random) -> str:
    return "P-" + "".join(rng.choice(_PSEUDONYM_ALPHABET) for _ in range(5))


def company_name(rng: random.Random, prefix: str, first: str, last: str, size: str) -> str:
    """'Hoivapalvelu Lehtonen Oy' for companies, 'Toiminimi Aino Mäkelä' for sole traders."""
    if size == "sole":
        return rng.choice((f"Toiminimi {first} {last}", f"{prefix} {first} {last}"))
    return rng.choice((f"{prefix} {last} Oy", f"{last} & {rng.choice(LAST_NAMES)} Oy"))


def email_address(first: str, last: str, company: str, size: str) -> str:
    """At the company's own domain, or a personal address for sole traders (never a real one)."""
    if size == "sole":
        return f"{ascii_slug(first)}.{ascii_slug(last)}@sahkoposti.example"
    words = [w for w in company.split() if w not in ("Oy", "&")]
    return f"{ascii_slug(first)}@{ascii_slug(''.join(words))}.example"


def phone_number(rng: random.Random) -> str:
    return f"0{rng.choice((40, 44, 45, 50))} {rng.randrange(1000):03d} {rng.randrange(10000):04d}"
