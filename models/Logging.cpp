#include "Logging.h"

namespace benchtop::models {
Q_LOGGING_CATEGORY(lcModels, "benchtop.models", QtInfoMsg)
} // namespace benchtop::models
