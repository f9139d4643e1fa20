"""Word banks for the synthetic sample plans: plausible Dutch titles, descriptions and progress notes.

Everything here is invented. Titles are built from a theme template and a
domain's data set or entity, so they read like the real plans without copying them.
"""

ENTITIES = {
    "CJSM": ["Departement Cultuur, Jeugd en Media", "Sport Vlaanderen", "Agentschap Kunsten en Erfgoed"],
    "EWI": ["Departement EWI", "VLAIO", "FWO"],
    "FB": ["Departement Financiën en Begroting", "Vlaamse Belastingdienst (VLABEL)"],
    "LV": ["Departement Landbouw en Visserij", "ILVO", "VLAM"],
    "MOW": ["Departement MOW", "Agentschap Wegen en Verkeer", "De Lijn", "De Vlaamse Waterweg"],
    "OMG": ["Departement Omgeving", "VMM", "OVAM", "Agentschap Natuur en Bos", "VEKA"],
    "OV": ["Departement Onderwijs en Vorming", "AHOVOKS"],
    "WSE": ["Departement WSE", "VDAB", "Syntra Vlaanderen"],
    "WEWILS": ["Departement WEWILS", "VLAIO", "VDAB", "ILVO"],
    "WVG": ["Departement WVG", "Agentschap Zorg en Gezondheid", "Opgroeien", "VAPH"],
    "KBBJ": ["Departement Kanselarij en Buitenlandse Zaken", "Agentschap Binnenlands Bestuur",
             "Agentschap Overheidspersoneel", "Departement Justitie en Handhaving"],
    "DV&VSA": ["Digitaal Vlaanderen", "Vlaamse Statistische Autoriteit"],
}

DATASETS = {
    "CJSM": ["erfgoedcollecties", "sportinfrastructuurgegevens", "gegevens over jeugdwerkinitiatieven",
             "cultuurparticipatiedata", "subsidiedossiers cultuur", "mediagebruiksdata"],
    "EWI": ["steundossiers van VLAIO", "onderzoeksinformatie (FRIS)", "innovatiesubsidiedata",
            "ondernemingsgegevens", "O&O-statistieken"],
    "FB": ["fiscale gegevens", "begrotingsdata", "erfbelastingdossiers", "registratiegegevens onroerend goed"],
    "LV": ["perceelsregistratie", "mestbankgegevens", "visserijdata", "landbouwstatistieken", "gewasgegevens"],
    "MOW": ["verkeerstellingen", "haltedata van De Lijn", "gegevens over wegenwerken", "scheepvaartdata",
            "verkeersongevallendata", "fietsroutegegevens"],
    "OMG": ["luchtkwaliteitsmetingen", "grondwatergegevens", "bodemdata", "omgevingsvergunningen",
            "natuurwaarnemingen", "energieprestatiecertificaten", "afvalstoffengegevens"],
    "OV": ["leerlingengegevens", "studievoortgangsdata", "onderwijsstatistieken"],
    "WSE": ["vacaturedata", "loopbaangegevens", "competentiedata", "werkzoekendendata",
            "gegevens over sociale economie"],
    "WEWILS": ["vacaturedata", "steundossiers", "landbouwstatistieken", "competentiedata"],
    "WVG": ["kinderopvanggegevens", "zorgregistraties", "vaccinatiegegevens", "gegevens over woonzorgcentra",
            "gezondheidsindicatoren", "jeugdhulpdata"],
    "KBBJ": ["personeelsdata van de Vlaamse overheid", "gegevens van lokale besturen", "handhavingsdata",
             "inburgeringsdata", "financiële rapportering van lokale besturen"],
    "DV&VSA": ["basisregisters", "het adressenregister", "statistische microdata", "geografische basiskaarten",
               "de MAGDA-diensten", "het statistisch datawarehouse (S-DWH)", "de Gebouwen- en Adressendatabank",
               "persoonsgegevens uit de Kruispuntbank", "de Vlaamse dataspecificaties (OSLO)"],
}

GEO_THEMES = ["hydrografie", "beschermde gebieden", "bodemgebruik", "adressen", "kadastrale percelen",
              "vervoersnetwerken", "milieubewakingsvoorzieningen", "gebouwen", "hoogtedata",
              "energiebronnen", "habitats en biotopen", "gebiedsbeheer en -beperkingen", "natuurrisicozones",
              "landbouw- en aquacultuurfaciliteiten", "geologie", "orthobeeldvorming"]

TITLES = {
    1: ["Uitwerken van een juridisch kader voor het hergebruik van {dataset}",
        "Afsprakenkader voor het delen van {dataset} met lokale besturen",
        "Beleidskader voor verantwoord gebruik van {dataset}",
        "Actualiseren van het privacybeleid rond {dataset}",
        "Verkennend onderzoek naar de waarde van {dataset} voor beleid",
        "Roadmap datagedreven werken voor {dataset}",
        "Ethische toets voor nieuwe toepassingen op {dataset}"],
    2: ["Opleidingstraject datavaardigheden rond {dataset}",
        "Lerend netwerk over het gebruik van {dataset}",
        "E-learning over het werken met {dataset}",
        "Sensibiliseringscampagne over de kwaliteit van {dataset}",
        "Community of practice rond {dataset}",
        "Workshopreeks datavisualisatie met {dataset}"],
    3: ["Uitbouw van een datawarehouse voor {dataset}",
        "Ontsluiting van {dataset} via een API",
        "Dashboard over {dataset} voor beleidsopvolging",
        "Koppeling van {dataset} met gegevens van partners",
        "Datadeelplatform voor {dataset}",
        "Realtime uitwisseling van {dataset}",
        "Migratie van {dataset} naar een cloudplatform",
        "Geautomatiseerde rapportering op basis van {dataset}"],
    4: ["Datakwaliteitsbeheer voor {dataset}",
        "Aanduiden van data-eigenaars en datastewards voor {dataset}",
        "Metadatabeheer voor {dataset}",
        "Informatieclassificatie van {dataset}",
        "Beheersmodel voor het delen van {dataset}",
        "Toegangsbeheer en logging voor {dataset}",
        "Bewaartermijnen en archivering van {dataset}"],
    5: ["Publicatie van {dataset} als open data",
        "Open data-dienst voor {dataset}",
        "Verbeteren van de metadata van open data over {dataset}",
        "{dataset} als hoogwaardige dataset volgens de Europese regels"],
    6: ["INSPIRE-conforme ontsluiting van {geo}",
        "Harmonisatie van {geo} volgens de INSPIRE-dataspecificaties",
        "View- en downloaddiensten voor {geo}",
        "INSPIRE-monitoring en -rapportering voor {geo}"],
}

GOALS = {
    1: "een duidelijk kader scheppen zodat gegevens rechtszeker en verantwoord kunnen worden gebruikt",
    2: "de kennis en vaardigheden van medewerkers in het werken met data versterken",
    3: "gegevens vlotter laten stromen tussen toepassingen, entiteiten en partners",
    4: "de kwaliteit, het beheer en de verantwoordelijkheden rond data structureel verankeren",
    5: "meer gegevens vrij beschikbaar maken voor burgers, ondernemingen en onderzoekers",
    6: "ruimtelijke gegevens aanbieden volgens de Europese INSPIRE-richtlijn",
}

CONTEXT = [
    "De actie bouwt voort op het werk van het vorige actieplan.",
    "Ze sluit aan bij de Europese datastrategie en de Data Governance Act.",
    "Lokale besturen worden via de VVSG betrokken.",
    "De aanpak wordt afgestemd met de Werkgroep Datamanagement.",
    "Het resultaat wordt herbruikbaar gemaakt voor andere entiteiten.",
    "Daarbij worden de OSLO-standaarden gevolgd.",
    "Er wordt samengewerkt met het federale niveau.",
    "",
    "",
]

PARTNERS = ["VVSG", "VVP", "VVSG; VVP", "FOD BOSA", "Statbel", "Kruispuntbank van de Sociale Zekerheid",
            "universiteiten", "Digitaal Vlaanderen", "", "", "", ""]

THIN = ["Loopt.", "In uitvoering.", "Zie vorig jaar.", "Geen wijzigingen.", "Verdere uitrol.", "Lopende."]

DELIVERABLES = ["een eerste versie van het datamodel", "de behoefteanalyse", "een prototype", "de handleiding",
                "het beleidskader", "een pilootproject met drie lokale besturen", "de gegevensdeelovereenkomst",
                "een dashboard voor de beleidscel", "de technische specificaties", "een opleidingspakket"]

NEXT_STEPS = ["de uitrol naar alle afdelingen", "een evaluatie met de gebruikers", "de aanbesteding",
              "de koppeling met de Vlaamse datacatalogus", "de publicatie op het open dataportaal",
              "de opschaling naar andere beleidsdomeinen", "een tweede pilootfase"]

PERIODS = ["het eerste kwartaal", "het voorjaar", "juni", "september", "het najaar", "december"]
FUTURES = ["eind {y}", "het tweede kwartaal van {y}", "de zomer van {y}", "Q3 {y}", "begin {z}"]
UNITS = ["datasets", "afdelingen", "medewerkers", "lokale besturen", "gebruikers", "indicatoren"]

REWORDINGS = [("Uitbouw van", "Verdere uitbouw van"), ("Ontsluiting van", "Ontsluiten van"),
              ("Publicatie van", "Publiceren van"), ("Opleidingstraject", "Opleidingsaanbod"),
              ("Datakwaliteitsbeheer voor", "Beheer van de datakwaliteit van"),
              ("Metadatabeheer voor", "Beheer van metadata voor"), ("Dashboard over", "Beleidsdashboard over"),
              ("Koppeling van", "Koppelen van"), ("Harmonisatie van", "Harmoniseren van"),
              ("Uitwerken van", "Opstellen van"), ("Lerend netwerk", "Lerend netwerk en intervisie"),
              ("E-learning over", "Online opleiding over"), ("Migratie van", "Overzetten van"),
              ("Realtime uitwisseling van", "Snellere uitwisseling van"),
              ("Beleidskader voor", "Kader voor"), ("Informatieclassificatie van", "Classificeren van")]
