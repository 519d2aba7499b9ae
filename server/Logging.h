#pragma once

#include <QLoggingCategory>

namespace benchtop::server {
Q_DECLARE_LOGGING_CATEGORY(lcServer)
} // namespace benchtop::server
