// What the status bar says about a selection: range (1-based, inclusive, as people count),
// length, and for nucleotides Tm (nearest neighbour, for oligo-sized selections), GC % and
// molecular weight; for proteins the molecular weight.
#pragma once

#include "bio/Record.h"

#include <QString>

namespace benchtop::models {

// Longest selection for which a Tm is shown: beyond that it means nothing for an oligo.
inline constexpr qint64 kMaxTmLength = 200;

QString selectionInfo(const QByteArray &sequence, bio::MoleculeKind kind, qint64 start, qint64 end,
                      bool circular = false);

} // namespace benchtop::models
