#include "Logging.h"

namespace benchtop::widgets {
Q_LOGGING_CATEGORY(lcWidgets, "benchtop.widgets", QtInfoMsg)
} // namespace benchtop::widgets
