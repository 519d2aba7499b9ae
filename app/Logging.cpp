#include "Logging.h"

namespace benchtop::app {
Q_LOGGING_CATEGORY(lcApp, "benchtop.app", QtInfoMsg)
} // namespace benchtop::app
