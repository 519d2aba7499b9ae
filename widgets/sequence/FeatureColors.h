// The colour a feature is drawn in: its own (/color, as the API's annotation colour), else one
// per feature type, so that the sequence view and the maps agree.
#pragma once

#include "bio/Record.h"

#include <QColor>

namespace benchtop::widgets {

QColor featureColor(const bio::Feature &feature);

} // namespace benchtop::widgets
