// Restriction analysis: every recognition site of a set of enzymes in a sequence, found in one
// pass over it (linear or circular, both strands, IUPAC sites), with the cut positions on both
// strands and the overhangs they leave.
#pragma once

#include "bio/Record.h"
#include "bio/RestrictionEnzymes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <limits>
#include <memory>
#include <span>

namespace benchtop::bio {

// A cut through both strands as gaps in top-strand coordinates: `top` is the gap between bases
// top-1 and top (0-based) on the top strand, `bottom` the gap on the bottom strand, numbered the
// same way. So a cut "after 1-based base k" (EMBOSS restrict, REBASE) is k, and Biopython's
// search() value (the 1-based first base after the cut) is top + 1. On a linear molecule both lie
// in [1, length - 1]; on a circular one in [0, length), 0 being the cut across the origin.
struct CutPosition
{
    qint64 top = 0;
    qint64 bottom = 0;
    friend bool operator==(const CutPosition &, const CutPosition &) = default;
};

struct RestrictionSite
{
    // First base of the recognition site on the top strand, 0-based. On a circular molecule a
    // site can run across the origin (start + site length > sequence length).
    qint64 start = 0;
    qint32 enzyme = 0; // index into RestrictionMap::enzymes
    // Reverse: the site reads 5'->3' on the bottom strand. Bases that read as the site on both
    // strands (every palindrome) are one site, Forward, when both readings cut in the same
    // places; when they do not (REBASE's HauII TGGCCA(17/15) cuts on whichever side it binds)
    // they are two sites, one per strand.
    Strand strand = Strand::Forward;
    // Bit i set: the enzyme's cut i (RestrictionEnzyme::cuts) falls within this molecule. On a
    // linear molecule a Type IIS cut can fall past an end: that cut is not made, and a site none
    // of whose cuts is made is not reported. Sites of enzymes with unknown cuts have no bits.
    quint8 cutMask = 0;
    friend bool operator==(const RestrictionSite &, const RestrictionSite &) = default;
};

// Which enzymes to keep by how many sites they have in the sequence.
struct ScanOptions
{
    int minimumSites = 1;
    int maximumSites = std::numeric_limits<int>::max();

    static ScanOptions all() { return {0, std::numeric_limits<int>::max()}; }
    static ScanOptions uniqueCutters() { return {1, 1}; }
    static ScanOptions twoCutters() { return {2, 2}; }
};

// The result of a scan.
class RestrictionMap
{
public:
    QList<RestrictionEnzyme> enzymes; // the scanned enzymes that passed the site-count filter
    QList<RestrictionSite> sites;     // grouped by enzyme in `enzymes` order, each by start
    qint64 sequenceLength = 0;
    Topology topology = Topology::Linear;

    std::span<const RestrictionSite> sitesOf(qsizetype enzymeIndex) const;
    qsizetype siteCount(qsizetype enzymeIndex) const { return sitesOf(enzymeIndex).size(); }
    qsizetype indexOf(QStringView enzymeName) const; // case-insensitive; -1 if absent
    // Cut `which` (0 or 1) of a site; only meaningful if site.cutMask has that bit.
    CutPosition cut(const RestrictionSite &site, int which) const;
    // Every top-strand cut of one enzyme, ascending (both cuts of two-cut enzymes).
    QList<qint64> topStrandCuts(qsizetype enzymeIndex) const;
    // The unpaired bases a cut leaves, read 5'->3' on the top strand (EcoRI: "AATT"); empty when
    // blunt. `sequence` is the scanned sequence.
    QByteArray overhangSequence(const RestrictionSite &site, int which,
                                QByteArrayView sequence) const;

private:
    friend class RestrictionScanner;
    QList<qsizetype> m_groupStart; // enzyme i's sites are [m_groupStart[i], m_groupStart[i+1])
};

// Compiles a set of enzymes once; scan() may then be called on many sequences, from several
// threads at once. Sequence bases are matched case-insensitively (U as T); any other character
// (N, IUPAC codes, gaps) matches no site position, as a site needs definite bases.
class RestrictionScanner
{
public:
    explicit RestrictionScanner(QList<RestrictionEnzyme> enzymes);
    ~RestrictionScanner();
    RestrictionScanner(const RestrictionScanner &);
    RestrictionScanner &operator=(const RestrictionScanner &);

    const QList<RestrictionEnzyme> &enzymes() const;
    // Topology::Unknown is scanned as linear.
    RestrictionMap scan(QByteArrayView sequence, Topology topology,
                        const ScanOptions &options = {}) const;

private:
    struct Compiled;
    std::shared_ptr<const Compiled> d;
};

} // namespace benchtop::bio
