// What happens to features when bases change: the explicit policy of DESIGN §4.
//
// An edit replaces `removed` bases at `position` by `inserted` ones (an insert removes none, a
// delete inserts none). For each span of a feature:
// - entirely before the edit (ends at or before `position`): unchanged. Typing just after the
//   last base of a feature does not grow it.
// - entirely after the removed bases (starts at or after position + removed): shifted.
//   Typing just before the first base of a feature moves it.
// - overlapping the removed bases: shrinks by the bases removed; a span whose bases are all
//   removed disappears, and a feature whose spans all disappear is deleted.
// - strictly containing the insertion point: grows (InsertInside::Grow), or is split into two
//   spans around the new bases, joined (InsertInside::Split) — for a CDS that must not absorb
//   an insertion, say.
#pragma once

#include "bio/Record.h"

#include <QList>

namespace benchtop::models {

enum class InsertInside { Grow, Split };

struct BaseEdit
{
    qint64 position = 0;
    qint64 removed = 0;
    qint64 inserted = 0;
};

// A feature the edit changed other than by shifting: its index before the edit and its value.
struct TouchedFeature
{
    qsizetype index = 0;
    bio::Feature before;
    bool deleted = false;
};

// Applies `edit` to `features` in place by the policy and returns the features it changed
// other than by a pure shift (ascending by index), so an undo can restore them.
QList<TouchedFeature> applyBaseEdit(QList<bio::Feature> &features, const BaseEdit &edit,
                                    InsertInside inside);
// Undoes applyBaseEdit: shifts back the shifted spans and restores the touched features.
void revertBaseEdit(QList<bio::Feature> &features, const BaseEdit &edit,
                    const QList<TouchedFeature> &touched);

// The location after rotating a circular sequence of `length` so that base `origin` becomes 0;
// spans that cross the new origin are split, spans that met at the old origin are joined.
bio::Location rotated(const bio::Location &location, qint64 origin, qint64 length);
// The location on the reverse complement of a sequence of `length`.
bio::Location reverseComplemented(const bio::Location &location, qint64 length);

} // namespace benchtop::models
