#include "Logging.h"

namespace benchtop::server {
Q_LOGGING_CATEGORY(lcServer, "benchtop.server", QtInfoMsg)
} // namespace benchtop::server
