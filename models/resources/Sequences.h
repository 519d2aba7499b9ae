// Sequence resources: DNA, RNA and AA sequences with their annotations, primers and
// translations, and oligos. A sequence may be megabases long with thousands of annotations, so
// parseSequencesAsync() builds them on a worker thread (QtConcurrent) for the GUI to pick up.
#pragma once

#include "Resource.h"

#include <QFuture>
#include <QList>

namespace benchtop::models {

// An annotation, primer or translation: a stretch of the sequence, kept as its JSON too.
struct SequenceFeature
{
    qint64 start = 0; // 0-based, as the API gives it
    qint64 end = 0;   // exclusive
    int strand = 0;   // 1, -1 or 0
    QString name;
    QString type;  // annotations: "CDS", "promoter", ...
    QString color; // annotations
    QString text;  // primers: bases; translations: aminoAcids
    QJsonObject json;
};

class Sequence : public Resource
{
public:
    enum class Kind { Dna, Rna, Aa, Oligo, Unknown };

    Sequence() = default;
    // Reads the features at once: cheap for a plasmid, worth a worker thread for a genome.
    explicit Sequence(QJsonObject json);
    static Sequence fromJson(const QJsonObject &json) { return Sequence(json); }

    Kind kind() const;
    // DNA/RNA bases or amino acids, whichever the resource has.
    QString residues() const;
    qint64 length() const;
    bool isCircular() const { return m_json.value(QStringLiteral("isCircular")).toBool(); }
    QString folderId() const { return string(u"folderId"); }
    QString entityRegistryId() const { return string(u"entityRegistryId"); }

    const QList<SequenceFeature> &annotations() const { return m_annotations; }
    const QList<SequenceFeature> &primers() const { return m_primers; }
    const QList<SequenceFeature> &translations() const { return m_translations; }

private:
    QList<SequenceFeature> m_annotations;
    QList<SequenceFeature> m_primers;
    QList<SequenceFeature> m_translations;
};

// Oligos (DNA/RNA): a short sequence with no features of its own.
class Oligo : public Sequence
{
public:
    using Sequence::Sequence;
    static Oligo fromJson(const QJsonObject &json) { return Oligo(json); }
};

// Builds the sequences on a worker thread; the future's result is delivered wherever the
// caller watches it (a QFutureWatcher on the GUI thread).
QFuture<QList<Sequence>> parseSequencesAsync(QJsonArray json);
// Parses a JSON body on a worker thread (a multi-megabyte sequence answer).
QFuture<QJsonDocument> parseJsonAsync(QByteArray body);

} // namespace benchtop::models
