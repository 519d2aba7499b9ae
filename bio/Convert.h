// Converting sequence files between formats, as `benchtop-cli convert` does: GenBank, FASTA, EMBL
// and SnapGene (and the API JSON) in; GenBank, FASTA and the API JSON out.
#pragma once

#include "bio/Record.h"

#include <QList>
#include <QString>

#include <optional>

namespace benchtop::bio {

enum class Format : quint8 { GenBank, Fasta, Embl, SnapGene, ApiJson };

// From a file name: .gb .gbk .genbank .gbff .gp (GenBank), .fa .fasta .fna .faa .ffn .fas
// (FASTA), .embl, .dna (SnapGene), .json (API JSON); a trailing .gz is ignored. Case-insensitive.
std::optional<Format> formatFromFileName(const QString &path);

// From a --from/--to argument: a format name ("genbank", "fasta", "embl", "snapgene", "json") or
// any of the file extensions above.
std::optional<Format> formatFromName(const QString &name);

QString formatName(Format format);
bool canRead(Format format);  // every format
bool canWrite(Format format); // GenBank, FASTA, API JSON

struct ReadRecordsResult
{
    QList<Record> records;
    std::optional<QString> error; // "<path>: line 12: ..."
};

// Reads every record of a file (gzip-compressed input is read transparently).
ReadRecordsResult readRecordsFile(const QString &path, Format format);

// Writes all records, replacing the file only once everything is written (QSaveFile).
std::optional<QString> writeRecordsFile(const QString &path, const QList<Record> &records,
                                        Format format);

// Reads `in` and writes `out`; a format not given is taken from the file name. Returns the error,
// or nullopt on success; on error `out` is left as it was.
std::optional<QString> convertFile(const QString &in, const QString &out,
                                   std::optional<Format> from = std::nullopt,
                                   std::optional<Format> to = std::nullopt);

} // namespace benchtop::bio
