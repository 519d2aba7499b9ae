// The feature table that GenBank (FEATURES) and EMBL (FT lines) share: a key in columns 6-20,
// the location from column 22, then /qualifier=value lines at column 22, wrapped at 79 columns.
#pragma once

#include "bio/LocationFormat.h"
#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>

namespace benchtop::bio {

// Reads a feature table line by line. Columns 1-2 are not looked at ("FT" in EMBL, blank in
// GenBank). Qualifier values are unquoted and unescaped ("" -> "); a value wrapped over several
// lines is joined with one space, except /translation, which is joined with none. A location
// that cannot lie on the sequence ("20..10" on a linear one) keeps its feature with an empty
// location and a warning, as Biopython does; anything malformed is an error.
class FeatureTableReader
{
public:
    explicit FeatureTableReader(const LocationContext &context);
    ~FeatureTableReader();
    FeatureTableReader(const FeatureTableReader &) = delete;
    FeatureTableReader &operator=(const FeatureTableReader &) = delete;

    // One line without its line break; lineNumber is 1-based. False on error (see error()).
    bool addLine(QByteArrayView line, qint64 lineNumber);
    // Completes the last feature. False on error.
    bool finish();

    const ParseError &error() const;
    QList<Feature> takeFeatures();
    QList<ParseError> takeWarnings();

private:
    struct State;
    std::unique_ptr<State> d;
};

// Appends the table: every line starts with the 5-column prefix ("     " or "FT   "). Values
// are quoted unless INSDC writes them bare (/codon_start=1); line breaks in values become
// spaces, as the format cannot hold them. Features with an empty location cannot be written
// and are left out.
void writeFeatureTable(QByteArray &out, const QList<Feature> &features,
                       const LocationContext &context, QByteArrayView prefix);

// Appends `text` as lines of at most 79 columns: `firstLine` (already padded to `indent`) for
// the first, `indent` spaces after it. Breaks only at single spaces, so that joining the lines
// with one space gives the text back; a word longer than a line stays whole.
void appendWrapped(QByteArray &out, QByteArrayView firstLine, QByteArrayView indent,
                   QByteArrayView text);

} // namespace benchtop::bio
