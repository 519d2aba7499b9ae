// Open reading frames on one or both strands of a linear or circular sequence.
//
// Policy: an ORF runs from a start codon to the first in-frame stop codon after it; only the
// most upstream start after the previous in-frame stop begins one (starts inside an ORF are not
// reported as nested ORFs), so each stop codon ends at most one ORF. ORFs in different frames or
// on different strands may overlap. In stop-to-stop mode (OrfStart::AnySenseCodon, EMBOSS
// getorf -find 0/2) an ORF is the whole run of sense codons between two in-frame stops.
// On a circular sequence the sequence is read round the origin: an ORF may cross it (its end
// then exceeds the length) and is reported once. On a linear sequence an ORF that runs into an
// end is reported, marked incomplete, unless includeIncomplete is off (getorf reports them).
#pragma once

#include "bio/GeneticCode.h"
#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <limits>

namespace benchtop::bio {

enum class OrfStart {
    AtgOnly,       // ATG (getorf -table 0, NCBI ORFfinder's default)
    TableStarts,   // every start codon of the genetic code (ATG and the alternatives)
    AnySenseCodon, // stop to stop
};

struct OrfOptions
{
    const GeneticCode *code = nullptr; // nullptr: the standard code
    OrfStart start = OrfStart::AtgOnly;
    // Nucleotides of the ORF not counting its stop codon (getorf -minsize/-maxsize).
    qint64 minimumLength = 75;
    qint64 maximumLength = std::numeric_limits<qint64>::max();
    bool bothStrands = true;
    bool circular = false;
    bool includeIncomplete = true;
    // The start codon translates as M whatever it codes inside a protein (getorf -methionine).
    bool startAsMethionine = true;
    bool translate = true; // fill Orf::protein
};

struct Orf
{
    // Forward-strand coordinates; [start, end) includes the stop codon when there is one.
    // start < sequence length; end exceeds it when the ORF crosses the origin.
    qint64 start = 0;
    qint64 end = 0;
    Strand strand = Strand::Forward;
    bool hasStop = true;      // false: runs into the 3' end of a linear sequence
    bool reaches5End = false; // stop-to-stop only: no in-frame stop before it (linear)
    QByteArray protein;       // without the stop

    qint64 length() const { return end - start; }
    // The ORF as a record location: one span, or two joined in order across the origin.
    Location location(qint64 sequenceLength) const;
    friend bool operator==(const Orf &, const Orf &) = default;
};

// ORFs sorted by start, then strand (forward first), then end.
QList<Orf> findOrfs(QByteArrayView sequence, const OrfOptions &options = {});

} // namespace benchtop::bio
