// Record <-> the Benchling API v2 sequence JSON (DnaSequence / RnaSequence / AaSequence).
//
// Coordinates follow the API: 0-based, start inclusive, end exclusive, and "the end of the
// sequence is always represented as 0" (a range ending at the last base has end 0). A range that
// crosses the origin of a circular sequence has start > end (start 6800, end 100 on 7000 bp); it
// is the two spans [6800,7000) and [0,100) in a Record; start == end on a circular sequence is
// the whole circle from start.
//
// Mapping (Record -> JSON; the reverse undoes it):
// - bases (aminoAcids for proteins), name (Record::name, else the accession), isCircular.
// - every feature except primer_bind -> annotations[] {start, end, strand (1, -1, 0), type, name
//   (Feature::displayName()), color (/color), notes (the /note values, one per line)}. Proteins
//   have no strand (their spans read back as Strand::None).
// - API annotations are single ranges, so a feature with several spans (join/order) becomes one
//   annotation from its first to its last base and its exact spans are kept in a last notes line
//   "Segments: 101..200,301..400" (1-based, inclusive, 5'->3' on the strand) that reading turns
//   back into the spans. Spans on other accessions and sites between two bases (10^11) have no
//   API form and are dropped (with the feature, if nothing is left).
// - CDS -> translations[] as well {start, end, strand, regions [{start, end}] (one per span, along
//   the sequence from start to end),
//   geneticCode (from /transl_table, "STANDARD" when absent), aminoAcids (/translation, when
//   present)}. Reading pairs a translation with the CDS annotation of the same range and strand;
//   an unpaired translation becomes a CDS of its own. Genetic codes the API cannot name (e.g.
//   15, 27, 28, 31, 32) give no translation, only the annotation.
// - primer_bind -> primers[] {start, end, strand, name, bases (/sequence, else the bound bases
//   read 5'->3' on the primer's strand), color}.
// Labels come back as /label, notes as /note, colours as /color.
#pragma once

#include "bio/Record.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QStringView>

#include <optional>

namespace benchtop::bio {

// Starts the notes line that keeps a multi-span feature's exact spans.
inline constexpr QStringView kApiSegmentsPrefix = u"Segments: ";

struct ApiJsonResult
{
    QList<Record> records;
    std::optional<ParseError> error; // message names the JSON path ("annotations[2].start")

    bool ok() const { return !error.has_value(); }
};

QJsonObject toApiJson(const Record &record);

// One sequence object; on error the result holds no record.
ApiJsonResult fromApiJson(const QJsonObject &object);

// A JSON document: one sequence object for one record, else an array of them.
QByteArray writeApiJson(const QList<Record> &records);

// Parses a document holding one sequence object or an array of them; JSON syntax errors name the
// line.
ApiJsonResult readApiJson(QByteArrayView json);
ApiJsonResult readApiJsonFile(const QString &path);

} // namespace benchtop::bio
