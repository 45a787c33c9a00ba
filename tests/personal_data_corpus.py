"""The measured corpus of the personal-data detector (plugins/privacy/personal_data.py).

PERSONAL: texts holding personal data, each labelled by kind; what must go is written between
⟦ and ⟧ (the markers are not part of the text given to the detector). A case is caught when every
marked piece is inside what the detector finds.
KEEP: texts that must come out untouched, each labelled by kind, read with PUBLIC (the office's
declared contacts) as the gate reads the site.
tests/test_personal_data.py computes recall and precision per kind and checks them against
docs/mainteneurs/donnees-personnelles.md.
"""

from __future__ import annotations

import re

PHONE, EMAIL, ADDRESS, IBAN, URL = ("téléphone", "adresse électronique", "adresse postale", "IBAN",
                                    "adresse web avec paramètres")

# --- phones: every way residents write a number, each form with its own number ----------------


def _pairs(digits: str, sep: str) -> str:
    return sep.join(digits[i:i + 2] for i in range(0, len(digits), 2))


def _plus33(d: str, sep: str = " ") -> str:
    return d[1] + sep + _pairs(d[2:], sep)


_FULL_WIDTH = str.maketrans("0123456789+", "０１２３４５６７８９＋")
_FORMS = [  # (label, how the 10 digits are written); the personal part between ⟦ ⟧
    ("espaces", lambda d: f"⟦{_pairs(d, ' ')}⟧"),
    ("points", lambda d: f"⟦{_pairs(d, '.')}⟧"),
    ("tirets", lambda d: f"⟦{_pairs(d, '-')}⟧"),
    ("barres obliques", lambda d: f"⟦{_pairs(d, '/')}⟧"),
    ("collés", lambda d: f"⟦{d}⟧"),
    ("virgules", lambda d: f"⟦{_pairs(d, ',')}⟧"),
    ("espaces multiples", lambda d: f"⟦{_pairs(d, '  ')}⟧"),
    ("espace insécable", lambda d: f"⟦{_pairs(d, chr(0xa0))}⟧"),
    ("espace fine insécable", lambda d: f"⟦{_pairs(d, chr(0x202f))}⟧"),
    ("espace fine", lambda d: f"⟦{_pairs(d, chr(0x2009))}⟧"),
    ("espace demi-cadratin", lambda d: f"⟦{_pairs(d, chr(0x2002))}⟧"),
    ("espace tabulaire", lambda d: f"⟦{_pairs(d, chr(0x2007))}⟧"),
    ("signe moins", lambda d: f"⟦{_pairs(d, chr(0x2212))}⟧"),
    ("tiret demi-cadratin", lambda d: f"⟦{_pairs(d, chr(0x2013))}⟧"),
    ("tiret cadratin", lambda d: f"⟦{_pairs(d, chr(0x2014))}⟧"),
    ("trait d'union insécable", lambda d: f"⟦{_pairs(d, chr(0x2011))}⟧"),
    ("tirets espacés", lambda d: f"⟦{_pairs(d, ' - ')}⟧"),
    ("points espacés", lambda d: f"⟦{_pairs(d, '. ')}⟧"),
    ("espace sans chasse", lambda d: f"⟦{_pairs(d, chr(0x200b))}⟧"),
    ("trait d'union conditionnel", lambda d: f"⟦{_pairs(d, chr(0xad))}⟧"),
    ("gluon", lambda d: f"⟦{_pairs(d, chr(0x2060))}⟧"),
    ("indicateur d'ordre des octets", lambda d: f"⟦{_pairs(d, chr(0xfeff))}⟧"),
    ("marque gauche-droite", lambda d: f"⟦{_pairs(d, chr(0x200e))}⟧"),
    ("invisibles dans un bloc", lambda d: f"⟦{chr(0x200b).join(d)}⟧"),
    ("sur deux lignes", lambda d: f"⟦{_pairs(d[:6], ' ')}\n{_pairs(d[6:], ' ')}⟧"),
    ("sur deux lignes CRLF", lambda d: f"⟦{_pairs(d[:8], ' ')}\r\n{d[8:]}⟧"),
    ("chiffres pleine chasse", lambda d: f"⟦{_pairs(d, ' ').translate(_FULL_WIDTH)}⟧"),
    ("groupes 2-3-3-2", lambda d: f"⟦{d[:2]} {d[2:5]} {d[5:8]} {d[8:]}⟧"),
    ("groupes 4-2-2-2", lambda d: f"⟦{d[:4]} {d[4:6]} {d[6:8]} {d[8:]}⟧"),
    ("groupes 3-3-4", lambda d: f"⟦{d[:3]} {d[3:6]} {d[6:]}⟧"),
    ("parenthèses", lambda d: f"⟦({d[:2]}) {_pairs(d[2:], ' ')}⟧"),
    ("séparateurs mêlés", lambda d: f"⟦{d[:2]} {d[2:4]}.{d[4:6]}-{d[6:8]} {d[8:]}⟧"),
    ("+33", lambda d: f"⟦+33 {_plus33(d)}⟧"),
    ("+33 collé", lambda d: f"⟦+33{d[1:]}⟧"),
    ("+33 (0)", lambda d: f"⟦+33 (0){_plus33(d)}⟧"),
    ("+33(0) collé", lambda d: f"⟦+33(0){d[1:]}⟧"),
    ("0033", lambda d: f"⟦0033 {_plus33(d)}⟧"),
    ("+33 en groupes de 3", lambda d: f"⟦+33 {d[1:4]} {d[4:7]} {d[7:]}⟧"),
    ("+33 pleine chasse", lambda d: f"⟦{('+33 ' + _plus33(d)).translate(_FULL_WIDTH)}⟧"),
    ("lien wa.me", lambda d: f"https://wa.me/⟦33{d[1:]}⟧"),
    ("lien tel:", lambda d: f"tel:⟦+33{d[1:]}⟧"),
    ("lien tel: national", lambda d: f"tel:⟦{d}⟧"),
]
_NUMBERS = ["0612345678", "0698765432", "0777665544", "0492201234", "0476543210", "0956781234", "0623456789",
            "0734567812", "0145678923", "0387654321", "0555443322", "0299887766", "0645128790", "0788990011"]
_CONTEXTS = ["Appelez-moi au {} le soir.", "Mon numéro : {}", "<td>{}</td>", "tél. {}, merci"]

PERSONAL: list[tuple[str, str]] = []
for index, (label, form) in enumerate(_FORMS):
    for round_ in range(len(_CONTEXTS)):
        number = _NUMBERS[(index + 5 * round_) % len(_NUMBERS)]
        PERSONAL.append((PHONE, _CONTEXTS[round_].format(form(number))))

PERSONAL += [(PHONE, text) for text in [
    "Joignable au ⟦06 12 34 56 78⟧ ou au ⟦04 92 20 12 34⟧.",
    "Deux numéros collés : ⟦06 12 34 56 78⟧ ⟦04 92 20 12 34⟧",
    "portable ⟦06 12 34 56 78⟧/fixe ⟦04 92 20 12 34⟧",
    "Tél.:⟦0612345678⟧",
    "Tél : ⟦06 12 34 56 78⟧.",
    "Rappelez le ⟦06 12 34 56 78⟧, merci !",
    "(mon fils : ⟦07.77.66.55.44⟧)",
    '<a href="tel:⟦+33-6-12-34-56-78⟧">m\'appeler</a>',
    '<a href="https://wa.me/⟦33698765432⟧">WhatsApp</a>',
    "Écrivez-moi sur WhatsApp : wa.me/⟦33777665544⟧",
    "mon numéro est ⟦zéro six douze trente-quatre cinquante-six soixante-dix-huit⟧",
    "⟦zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit⟧",
    "⟦zero six quatre-vingt-dix-huit soixante-seize cinquante-quatre trente-deux⟧ le soir",
    "fixe : ⟦zéro quatre quatre-vingt-douze vingt douze trente-quatre⟧",
    "appelez ⟦zéro sept soixante-dix-sept soixante-six cinquante-cinq quarante-quatre⟧",
    "⟦ZÉRO SIX DOUZE TRENTE-QUATRE CINQUANTE-SIX SOIXANTE-DIX-HUIT⟧",
    "en Italie : ⟦+39 0122 123456⟧",
    "en Suisse : ⟦+41 79 123 45 67⟧",
    "à Londres : ⟦+44 20 7946 0958⟧",
    "en Belgique : ⟦+32 470 12 34 56⟧",
    "⟦0033 (0)4 92 20 12 34⟧ pour le gîte",
    "⟦06 12 34 56 78⟧ 90",
    "Nos deux numéros : ⟦06 12 34 56 78⟧ - ⟦04 92 20 12 34⟧",
    "numéro\u00a0:\u00a0⟦06\u00a012\u00a034\u00a056\u00a078⟧",
    "Le ⟦06 12 34 56 78⟧, c'est moi (Marc).",
    "cell. ⟦+33 6 12 34 56 78⟧ (WhatsApp)",
    "⟦06 12 34 56\n78⟧ dans une cellule de tableur",
    "⟦06\u200b12\u200b34\u200b56\u200b78⟧",
    "⟦0\u00ad6\u00ad1\u00ad2\u00ad3\u00ad4\u00ad5\u00ad6\u00ad7\u00ad8⟧",
    "numéro : ⟦06 12 34 56 78⟧ (le soir après 18 h)",
    "mon numéro : ⟦zéro six 12 34 56 78⟧",
    "⟦zéro 6 98 76 54 32⟧",
    "⟦zero sept 77 66 55 44⟧ !",
    "⟦O6 12 34 56 78⟧ (avec la lettre O)",
    "⟦o6.98.76.54.32⟧",
]]

# --- e-mails ----------------------------------------------------------------------------------

PERSONAL += [(EMAIL, text) for text in [
    "Écrivez-moi : ⟦paul.martin@example.org⟧",
    "⟦PAUL.MARTIN@EXAMPLE.ORG⟧",
    "⟦jean.dupont+lvas@laposte.net⟧ ou rien",
    "⟦marie_curie-2@mail.sub.example.co.uk⟧",
    "⟦hélène.dupré@exemple.fr⟧",
    "⟦paul.martin @ example.org⟧",
    "⟦paul.martin@ example.org⟧",
    "⟦paul.martin (a) example.org⟧",
    "⟦paul.martin(a)example.org⟧",
    "⟦paul.martin [at] example.org⟧",
    "⟦paul.martin {at} example.org⟧",
    "⟦paul.martin (at) example (dot) org⟧",
    "⟦paul.martin (arobase) example.org⟧",
    "⟦paul.martin arobase example point org⟧",
    "⟦paul point martin arobase example point org⟧",
    "⟦paul.martin at example dot org⟧",
    "⟦paul.martin AT example DOT org⟧",
    "⟦paul.martin (chez) example.org⟧",
    "⟦paul.martin [chez] example [point] org⟧",
    "⟦paul.martin@example(dot)org⟧",
    "⟦paul.martin@example [point] org⟧",
    "⟦paul.martin＠example.org⟧",
    "⟦ｐａｕｌ＠ｅｘａｍｐｌｅ．ｏｒｇ⟧",
    "⟦paul.mar\u200btin@exam\u200bple.org⟧",
    "⟦paul.martin\u00ad@example.org⟧",
    "⟦paul.martin\u2060@\u2060example.org⟧",
    '<a href="mailto:⟦paul.martin@example.org⟧">moi</a>',
    "Paul Martin <⟦paul.martin@example.org⟧>",
    "(⟦paul.martin@example.org⟧)",
    "contact : ⟦gite.les.granges@orange.fr⟧.",
    "⟦lucie.b@free.fr⟧, ⟦tom.b@free.fr⟧",
    "⟦contact[at]gite-alpin.fr⟧",
    "⟦jean(a)gmail.com⟧ merci",
    "mon adresse ⟦dupont (arobase) wanadoo (point) fr⟧",
    "⟦p.martin@example.org⟧\u00a0!",
    "⟦m.roux@chalet-du-lac.com⟧ pour les réservations",
    "⟦famille.gaillard@sfr.fr⟧",
    "⟦a.b.c.d@e.f.g.fr⟧",
    "⟦jean.dupont@ex-ample.fr⟧",
    "Envoyez à ⟦sophie.blanc1987@hotmail.fr⟧ les photos",
]]

# --- postal addresses -------------------------------------------------------------------------

PERSONAL += [(ADDRESS, text) for text in [
    "J'habite ⟦12 rue des Lilas⟧, ⟦05330 Saint-Chaffrey⟧.",
    "au ⟦3 bis avenue Jean-Jaurès⟧",
    "⟦5, place de l'Église⟧ à Embrun",
    "⟦12 chemin du Moulin Vieux⟧",
    "J'habite ⟦12 rue victor hugo⟧ et le bruit est terrible.",
    "au ⟦5 avenue du général de gaulle⟧ depuis 2010",
    "⟦7 impasse jean moulin⟧.",
    "J'habite au ⟦12, rue du 8 mai 1945⟧ à Briançon",
    "⟦7 allée des pins 05330 saint-chaffrey⟧ est calme",
    "⟦12 rue victor hugo⟧, ⟦05100 la salle-les-alpes⟧.",
    "⟦3 bis chemin de la croix⟧",
    "⟦12 av. jean jaurès⟧",
    "⟦1950 route des alpes⟧",
    "⟦7 Rue Centrale⟧",
    "⟦8 bd Pasteur⟧",
    "⟦8 Bd. Pasteur⟧",
    "⟦3 r. des Lilas⟧",
    "au ⟦14 r. Centrale⟧, au fond",
    "⟦16 Grande Rue⟧",
    "⟦16 Grande-Rue⟧, ⟦05120 L'Argentière-la-Bessée⟧",
    "⟦3 Grand'Rue⟧",
    "⟦16 Grande Rue⟧, ⟦05200 Embrun⟧",
    "⟦Le Bourg, 05290 Vallouise⟧",
    "⟦Le Village, 05350 Saint-Véran⟧",
    "⟦Grande Rue, 05220 Le Monêtier-les-Bains⟧",
    "⟦Hameau des Combes, 05100 Villard-Saint-Pancrace⟧",
    "⟦lieu-dit Les Granges⟧",
    "⟦lieu dit La Draye⟧, au-dessus",
    "au ⟦n°16 rue des Lilas⟧",
    "au ⟦n° 16, rue des Lilas⟧",
    "⟦nº16 rue des Lilas⟧",
    "⟦N°3 impasse des Écrins⟧",
    "⟦BP 12 05100 BRIANCON⟧",
    "⟦BP 12, 05100 Briançon⟧",
    "⟦05330 SAINT-CHAFFREY⟧",
    "⟦05200 Embrun⟧",
    "⟦05100 Briançon Cedex 9⟧",
    "⟦05120 L'Argentière-la-Bessée⟧",
    "⟦38000 Grenoble⟧ et ⟦05000 Gap⟧",
    "⟦12 rue des Lilas 05000 gap⟧",
    "J'habite au ⟦12\u00a0rue victor\u202fhugo⟧ depuis 2010.",
    "⟦12\u200b rue des Lilas⟧",
    "⟦１２ rue des Lilas⟧",
    "⟦5 place du 14 juillet⟧, le marché",
    "⟦3 chemin du pont de la vachette⟧, je n'aime pas",
    "⟦22 route de Grenoble⟧, ⟦05000 Gap⟧",
    "⟦4 quai des Tanneurs⟧",
    "⟦9 montée des Cordeliers⟧",
    "⟦2 lotissement Les Écrins⟧",
    "⟦11 résidence du Parc⟧",
    "⟦6 faubourg Saint-Jean⟧",
    "⟦1 rond-point des Alpes⟧",
    "⟦17 cours Jean Jaurès⟧",
    "⟦40 avenue de la République⟧, ⟦05200 Embrun⟧",
    "⟦2 chemin des prés verts⟧, merci",
    "⟦3, rue Pasteur⟧",
    "⟦12B rue des Lilas⟧",
    "⟦12 ter rue des Lilas⟧",
    "écrire au ⟦3 place du Temple⟧",
    "⟦12 Rue Des Lilas⟧",
]]

# --- IBAN and web addresses with a query string ------------------------------------------------

PERSONAL += [(IBAN, text) for text in [
    "Mon RIB : ⟦FR76 3000 6000 0112 3456 7890 189⟧",
    "⟦FR7630006000011234567890189⟧",
    "⟦fr76 3000 6000 0112 3456 7890 189⟧",
    "IBAN ⟦FR14 2004 1010 0505 0001 3M02 606⟧ merci",
    "⟦FR87 1027 8073 5500 0206 1560 134⟧.",
    "⟦FR71\u00a01450\u00a08000\u00a04045\u00a06789\u00a00123\u00a0456⟧",
    "⟦DE89 3704 0044 0532 0130 00⟧",
    "⟦BE68 5390 0754 7034⟧",
    "⟦ES91 2100 0418 4502 0005 1332⟧",
    "⟦CH98 0483 5000 0001 2345⟧",
    "⟦IT60 X054 2811 1010 0000 0123 456⟧",
    "⟦FR76\u200b3000\u200b6000\u200b0112\u200b3456\u200b7890\u200b189⟧",
]]
PERSONAL += [(URL, text) for text in [
    "voir ⟦https://exemple.fr/form?email=paul%40x.org&nom=Martin⟧.",
    "⟦www.exemple.fr/page?id=12&qui=moi⟧",
    "⟦https://docs.google.com/forms/d/e/abc/viewform?usp=pp_url&entry.1=Paul⟧",
    "⟦http://exemple.fr/?tel=0612345678⟧",
    "⟦https://wa.me/33612345678?text=Bonjour⟧",
]]

# Forms known to pass (docs/mainteneurs/donnees-personnelles.md, « Ce qui n'est pas attrapé »):
# kept in the corpus so that the figures say so.
PERSONAL += [
    (PHONE, "⟦06 12 34 56⟧ et finit par ⟦78⟧"),
    (EMAIL, "⟦paul.martin chez example.fr⟧"),
    (EMAIL, "⟦paul.martin sur gmail⟧"),
    (ADDRESS, "j'habite ⟦rue des Lilas au 12⟧"),
    (ADDRESS, "la maison jaune ⟦chemin des Vignes⟧, derrière l'église"),
]

# --- what must stay ---------------------------------------------------------------------------

# The office's declared public contacts (as the gate gets them from the settings).
PUBLIC_VALUES = ["contact@office-vallee.fr", "accueil@office-vallee.fr", "04 92 21 08 50", "+33 4 92 24 98 98",
                 "1 place du Temple, 05100 Briançon", "Office de tourisme, Le Bourg, 05240 La Salle-les-Alpes"]

KEEP: list[tuple[str, str]] = []
KEEP += [("date", text) for text in [
    "Le 06/12/2016, réunion à 18 h 30.",
    "Réunion le 06/12 à 18 h 30",
    "du 06 au 12 juin, puis en 06 ou 07",
    "Le 01/02/2016 10 personnes étaient là",
    "Le 15.03.2016 à 10.30",
    "1er juin 2016, 18 h 30 – 20 h",
    "Projet 2016-06-15 et lien #marque-partagee",
    "Le 8 mai 1945 et le 14 juillet sont fériés",
    "du 06/12/2016 au 10/12/2016",
    "du 06.12.2016 au 10.12.2016 inclus",
    "06/12/2016 - 07/12/2016",
    "le 06-12-2016 à 10 h",
    '<time datetime="2016-03-15T09:00:00+01:00">15 mars 2016</time>',
    "2016-03-15T09:00:00Z",
    "mis à jour le 2016-06-15 10:30:00",
    "Les 06/12, 07/12 et 08/12",
    "DTSTART:20160315T090000Z",
    "Le 12/06/16 10 personnes, le 13/06/16 12 personnes",
    "15/03/2016 12/04/2016 10/05/2016",
    "Dates : 2016-03-15, 2016-04-12, 2016-05-10",
]]
KEEP += [("prix", text) for text in [
    "Objectif 2030 : 1 200 000 nuitées",
    "Le billet coûte 12,50 € ; l'abonnement 120 €.",
    "Montant : 1 234 567,89 €",
    "Budget : 15000 euros",
    "Le prix passe de 0,50 € à 1 €",
    "1 200 000 €",
    "Budget 2016 : 12 345 678 €",
    "Subvention de 1 500 000,00 € en 2016",
    "entre 10 000 et 12 000 €",
    "Coût : 2 345 678,90 € HT, soit 2 814 814,68 € TTC",
]]
KEEP += [("année", text) for text in [
    "entre 2016 et 2030, saison 2016-2017",
    "En 2030 Briançon sera plus vert",
    "L'an 2016 compte 365 jours et 52 semaines",
    "À l'horizon 2030 place aux jeunes et aux familles",
    "Depuis 2016 cours de ski gratuits pour les écoles",
    "2030",
    "Les saisons 2014 2015 2016 2017 2018",
    "de 1990 à 2030",
]]
KEEP += [("horaire", text) for text in [
    "Ouvert 9 h – 12 h et 14 h – 18 h",
    "Rendez-vous à 18h30 ou 9 h.",
    "Lun-Ven 9:00-12:00 / 14:00-18:00",
    "de 9 h 00 à 12 h 00",
    "9h-12h, 14h-18h",
    "Horaires : 08:30 – 12:30, 13:30 – 17:30",
    "ouvert de 10 h à 19 h du 06/12 au 20/12",
    "09 h 30 – 12 h 00",
]]
KEEP += [("code postal", text) for text in [
    "le code postal 05240",
    "Code postal : 05100",
    "Budget de 15000 euros pour 05100 habitants",
    "Les communes 05100, 05240 et 05330",
    "Le département 05 et le 04",
    "le 05100 est le code de Briançon",
    "codes postaux : 05100 05240 05330 05220",
]]
KEEP += [("identifiant", text) for text in [
    "N° 0612 du registre",
    "Page 06 du rapport, ligne 12",
    "Dossier n° 2016-0612-3456",
    "Réf. 0612345",
    "Commande 06123456789012",
    "ISBN 978-2-07-036822-8",
    "Horodatage 1465987200",
    "couleur #061234",
    "EAN 3 760123 456781",
    "numéro fiscal 12 34 567 890 123",
    "facture 2016/06/12/345",
    "Le constat economie-difficile et le constat fonds-publics-rares",
    "ticket 123456789",
    "lot 00123456789",
]]
KEEP += [("contact public", text) for text in [
    "Écrivez à contact@office-vallee.fr",
    "CONTACT@OFFICE-VALLEE.FR",
    "accueil [at] office-vallee.fr",
    "Téléphone de l'office : 04 92 21 08 50",
    "Tél. 04.92.21.08.50",
    "+33 4 92 21 08 50",
    "04 92 24 98 98",
    "Office de tourisme, 1 place du Temple, 05100 Briançon",
    "1 place du Temple",
    "05100 Briançon",
    "Le Bourg, 05240 La Salle-les-Alpes",
    '<a href="tel:+33492210850">04 92 21 08 50</a>',
    '<a href="mailto:contact@office-vallee.fr">nous écrire</a>',
]]
KEEP += [("version", text) for text in [
    "Version 1.2.3 du document",
    "pelican 4.12.0, Python 3.11.5",
    "v2.0.1-rc.3",
    "/static/app.js?v=3",
    "10.0.0.1",
]]
KEEP += [("SIRET", text) for text in [
    "SIRET 123 456 789 00012",
    "SIRET : 12345678900012",
    "SIREN 123 456 789",
    "RCS Gap 123 456 789",
    "APE 7990Z, SIRET 852 963 741 00025",
]]
KEEP += [("pourcentage", text) for text in [
    "La note : 4 sur 5 ; 100 % d'accord",
    "12,5 % ; 37,5 % ; 50 %",
    "hausse de 06,12 % en 2016",
    "0,5 % 1,5 % 2,5 % 3,5 % 4,5 %",
]]
KEEP += [("mesure", text) for text in [
    "Altitude : 1 326 m ; dénivelé 2 000 m",
    "Coordonnées : 44.8986, 6.6430",
    "GPS 44,8986 6,6430",
    "12 345 nuitées, 23 456 visiteurs, 34 567 repas",
    "Population : 12 000 habitants",
    "Le tableau : 10 20 30 40 50 60 70 80",
    "Étapes 01 02 03 04 05 06 07 08 09 10",
    "les heures 08 09 10 11 12 13",
    "Nuitées 2016 : 1 234 567 ; 2017 : 1 345 678",
]]
KEEP += [("texte", text) for text in [
    "Le point de vue des habitants, point final.",
    "le mot arobase est joli",
    "Suivez l'office sur Twitter @lavallee",
    "On se retrouve sur la place du marché",
    "3 rues et 2 places, 12 chemins de randonnée",
    "Rendez-vous au 12 de la rue",
    "https://www.exemple.fr/page sans paramètre",
    "Téléphone de l'office : voir le site",
    "Il faudrait 2 cours par semaine pour les enfants",
    "1 place pour 10 voitures, c'est trop peu",
    "Il faut 4 voies de bus et 2 places de plus",
    "1 place de parking gratuite",
    "Il y a 1 passage piéton devant l'école",
    "un deux trois quatre cinq, on y va",
    "six, sept, huit et neuf enfants",
    "Le Bourg est joli",
    "la Grande Rue est fermée",
    "look at this page",
    "cinq sur cinq, dix sur dix",
    "le lieu-dit est beau",
    "zéro, un, deux, trois, quatre, cinq, six : on compte",
    "de zéro à 100 %, zéro 2 3 4 5",
    "Le groupe O2 et la salle O12",
]]


_MARKED = re.compile(r"⟦(.*?)⟧", re.DOTALL)


def unmarked(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without its ⟦ ⟧ markers, and the spans they marked."""
    spans, parts, last, removed = [], [], 0, 0
    for match in _MARKED.finditer(text):
        parts.append(text[last:match.start()])
        start = match.start() - removed
        spans.append((start, start + len(match.group(1))))
        parts.append(match.group(1))
        removed += 2
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), spans
