#pragma once

#include <QLoggingCategory>

namespace benchtop::widgets {
Q_DECLARE_LOGGING_CATEGORY(lcWidgets)
} // namespace benchtop::widgets
