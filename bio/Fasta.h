// FASTA read and write: multi-record, DNA/RNA/protein, gzip-compressed input read transparently.
//
// A record is a '>' header line followed by sequence lines. The id (Record::name) is the first
// word of the header, the description the rest. In sequence lines spaces, tabs and line ends
// (LF or CRLF) are ignored; any other character outside the alphabet is an error naming the line
// and the character. Lines starting with ';' are comments and are skipped. A header with no
// sequence lines gives an empty record.
#pragma once

#include "bio/Record.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace benchtop::bio {

struct FastaResult
{
    QList<Record> records;
    std::optional<ParseError> error; // set when reading failed; records is then empty

    bool ok() const { return !error.has_value(); }
};

// Parses FASTA text (or gzip-compressed FASTA, recognised by its magic bytes). With a kind the
// sequences are validated against that IUPAC alphabet; without one, each record's kind is
// detected: nucleotide if every residue is a nucleotide code and at least 90% are A/C/G/T/U/N
// (RNA when it has U and no T), protein otherwise.
FastaResult readFasta(QByteArrayView data, std::optional<MoleculeKind> kind = std::nullopt);

// Reads a file (plain or gzip) and parses it as readFasta() does.
FastaResult readFastaFile(const QString &path, std::optional<MoleculeKind> kind = std::nullopt);

// Writes records as FASTA with lineWidth residues per line (no wrapping when lineWidth <= 0).
// The id is the versioned accession when the record has one, else its name.
QByteArray writeFasta(const QList<Record> &records, int lineWidth = 60);

// The id writeFasta() puts in a record's header.
QString fastaId(const Record &record);

} // namespace benchtop::bio
