// Automatic annotation: finds every exact occurrence of a library of known features (AmpR, ori,
// promoters, tags ...) in a sequence, on either strand and across the origin of circular ones.
#pragma once

#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace benchtop::bio {

struct LibraryFeature
{
    QString id;          // FASTA identifier, e.g. "AmpR-017"
    QString name;        // what people see, e.g. "AmpR-017" or "lac promoter"
    QString type;        // Sequence Ontology term, e.g. "CDS", "promoter", "origin_of_replication"
    QByteArray sequence; // upper case
    friend bool operator==(const LibraryFeature &, const LibraryFeature &) = default;
};

// Reads a feature library from FASTA, one record per feature, with headers as the GenoLIB export
// writes them: `>ID name="NAME" type=SO_TERM(SO:0000000) len=N`. Without name= the id is the
// name; without type= the type is "region". A len= that differs from the sequence, an empty
// record or a non-IUPAC base is an error naming the line.
std::optional<QList<LibraryFeature>> parseFeatureLibrary(QByteArrayView fasta, ParseError *error);

// The GenBank feature key for a library type ("origin_of_replication" -> "rep_origin");
// "misc_feature" for terms without one.
QString genbankFeatureKey(const QString &soType);

struct FeatureHit
{
    qint32 feature = 0; // index into the annotator's library
    QString name;
    QString type;
    qint64 start = 0; // 0-based, end exclusive; on a circular sequence a hit across the
    qint64 end = 0;   // origin has end > sequence length (read modulo the length)
    Strand strand = Strand::Forward;
    friend bool operator==(const FeatureHit &, const FeatureHit &) = default;
};

struct AnnotatorOptions
{
    // Shorter library features are skipped: GenoLIB has entries like "ATG" or a 1-base
    // "pUC origin" that would match everywhere. 0 keeps them all.
    qsizetype minimumLength = 8;
};

// Indexes a library once (a hash of each feature's first 12 bases on both strands; shorter
// features by their whole sequence); annotate() then makes one pass over a sequence and checks
// only the candidates the index gives. Thread-safe for concurrent annotate() calls.
class FeatureAnnotator
{
public:
    explicit FeatureAnnotator(QList<LibraryFeature> library, const AnnotatorOptions &options = {});
    ~FeatureAnnotator();
    FeatureAnnotator(const FeatureAnnotator &);
    FeatureAnnotator &operator=(const FeatureAnnotator &);

    const QList<LibraryFeature> &library() const;
    // Every occurrence, ordered by start, then longest first, then library order. Matching is
    // exact and case-insensitive; a feature that is its own reverse complement is reported once,
    // on the forward strand.
    QList<FeatureHit> annotate(QByteArrayView sequence, Topology topology) const;

private:
    struct Index;
    std::shared_ptr<const Index> d;
};

// The hit as a Record feature: GenBank key, /label, and a location split in two at the origin.
Feature toFeature(const FeatureHit &hit, qint64 sequenceLength);

} // namespace benchtop::bio
