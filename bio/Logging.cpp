#include "Logging.h"

namespace benchtop::bio {
Q_LOGGING_CATEGORY(lcBio, "benchtop.bio", QtInfoMsg)
} // namespace benchtop::bio
