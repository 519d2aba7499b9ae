#pragma once

#include <QLoggingCategory>

namespace benchtop::bio {
Q_DECLARE_LOGGING_CATEGORY(lcBio)
} // namespace benchtop::bio
