// QScintilla's headers use the `slots`/`signals` keywords, which QT_NO_KEYWORDS removes: include
// them through here, which maps those words to Q_SLOTS/Q_SIGNALS for the headers only.
#pragma once

#pragma push_macro("slots")
#pragma push_macro("signals")
#define slots Q_SLOTS
#define signals Q_SIGNALS
#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>
#pragma pop_macro("signals")
#pragma pop_macro("slots")
