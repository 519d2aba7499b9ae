#pragma once

#include <QLoggingCategory>

namespace benchtop::app {
Q_DECLARE_LOGGING_CATEGORY(lcApp)
} // namespace benchtop::app
