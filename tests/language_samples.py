"""Short and long texts in several languages, written for the language tests (no copyrighted text)."""

from __future__ import annotations

#: one sentence each: the length of a headline or a caption
SHORT = {
    "en": "The minister said the plan would be delayed until March.",
    "fr": "La police a fermé la route après l'accident de mardi.",
    "de": "Die Polizei sperrte die Straße nach dem Unfall am Dienstag.",
    "es": "La policía cerró la carretera tras el accidente del martes.",
    "it": "Dopo la partita, la squadra è tornata subito a casa.",
    "pt": "A polícia fechou a estrada após o acidente de terça-feira.",
    "ru": "Полиция перекрыла дорогу после аварии во вторник.",
    "ko": "경찰은 화요일 사고 후 도로를 통제했다.",
    "ja": "警察は火曜日の事故の後、道路を封鎖した。",
    "pl": "Policja zamknęła drogę po wtorkowym wypadku.",
}

#: an article of several paragraphs
LONG = {
    "fr": [
        "Le conseil municipal adopte le nouveau plan de transport",
        ("Le conseil municipal a adopté mardi soir un plan de transport qui prévoit trois nouvelles lignes de "
        "tramway d'ici 2030. Le maire a expliqué que le projet coûterait environ 400 millions d'euros."),
        ("Les associations d'usagers saluent une avancée, mais regrettent que les quartiers du nord restent mal "
        "desservis. « Nous attendons des horaires plus fiables avant tout », a déclaré une porte-parole."),
        "Les travaux doivent commencer au printemps prochain, après une dernière consultation des habitants.",
    ],
    "de": [
        "Stadtrat beschließt neuen Verkehrsplan",
        ("Der Stadtrat hat am Dienstagabend einen Verkehrsplan beschlossen, der bis 2030 drei neue "
        "Straßenbahnlinien vorsieht. Der Bürgermeister sagte, das Projekt werde rund 400 Millionen Euro kosten."),
        ("Fahrgastverbände begrüßen den Schritt, bedauern aber, dass die nördlichen Stadtteile weiterhin schlecht "
        "angebunden bleiben. Zuverlässigere Fahrpläne seien wichtiger als alles andere, sagte eine Sprecherin."),
        "Die Bauarbeiten sollen im kommenden Frühjahr nach einer letzten Bürgerbefragung beginnen.",
    ],
    "es": [
        "El ayuntamiento aprueba el nuevo plan de transporte",
        ("El pleno municipal aprobó el martes por la noche un plan de transporte que prevé tres nuevas líneas de "
        "tranvía antes de 2030. El alcalde explicó que el proyecto costará unos 400 millones de euros."),
        ("Las asociaciones de usuarios celebran el avance, pero lamentan que los barrios del norte sigan mal "
        "comunicados. «Queremos horarios fiables antes que nada», dijo una portavoz."),
        "Las obras comenzarán la próxima primavera, tras una última consulta a los vecinos.",
    ],
    "it": [
        "Il consiglio comunale approva il nuovo piano dei trasporti",
        ("Il consiglio comunale ha approvato martedì sera un piano dei trasporti che prevede tre nuove linee di "
        "tram entro il 2030. Il sindaco ha spiegato che il progetto costerà circa 400 milioni di euro."),
        ("Le associazioni dei pendolari accolgono la novità, ma lamentano che i quartieri a nord restino mal "
        "collegati. «Vogliamo prima di tutto orari affidabili», ha detto una portavoce."),
        "I lavori dovrebbero iniziare la prossima primavera, dopo un'ultima consultazione dei cittadini.",
    ],
    "pt": [
        "Câmara aprova novo plano de transportes",
        ("A câmara municipal aprovou na terça-feira à noite um plano de transportes que prevê três novas linhas "
        "de elétrico até 2030. O presidente da câmara explicou que o projeto custará cerca de 400 milhões de euros."),
        ("As associações de utentes saúdam o avanço, mas lamentam que os bairros do norte continuem mal servidos. "
        "«Queremos horários fiáveis acima de tudo», disse uma porta-voz."),
        "As obras devem começar na próxima primavera, depois de uma última consulta aos moradores.",
    ],
    "ru": [
        "Городской совет утвердил новый транспортный план",
        ("Во вторник вечером городской совет утвердил транспортный план, который предусматривает три новые "
        "трамвайные линии к 2030 году. Мэр пояснил, что проект обойдётся примерно в 400 миллионов евро."),
        ("Объединения пассажиров приветствуют решение, но сожалеют, что северные районы по-прежнему плохо "
        "связаны с центром. «Прежде всего нам нужно надёжное расписание», — сказала представительница."),
        "Работы должны начаться следующей весной, после последнего опроса жителей.",
    ],
    "ko": [
        "시의회, 새 교통 계획 승인",
        ("시의회는 화요일 저녁 2030년까지 트램 노선 세 개를 새로 만드는 교통 계획을 승인했다. 시장은 이 사업에 약 "
        "4억 유로가 들 것이라고 설명했다."),
        ("이용자 단체들은 이번 결정을 환영하면서도 북부 지역의 교통이 여전히 불편하다고 지적했다. 한 대변인은 무엇보다 "
        "믿을 수 있는 시간표가 필요하다고 말했다."),
        "공사는 주민 의견 수렴을 마친 뒤 내년 봄에 시작될 예정이다.",
    ],
}

#: an English article with a block quotation in French
MIXED = [
    "Paris council backs tram plan",
    ("The Paris city council on Tuesday approved a transport plan that adds three tram lines by 2030, "
    "a project the mayor said would cost about 400 million euros. Commuter groups welcomed the vote but "
    "said the northern districts were still poorly served."),
    "In a statement, the commuters' association wrote:",
    "« Nous attendons des horaires plus fiables avant tout. »",
    ("Work is due to begin next spring after a final round of consultation with residents, "
    "and the council will publish the detailed timetable in the autumn."),
]


def article(paragraphs: list[str]) -> str:
    """Paragraphs as a plain-text article (title first, a blank line between paragraphs)."""
    return "\n\n".join(paragraphs) + "\n"
