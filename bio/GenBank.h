// GenBank flat files (NCBI nucleotide and GenPept protein records) to and from Record.
//
// Reading takes multi-record files and release files (text before the first LOCUS is skipped),
// LOCUS lines with or without molecule type, topology, division or date, records without a
// sequence (CONTIG/WGS, or no ORIGIN before "//"), and Vector NTI/ApE/SnapGene exports, with
// LF or CRLF line ends. Sequence letters are upper-cased, as Biopython and Benchling do. The
// DEFINITION loses its closing period (the writer adds it back); "." in DEFINITION, ACCESSION
// or VERSION means empty. Other header blocks (REFERENCE, COMMENT, SOURCE, CONTIG ...) are kept
// verbatim in Record::headerBlocks, those that follow FEATURES (CONTIG, WGS ...) listed last;
// so are ACCESSION and VERSION lines that say more than the first accession ("GI:...",
// secondary accessions), so that writing gives them back. BASE COUNT is recomputable and
// dropped. Protein records get Strand::None on every span.
#pragma once

#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace benchtop::bio {

struct GenBankResult
{
    QList<Record> records; // empty when error is set: one bad record fails the whole read
    std::optional<ParseError> error;
    // What the reader kept but found odd, e.g. a feature whose location runs backwards on a
    // linear sequence (kept with an empty location, as Biopython does).
    QList<ParseError> warnings;

    bool ok() const { return !error.has_value(); }
};

GenBankResult readGenBank(QByteArrayView text);
// Reads a file, gunzipping it first if it is gzip.
GenBankResult readGenBankFile(const QString &path);

// NCBI layout: LOCUS columns as the GenBank release notes give them, qualifiers at column 22
// wrapped at 79, 60 bases a line in blocks of 10, lower case. readGenBank(writeGenBank(r))
// gives r back, except for what GenBank cannot hold: features with an empty location are left
// out, line breaks and tabs in values become spaces, spaces in the name become '_' (an empty
// name is written "unnamed"), and so do blanks, quotes and '=' in qualifier names (an empty
// qualifier name is written "_"). A record without sequence gets no ORIGIN and "0 bp".
QByteArray writeGenBank(const Record &record);
QByteArray writeGenBank(const QList<Record> &records);

} // namespace benchtop::bio
