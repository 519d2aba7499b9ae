// How the sequence families (DNA/RNA/AA sequences, DNA/RNA oligos, feature libraries and
// features) keep their bodies in a ResourceRow: reading and checking create/update bodies,
// computing what the API derives (length, translations' amino acids, primers' bases), writing
// the API JSON, and the side table `sequence_index` that lets lists and searches filter on
// bases, registry ids and feature types without parsing every row's JSON.
#pragma once

#include "server/JsonBody.h"
#include "server/Resources.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace benchtop::server::sequences {

enum class SeqKind { Dna, Rna, Aa, DnaOligo, RnaOligo };

struct KindInfo
{
    SeqKind kind;
    QString resourceKind; // resources.kind
    QString idPrefix;
    bool nucleotide() const { return kind != SeqKind::Aa; }
    bool rna() const { return kind == SeqKind::Rna || kind == SeqKind::RnaOligo; }
    bool oligo() const { return kind == SeqKind::DnaOligo || kind == SeqKind::RnaOligo; }
    bool fullSequence() const { return kind == SeqKind::Dna || kind == SeqKind::Rna; }
    QString basesKey() const
    {
        return kind == SeqKind::Aa ? QStringLiteral("aminoAcids") : QStringLiteral("bases");
    }
};

KindInfo kindInfo(SeqKind kind);

// The position (0-based) of the first character that is not allowed, or -1.
// DNA: IUPAC nucleotide letters with T; RNA: the same with U; AA: the 26 IUPAC amino-acid
// letters and '*'. Any case.
qsizetype firstBadLetter(const QString &letters, SeqKind kind);
// "Field 'bases' holds 'X' at position 12, which is not a DNA base (IUPAC: A C G T R Y ...)."
QString badLettersMessage(const QString &field, const QString &letters, qsizetype at, SeqKind kind);

// Reads a create (creating = true) or update body into `row` (a sequence kind). Checks
// everything the spec types and what refers to other records (folderId, authorIds, oligoIds,
// schema is checked by the caller). Returns a failure to answer with, if any.
std::optional<ApiFailure> applySequenceBody(Resources &resources, SeqKind kind, JsonBody &body,
                                            ResourceRow &row, bool creating);
// Recomputes the derived parts of `row.data` (translations' amino acids, primers' bases) after
// its bases changed or were set, dropping annotations/primers/translations that no longer fit.
void recompute(Resources &resources, SeqKind kind, ResourceRow &row);

// The API JSON of a sequence/oligo row.
QJsonObject sequenceJson(SeqKind kind, const QString &baseUrl, const ResourceRow &row);

// sequence_index: written beside every insert/update of the kinds above.
// SHA-1 of the upper-cased letters: the indexed key for exact-match lookups.
QString basesHash(const QString &bases);
QStringList indexMigration();
std::optional<ApiFailure> writeIndex(Database &db, const ResourceRow &row);

// Folders belong to another part of the server: a folderId must name a resource of kind
// "folder"; while no folder exists at all, any "lib_" id is accepted (and kept as given).
std::optional<ApiFailure> checkFolder(Resources &resources, const QString &folderId);

// Range helpers for the API's coordinates (0-based, end exclusive, 0 = end of sequence; on a
// circular sequence start > end wraps the origin).
QByteArray extractRange(const QByteArray &bases, qint64 start, qint64 end);

// A feature's pattern ("nucleotide" or "protein") and colour checks.
bool isHexColor(const QString &color);

} // namespace benchtop::server::sequences
