#pragma once

#include <QString>

namespace benchtop::server {

// A new Benchling-style id: the resource's prefix and eight random base-62 characters,
// e.g. newId(u"loc_") -> "loc_9fxPzGDy".
QString newId(QStringView prefix);

// Now, as the API writes timestamps (ISO 8601, UTC, milliseconds). Sorts correctly as text.
QString timestampNow();

} // namespace benchtop::server
