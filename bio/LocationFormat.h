// INSDC feature locations (GenBank, EMBL): parse "complement(join(<1..20,30^31))" and friends
// into a Location (0-based, end-exclusive spans, Record.h) and format a Location back into the
// canonical text.
//
// Parsing takes every form of the INSDC feature table definition: single bases "10", ranges
// "10..20", fuzzy ends "<1..>100", sites between bases "10^11" (and "7000^1" across the origin),
// "102.110", one-of(...) and "(1.5)..10" positions, complement/join/order/bond nested in any way,
// and remote spans "J00194.1:100..202". A range that runs backwards on a circular sequence
// ("6801..100" on 7000 bp) crosses the origin and becomes two spans, 6800..7000 then 0..100.
#pragma once

#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace benchtop::bio {

// What the parser needs to know about the sequence the location belongs to.
struct LocationContext
{
    qint64 sequenceLength = -1; // -1: unknown (then no range can cross the origin)
    bool circular = false;
    bool stranded = true; // false for proteins: spans get Strand::None and never complement()
};

struct LocationParseResult
{
    enum class Status : quint8 {
        Ok,
        Invalid,     // not a location: syntax error, position 0, ...
        Unplaceable, // well-formed, but cannot lie on this sequence (e.g. "20..10" when linear)
    };
    Status status = Status::Ok;
    Location location;
    QString error; // why, quoting the location text; empty when Ok

    bool ok() const { return status == Status::Ok; }
};

LocationParseResult parseLocation(QByteArrayView text, const LocationContext &context = {});

// The canonical INSDC text: "complement(join(a,b))" when every span is on the reverse strand,
// a wrap as "join(6801..7000,1..100)". OneOf spans are written from their verbatim text.
// An empty location gives an empty string.
QByteArray formatLocation(const Location &location, const LocationContext &context = {});

} // namespace benchtop::bio
