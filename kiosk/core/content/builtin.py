# ruff: noqa: E501 (texts are kept whole, one per line)
"""Built-in prompts: what the kiosk says when content/prompts.yaml is missing or broken, so a
typo never leaves it mute. Copied from content/prompts.yaml (draft in every language, like the
originals there); the file, when it loads, always wins, key by key. tests/test_reliability.py
keeps every key of the shipped file here."""

from __future__ import annotations

STATUS_NOTE = "built-in stand-in for a missing or broken prompts.yaml (draft)"

PROMPTS: dict[str, dict[str, str]] = {
    "attract.invite": {
        "es": "Hola. Aquí puedes oír y aprender. Toca la pantalla o una tecla para empezar.",
        "qu": "Allillanchu. Kaypiqa uyarispa yachakuyta atinki. Qallarinaykipaq pantallata llamiy, utaq ima teclatapas ñit'iy.",
        "ay": "Kamisaki. Akanx ist'asaw yatiqasma. Qalltañatakix pantalla llamkt'am, jan ukax kuna teclsa llamkt'am.",
    },
    "language.self": {
        "es": "Castellano",
        "qu": "Runasimi",
        "ay": "Aymar aru",
    },
    "language.arrive": {
        "es": "Elige tu idioma.",
        "qu": "Simiykita akllay.",
        "ay": "Arum ajllim.",
    },
    "language.invite": {
        "es": "Toca un dibujo, o marca su número. Para escuchar otra vez, marca cero.",
        "qu": "Huk siq'ita llamiy, utaq yupayninta ñit'iy. Wakmanta uyarinaykipaq, cero nisqata ñit'iy.",
        "ay": "Mä jamuq llamkt'am, jan ukax jakhup llamkt'am. Mayampi ist'añatakix, cero sat llamkt'am.",
    },
    "home.arrive": {
        "es": "Estas son las lecciones.",
        "qu": "Kaykunam yachachikuykuna.",
        "ay": "Akanakaw yatichäwinakaxa.",
    },
    "home.invite": {
        "es": "Toca un dibujo para escuchar su nombre. Tócalo otra vez para empezar. También puedes marcar su número.",
        "qu": "Sutinta uyarinaykipaq huk siq'ita llamiy. Qallarinaykipaq wakmanta llamiy. Yupayninta ñit'iytapas atinkim.",
        "ay": "Sutip ist'añatakix mä jamuq llamkt'am. Qalltañatakix mayampi llamkt'am. Jakhupsa llamkt'asmawa.",
    },
    "home.page": {
        "es": "Hay más lecciones. Para oírlas, toca Siguiente.",
        "qu": "Aswan yachachikuykuna kachkanraqmi. Uyarinaykipaq Qatiqnin nisqata llamiy.",
        "ay": "Juk'amp yatichäwinakaw utji. Ist'añatakix Jutiri llamkt'am.",
    },
    "warning.arrive": {
        "es": "Antes de empezar.",
        "qu": "Manaraq qallarichkaspa.",
        "ay": "Janïr qalltkasina.",
    },
    "warning.quick_exit": {
        "es": "Si llega alguien y quieres cambiar la pantalla, toca el botón rojo de arriba: Salir rápido. O aprieta tres veces la tecla de mayúsculas, la tecla grande con una flecha hacia arriba. La pantalla mostrará una lección sobre el celular y la voz se callará. Eso no borra lo que otra persona ya vio o escuchó.",
        "qu": "Pipas chayamuqtin pantallata tikrayta munaspaqa, hanaqpi puka botónta llamiy: Utqaylla lluqsiy. Utaq mayúscula teclata kimsa kutita ñit'iy, hanayman qhawaq wachiyuq hatun teclata. Pantallaqa celularmanta yachachikuytam rikuchinqa, kunkataq upallanqa. Chayqa manam pichanchu huk runa ñawpaqta rikusqanta, uyarisqantapas.",
        "ay": "Maynix jutani ukhaxa, pantalla mayjt'ayañ munstaxa, alaxankir wila botón llamkt'am: Jank'ak mistuña. Jan ukax mayúscula tecla kimsa kuti llamkt'am, alaxar uñtat flechani jach'a tecla. Pantallax celularat mä yatichäwi uñacht'ayani, arux amukiniwa. Ukax janiw chhaqtaykiti kuntix yaqha jaqix nayraqat uñjki, ist'ki ukanaka.",
    },
    "warning.keypad_exit": {
        "es": "Con el teclado de números, aprieta tres veces la tecla del punto, abajo a la derecha.",
        "qu": "Yupana teclawanqa, puntoyuq teclata kimsa kutita ñit'iy, uranpi paña ladopi.",
        "ay": "Jakhüwi teclampixa, punto tecla kimsa kuti llamkt'am, manqhan kupi tuqina.",
    },
    "idle.still_there": {
        "es": "¿Sigues ahí? Toca la pantalla o aprieta una tecla para seguir.",
        "qu": "¿Kaypiraqchu kachkanki? Qatinaykipaq pantallata llamiy utaq huk teclata ñit'iy.",
        "ay": "¿Akankaskasmati? Sarantañatakix pantalla llamkt'am jan ukax mä tecla limt'am.",
    },
    "warning.invite": {
        "es": "Para seguir, toca Siguiente. Si prefieres otra lección, toca Atrás.",
        "qu": "Qatinaykipaq, Qatiqnin nisqata llamiy. Huk yachachikuyta munaspaqa, Kutiy nisqata llamiy.",
        "ay": "Sarantañatakix, Jutiri llamkt'am. Yaqha yatichäwi munstaxa, Kutt'aña llamkt'am.",
    },
    "step.invite": {
        "es": "Para seguir, toca Siguiente. Para oír otra vez, toca Repetir.",
        "qu": "Qatinaykipaq, Qatiqnin nisqata llamiy. Wakmanta uyarinaykipaq, Wakmanta nisqata llamiy.",
        "ay": "Sarantañatakix, Jutiri llamkt'am. Mayampi ist'añatakix, Mayampi llamkt'am.",
    },
    "question.arrive": {
        "es": "Una pregunta.",
        "qu": "Huk tapuy.",
        "ay": "Mä jiskt'a.",
    },
    "question.invite": {
        "es": "Toca un dibujo y lo oyes. Tócalo otra vez para responder.",
        "qu": "Uyarinaykipaq huk siq'ita llamiy. Kutichinaykipaq wakmanta llamiy.",
        "ay": "Ist'añatakix mä jamuq llamkt'am. Jaysañatakix mayampi llamkt'am.",
    },
    "choice.number": {
        "es": "Número",
        "qu": "Yupay",
        "ay": "Jakhu",
    },
    "choice.dont_know": {
        "es": "No sé.",
        "qu": "Manam yachanichu.",
        "ay": "Janiw yatkti.",
    },
    "feedback.right": {
        "es": "Muy bien. Es correcto.",
        "qu": "Allinmi. Chiqaqmi.",
        "ay": "Wali askiwa. Chiqawa.",
    },
    "feedback.wrong": {
        "es": "No es así.",
        "qu": "Manam chhaynachu.",
        "ay": "Janiw ukhamäkiti.",
    },
    "feedback.dont_know": {
        "es": "Está bien no saber. Escucha.",
        "qu": "Mana yachayqa allinmi. Uyariy.",
        "ay": "Jan yatiñax walikiwa. Ist'am.",
    },
    "feedback.invite": {
        "es": "Para seguir, toca el botón Siguiente.",
        "qu": "Qatinaykipaq, Qatiqnin nisqa botónta llamiy.",
        "ay": "Sarantañatakix, Jutiri botón llamkt'am.",
    },
    "end.arrive": {
        "es": "Ya acabaste la lección. Esto es lo que aprendiste.",
        "qu": "Kay yachachikuytaqa tukurqankim. Kaytam yachakurqanki.",
        "ay": "Aka yatichäwix tukuyta. Akaw yatiqta.",
    },
    "end.help": {
        "es": "Si tú o alguien que conoces necesita ayuda, puedes llamar.",
        "qu": "Yanapata munaspaqa, utaq riqsisqayki runa munaqtinqa, waqyayta atinkim.",
        "ay": "Yanapt'a munstaxa, jan ukax uñt'at jaqimax munaspa ukhaxa, jawsasmawa.",
    },
    "end.invite": {
        "es": "Para otra lección, toca Inicio. Para oír otra vez, toca Repetir.",
        "qu": "Huk yachachikuyta akllanaykipaq, Qallariy nisqata llamiy. Wakmanta uyarinaykipaq, Wakmanta nisqata llamiy.",
        "ay": "Yaqha yatichäwi ajlliñatakix, Qalltäwi llamkt'am. Mayampi ist'añatakix, Mayampi llamkt'am.",
    },
    "help.arrive": {
        "es": "Teléfonos y lugares de ayuda.",
        "qu": "Yanapakuy telefonokuna, maypi yanapakunku chaykuna.",
        "ay": "Yanapt'añ telefonanaka, kawkins yanapt'apxi ukanaka.",
    },
    "help.invite": {
        "es": "Toca un dibujo para escuchar ese servicio.",
        "qu": "Chay yanapaqmanta uyarinaykipaq huk siq'ita llamiy.",
        "ay": "Uka yanapirit ist'añatakix mä jamuq llamkt'am.",
    },
    "help.tile": {
        "es": "Teléfonos de ayuda",
        "qu": "Yanapakuy telefonokuna",
        "ay": "Yanapt'añ telefonanaka",
    },
    "button.repeat": {
        "es": "Repetir",
        "qu": "Wakmanta",
        "ay": "Mayampi",
    },
    "button.back": {
        "es": "Atrás",
        "qu": "Kutiy",
        "ay": "Kutt'aña",
    },
    "button.next": {
        "es": "Siguiente",
        "qu": "Qatiqnin",
        "ay": "Jutiri",
    },
    "button.home": {
        "es": "Inicio",
        "qu": "Qallariy",
        "ay": "Qalltäwi",
    },
    "button.exit": {
        "es": "Salir rápido",
        "qu": "Utqaylla lluqsiy",
        "ay": "Jank'ak mistuña",
    },
    "fallback.notice": {
        "es": "Esta parte aún no tiene voz en tu idioma. La escucharás en castellano.",
        "qu": "Kay t'aqaqa manaraqmi simiykipi kunkayuqchu. Castellano simipi uyarinki.",
        "ay": "Aka t'aqax janïraw arumanx kunkanïkiti. Castellano arun ist'äta.",
    },
    "attitude.dont_know": {
        "es": "No sé.",
        "qu": "Manam yachanichu.",
        "ay": "Janiw yatkti.",
    },
    "attitude.prefer_not": {
        "es": "Prefiero no responder.",
        "qu": "Mana kutichiyta munanichu.",
        "ay": "Janiw jaysañ munkti.",
    },
    "number.1": {
        "es": "Uno.",
        "qu": "Huk.",
        "ay": "Maya.",
    },
    "number.2": {
        "es": "Dos.",
        "qu": "Iskay.",
        "ay": "Paya.",
    },
    "number.3": {
        "es": "Tres.",
        "qu": "Kimsa.",
        "ay": "Kimsa.",
    },
    "number.4": {
        "es": "Cuatro.",
        "qu": "Tawa.",
        "ay": "Pusi.",
    },
    "number.5": {
        "es": "Cinco.",
        "qu": "Pichqa.",
        "ay": "Phisqa.",
    },
    "number.6": {
        "es": "Seis.",
        "qu": "Suqta.",
        "ay": "Suxta.",
    },
    "number.7": {
        "es": "Siete.",
        "qu": "Qanchis.",
        "ay": "Paqallqu.",
    },
    "number.8": {
        "es": "Ocho.",
        "qu": "Pusaq.",
        "ay": "Kimsaqallqu.",
    },
    "number.9": {
        "es": "Nueve.",
        "qu": "Isqun.",
        "ay": "Llätunka.",
    },
    "attitude.thanks": {
        "es": "Gracias. Tus respuestas se cuentan junto con las de todas.",
        "qu": "Sulpayki. Kutichiyniykikunaqa llapanpa kutichiyninkunawan kuska yupakun.",
        "ay": "Yuspagara. Jaysäwinakamax taqinin jaysäwinakapamp mayacht'at jakhutawa.",
    },
    "end.discuss": {
        "es": "Ahora, conversemos en el grupo.",
        "qu": "Kunanqa, huñupi rimarisunchik.",
        "ay": "Jichhax, tamana aruskipt'añani.",
    },
    "course.arrive": {
        "es": "Hoy vemos juntas estas lecciones.",
        "qu": "Kunan p'unchawqa kay yachaqaykunata kuska rikusunchik.",
        "ay": "Jichhürux aka yatichäwinak mayacht'at uñjañani.",
    },
    "course.invite": {
        "es": "Escuchen con atención. Después conversamos.",
        "qu": "Allinta uyariychik. Chaymantaqa rimarisunchik.",
        "ay": "Sum ist'apxam. Ukatxa aruskipt'añani.",
    },
    "course.next": {
        "es": "Cuando estemos listas, seguimos.",
        "qu": "Listo kaspaqa, qatipasunchik.",
        "ay": "Wakicht'atäsaxa, sarantañani.",
    },
    "course.end": {
        "es": "Terminamos la sesión de hoy. Gracias por venir.",
        "qu": "Kunan p'unchaw huñunakuyta tukunchik. Sulpayki hamusqaykichikmanta.",
        "ay": "Jichhüru tantachäwix tukuyatawa. Yuspagara jutatamata.",
    },
    "discuss.invite": {
        "es": "Conversen en el grupo. Cada una puede hablar, o solo escuchar.",
        "qu": "Huñupi rimariychik. Sapankanchik rimayta atinchik, utaq uyariyllata.",
        "ay": "Tamana aruskipt'apxam. Sapa mayniw arsuspa, jan ukax ist'akispawa.",
    },
    "discuss.time_up": {
        "es": "Se acabó el tiempo de conversar.",
        "qu": "Rimanakuy pacha tukukunña.",
        "ay": "Aruskipt'añ pachax tukusxiwa.",
    },
    "hands.arrive": {
        "es": "Una pregunta para todas.",
        "qu": "Llapanchikpaq huk tapukuy.",
        "ay": "Taqinitaki mä jiskt'a.",
    },
    "hands.invite": {
        "es": "Levanten la mano para la respuesta que creen. No hace falta decir nada.",
        "qu": "Yuyasqaykichik kutichiypaq makiykichikta huqariychik. Mana imatapas niyta necesitankichu.",
        "ay": "Amuyapki uka jaysäwitak amparam aytapxam. Janiw kunsa sañax wakiskiti.",
    },
    "hands.reveal": {
        "es": "La respuesta es:",
        "qu": "Kutichiyqa kaymi:",
        "ay": "Jaysäwix akawa:",
    },
    "end.next": {
        "es": "Para seguir, toca Siguiente. Para oír otra vez, toca Repetir.",
        "qu": "Qatinaykipaq, Qatiqnin nisqata llamiy. Wakmanta uyarinaykipaq, Wakmanta nisqata llamiy.",
        "ay": "Sarantañatakix, Jutiri llamkt'am. Mayampi ist'añatakix, Mayampi llamkt'am.",
    },
    "help.page": {
        "es": "Hay más servicios. Para oírlos, toca Siguiente.",
        "qu": "Aswan yanapaqkuna kachkanraqmi. Uyarinaykipaq Qatiqnin nisqata llamiy.",
        "ay": "Juk'amp yanapirinakaw utji. Ist'añatakix Jutiri llamkt'am.",
    },
    "page.1.of.2": {
        "es": "Página uno de dos.",
        "qu": "Huk kaq p'anqa, iskay p'anqamanta.",
        "ay": "Maya laphi, paya laphinakata.",
    },
    "page.2.of.2": {
        "es": "Página dos de dos.",
        "qu": "Iskay kaq p'anqa, iskay p'anqamanta.",
        "ay": "Paya laphi, paya laphinakata.",
    },
    "page.1.of.3": {
        "es": "Página uno de tres.",
        "qu": "Huk kaq p'anqa, kimsa p'anqamanta.",
        "ay": "Maya laphi, kimsa laphinakata.",
    },
    "page.2.of.3": {
        "es": "Página dos de tres.",
        "qu": "Iskay kaq p'anqa, kimsa p'anqamanta.",
        "ay": "Paya laphi, kimsa laphinakata.",
    },
    "page.3.of.3": {
        "es": "Página tres de tres.",
        "qu": "Kimsa kaq p'anqa, kimsa p'anqamanta.",
        "ay": "Kimsa laphi, kimsa laphinakata.",
    },
    "page.1.of.4": {
        "es": "Página uno de cuatro.",
        "qu": "Huk kaq p'anqa, tawa p'anqamanta.",
        "ay": "Maya laphi, pusi laphinakata.",
    },
    "page.2.of.4": {
        "es": "Página dos de cuatro.",
        "qu": "Iskay kaq p'anqa, tawa p'anqamanta.",
        "ay": "Paya laphi, pusi laphinakata.",
    },
    "page.3.of.4": {
        "es": "Página tres de cuatro.",
        "qu": "Kimsa kaq p'anqa, tawa p'anqamanta.",
        "ay": "Kimsa laphi, pusi laphinakata.",
    },
    "page.4.of.4": {
        "es": "Página cuatro de cuatro.",
        "qu": "Tawa kaq p'anqa, tawa p'anqamanta.",
        "ay": "Pusi laphi, pusi laphinakata.",
    },
}

from kiosk.core.content.builtin_phone import PHONE_PROMPTS  # noqa: E402 (the practice phone's)

PROMPTS.update(PHONE_PROMPTS)
