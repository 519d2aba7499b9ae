// The in-memory form of a sequence record that every reader produces and every writer consumes:
// GenBank, EMBL, FASTA, SnapGene and the API's JSON all map to and from this.
//
// Coordinates are 0-based, start inclusive, end exclusive (as the Benchling API). A span of a
// circular sequence that crosses the origin is split into two spans joined in order
// (e.g. GenBank "join(6801..7000,1..100)" is two spans), so every span has start <= end.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace benchtop::bio {

enum class Strand : qint8 { None = 0, Forward = 1, Reverse = -1 };
enum class Topology : quint8 { Unknown, Linear, Circular };

// One piece of a feature's location.
struct Span
{
    enum class Kind : quint8 {
        Range,   // 10..20, or a single base "10" (end = start + 1)
        Between, // 10^11: a site between two bases; start = end = 10 (0-based gap index)
        Within,  // 10.20: one base somewhere in 10..20 (stored as the whole range)
        OneOf,   // one-of(10,12)..20 and similar: stored as the widest range, text kept
    };
    qint64 start = 0;
    qint64 end = 0;
    Strand strand = Strand::Forward;
    Kind kind = Kind::Range;
    bool fuzzyStart = false; // "<10": begins before
    bool fuzzyEnd = false;   // ">20": ends after
    QString remoteAccession; // "J00194.1" for J00194.1:100..202; empty for this record
    QString verbatim;        // original text where the kind cannot be rebuilt (OneOf)

    qint64 length() const { return end - start; }
    friend bool operator==(const Span &, const Span &) = default;
};

struct Location
{
    enum class Operator : quint8 { Single, Join, Order, Bond };
    QList<Span> spans;
    Operator op = Operator::Single;

    enum class SpanOrder : quint8 { AlongSequence, AlongStrand };
    // A location on one strand: every span gets `strand`, several spans make a join. Spans
    // given AlongSequence are put in strand order (a reverse-strand join lists its last span
    // first, as GenBank and Biopython do); AlongStrand ones are kept as given.
    static Location onStrand(QList<Span> spans, Strand strand,
                             SpanOrder order = SpanOrder::AlongSequence);

    bool isEmpty() const { return spans.isEmpty(); }
    qint64 start() const;  // the lowest span start (or 0)
    qint64 end() const;    // the highest span end (or 0)
    Strand strand() const; // the spans' common strand, or None if they differ
    friend bool operator==(const Location &, const Location &) = default;
};

struct Qualifier
{
    QString name;
    QString value;
    bool hasValue = true; // "/pseudo" has none
    friend bool operator==(const Qualifier &, const Qualifier &) = default;
};

struct Feature
{
    QString type; // "CDS", "gene", "misc_feature", ...
    Location location;
    QList<Qualifier> qualifiers;

    // The first value of a qualifier, or an empty string.
    QString qualifier(const QString &name) const;
    // The name people see: /label, /gene, /product, /locus_tag, /note or the type.
    QString displayName() const;
    friend bool operator==(const Feature &, const Feature &) = default;
};

enum class MoleculeKind : quint8 { Dna, Rna, Protein };

struct Record
{
    QString name; // LOCUS name / FASTA id
    QString accession;
    QString version;
    QString description;  // DEFINITION / FASTA description
    QString moleculeType; // as the file says: "DNA", "ds-DNA", "mRNA", "AA", ...
    MoleculeKind kind = MoleculeKind::Dna;
    Topology topology = Topology::Unknown;
    QString division; // "BCT", "SYN", ...
    QString date;     // "21-JUN-1999"; may be empty
    // Header blocks we do not model (REFERENCE, COMMENT, KEYWORDS, SOURCE ...), verbatim and in
    // order, so that writing gives them back.
    QList<std::pair<QString, QString>> headerBlocks;
    QByteArray sequence;
    QList<Feature> features;

    qint64 length() const { return sequence.size(); }
    friend bool operator==(const Record &, const Record &) = default;
};

// Where and why reading failed: "line 42: unbalanced parenthesis in location ...".
struct ParseError
{
    qint64 line = 0; // 1-based; 0 when not tied to a line
    QString message;

    QString toString() const;
};

} // namespace benchtop::bio
