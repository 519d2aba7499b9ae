// SnapGene `.dna` reader. The file is a series of packets (type byte, big-endian 32-bit length,
// payload); it must start with the "SnapGene" cookie packet (9). We read the sequence (0), the
// features (10), primers (5) and notes (6) packets and skip the others.
//
// Mapping to Record:
// - topology from the sequence packet's flags (bit 0 circular); moleculeType "ds-DNA" when bit 1
//   (double-stranded) is set, else "DNA".
// - features keep their SnapGene type; segments (1-based, inclusive "start-end") become spans,
//   listed 5'->3' on the feature's strand (so reversed for reverse-strand features); a segment
//   that crosses the origin (start > end) becomes two spans. "gap" segments are dropped.
// - directionality 1 is Forward, 2 Reverse, anything else (absent, 0, 3 = both) Strand::None.
// - qualifiers (<Q><V>) are kept in order; HTML markup in values is removed and entities decoded;
//   commas SnapGene inserts between segments in /translation are removed; empty values dropped.
// - the feature name becomes /label unless a label qualifier exists; if that label differs, the
//   name is kept as /name (as Biopython does).
// - colour: the first segment's colour as a plain /color qualifier ("#ccffcc"), which ApiJson
//   maps to the annotation colour.
// - primers become "primer_bind" features, one per binding site (SnapGene's "simplified"
//   duplicate sites are skipped), with /label = primer name, /sequence = the full primer
//   sequence 5'->3' (including any tail that does not anneal) and /note = its description.
//   boundStrand 0 is Forward, 1 Reverse.
// - notes: Description becomes the description, AccessionNumber the accession, Type "Synthetic"
//   division "SYN", LastModified the date ("18-JUN-2018").
#pragma once

#include "bio/Record.h"

#include <QByteArrayView>

#include <optional>

namespace benchtop::bio {

struct SnapGeneResult
{
    Record record;
    std::optional<ParseError> error; // line is 0; the message names the byte offset

    bool ok() const { return !error.has_value(); }
};

SnapGeneResult readSnapGene(QByteArrayView data);

// As readSnapGene(); the record is named after the file (SnapGene files carry no name).
SnapGeneResult readSnapGeneFile(const QString &path);

} // namespace benchtop::bio
