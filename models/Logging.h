#pragma once

#include <QLoggingCategory>

namespace benchtop::models {
Q_DECLARE_LOGGING_CATEGORY(lcModels)
} // namespace benchtop::models
