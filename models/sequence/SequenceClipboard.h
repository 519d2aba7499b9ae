// Copy and paste of sequence with its features: the bases as plain text for every other program,
// and the region with its features as GenBank text in an app-private MIME type beside it
// (GenBank keeps every location kind and qualifier; ApiJson would fold joins into notes).
#pragma once

#include "bio/Record.h"

#include <QMimeData>

#include <memory>
#include <optional>

namespace benchtop::models {

inline constexpr auto kSequenceMimeType = "application/x-benchtop-sequence+genbank";

// `text` is what plain-text pasting gives (the bases, their reverse complement or translation).
std::unique_ptr<QMimeData> sequenceMimeData(const bio::Record &part, const QByteArray &text);
// The region with features when the app's MIME type is there, else the plain text as bases
// (whitespace and digits dropped, as pasted from a GenBank ORIGIN block), else nothing.
std::optional<bio::Record> sequenceFromMimeData(const QMimeData *mime);

} // namespace benchtop::models
