// The restriction enzyme catalogue: recognition sites and cut positions from REBASE's EMBOSS
// file (emboss_e.NNN), commercial suppliers from its Bairoch file (bairoch.NNN) and isoschizomer
// prototypes from embossre.equ. The scanner, the digest and the enzyme lists in the UI use it.
#pragma once

#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace benchtop::bio {

// Where an enzyme cuts the two strands, relative to its recognition site as written (5'->3').
// An offset c is the gap before base c of the site (0-based): 0 is just before the site, the
// site's length just after it, negative values and values past the end are cuts outside the site
// (Type IIS). The bottom-strand cut is given in the same top-strand numbering, so EcoRI G^AATTC
// is {1, 5}, PstI CTGCA^G is {5, 1} and BsaI GGTCTC(1/5) is {7, 11}.
// (REBASE's EMBOSS file numbers bases ... -2 -1 1 2 ... and cuts "after base c": an offset is c
// for c > 0 and c + 1 for c < 0.)
struct CutOffsets
{
    int top = 0;
    int bottom = 0;
    friend bool operator==(const CutOffsets &, const CutOffsets &) = default;
};

enum class Overhang : quint8 { Unknown, Blunt, FivePrime, ThreePrime };

struct RestrictionEnzyme
{
    QString name;
    QByteArray site;  // upper-case IUPAC recognition site, 5'->3'
    int cutCount = 0; // double-strand cuts per site: 0 (not known), 1, or 2 (BaeI, BcgI)
    std::array<CutOffsets, 2> cuts{}; // the first cutCount are valid, in REBASE's order
    bool palindromic = false;         // the site equals its reverse complement (IUPAC-aware)
    QString suppliers;                // REBASE supplier codes ("BN..."), empty if not sold
    QString prototype;                // isoschizomer prototype named in embossre.equ, or empty

    bool isCommercial() const { return !suppliers.isEmpty(); }
    bool cutsKnown() const { return cutCount > 0; }
    // The ends a cut leaves: 5' overhang when the top strand is cut first (EcoRI), 3' when the
    // bottom is (PstI); overhangLength() is the number of unpaired bases (0 when blunt/unknown).
    Overhang overhang() const;
    int overhangLength() const;
    friend bool operator==(const RestrictionEnzyme &, const RestrictionEnzyme &) = default;
};

// Which catalogue enzymes to use.
struct EnzymeFilter
{
    bool commercialOnly = false;
    bool knownCutsOnly = true; // enzymes whose cut positions REBASE does not know never cut
    int minimumSiteLength = 1;
    QStringList names; // only these (case-insensitive) when not empty
};

class RestrictionCatalogue
{
public:
    // Parses the REBASE files: `emboss` (emboss_e format, required), `bairoch` (uncompressed
    // Bairoch format; may be empty: then no enzyme is commercial) and `equ` (may be empty).
    // Enzymes come in the emboss file's order. Errors name the file and the line.
    static std::optional<RestrictionCatalogue> parse(QByteArrayView emboss, QByteArrayView bairoch,
                                                     QByteArrayView equ, ParseError *error);
    // The catalogue embedded at :/bio/rebase (REBASE 201 sites, REBASE 310 suppliers), loaded
    // once on first use; thread-safe.
    static const RestrictionCatalogue &builtin();

    const QList<RestrictionEnzyme> &enzymes() const { return m_enzymes; }
    // Case-insensitive lookup; nullptr if there is no such enzyme.
    const RestrictionEnzyme *find(QStringView name) const;
    // The enzymes passing the filter, in catalogue order. Names the catalogue does not know are
    // added to *unknownNames if given.
    QList<RestrictionEnzyme> select(const EnzymeFilter &filter,
                                    QStringList *unknownNames = nullptr) const;

private:
    QList<RestrictionEnzyme> m_enzymes;
};

} // namespace benchtop::bio
