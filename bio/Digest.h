// Restriction digests: the fragments a set of enzymes cuts a linear or circular molecule into,
// with the enzymes and overhangs at each end, in map order or sorted like a gel.
#pragma once

#include "bio/RestrictionScanner.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace benchtop::bio {

struct FragmentEnd
{
    // The enzymes (indices into the map's enzymes) that cut here, ascending; empty for an end of
    // a linear molecule.
    QList<qint32> enzymes;
    CutPosition cut;                       // the cut of the first of them
    Overhang overhang = Overhang::Unknown; // Unknown for an end of the molecule
    QByteArray overhangSequence;           // unpaired bases, read on the top strand
    friend bool operator==(const FragmentEnd &, const FragmentEnd &) = default;
};

// A fragment as its top strand: the bases [start, end), cut at the top-strand cuts (as EMBOSS
// restrict -fragments and Biopython catalyse() give them).
struct Fragment
{
    qint64 start = 0;
    // One past the last base. A fragment of a circular molecule that runs across the origin has
    // end > the sequence length: its bases are start..end taken modulo the length.
    qint64 end = 0;
    FragmentEnd left;
    FragmentEnd right;

    qint64 length() const { return end - start; }
    friend bool operator==(const Fragment &, const Fragment &) = default;
};

// Cuts the scanned sequence with every enzyme of the map at once; fragments in position order
// (on a circular molecule the one across the origin comes last). An uncut molecule is one
// fragment with no enzymes at its ends. `sequence` is the sequence the map was made from.
QList<Fragment> digest(const RestrictionMap &map, QByteArrayView sequence);

// Longest first, as the bands run on a gel; equal lengths by start.
void sortByLength(QList<Fragment> &fragments);

// The fragment's top-strand bases.
QByteArray fragmentSequence(const Fragment &fragment, QByteArrayView sequence);

} // namespace benchtop::bio
