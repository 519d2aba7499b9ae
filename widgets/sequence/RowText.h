// One row of the sequence view as text for QScintilla (DESIGN §4): the bases in blocks of ten
// separated by a space, and the lines drawn around them — ruler, restriction sites, complement,
// translation frames and feature lanes — as annotation text with a style per character, every
// character in the same monospaced cell grid so that a letter stands over its base.
//
// Pure functions of the record and the options: no widget, no Scintilla. The view
// (SequenceView) turns them into Scintilla text, annotations and styles for the rows on screen.
//
// Columns: a row holds bases [rowStart, rowStart + count). Base column c (0 ≤ c ≤ count) is at
// text column startColumn(c) when something starts there and endColumn(c) when something ends
// there (they differ only at a block gap, so that a selection does not cover the trailing gap).
#pragma once

#include <QByteArray>
#include <QColor>
#include <QList>
#include <QString>

namespace benchtop::bio {
class GeneticCode;
struct Record;
} // namespace benchtop::bio
namespace benchtop::models {
class FeatureIndex;
}

namespace benchtop::widgets::rowtext {

constexpr int kGroup = 10;

constexpr int startColumn(int c)
{
    return c + c / kGroup;
}
constexpr int endColumn(int c)
{
    return c == 0 ? 0 : c + (c - 1) / kGroup;
}
// The base column under text column t (a gap counts as the column after its block).
constexpr int baseColumn(int t)
{
    const int block = t / (kGroup + 1);
    const int within = t % (kGroup + 1);
    return block * kGroup + (within < kGroup ? within : kGroup);
}
// Text columns taken by a row of `perRow` bases.
constexpr int textWidth(int perRow)
{
    return perRow == 0 ? 0 : perRow + (perRow - 1) / kGroup;
}

// Fixed styles of annotation text (offsets from the annotation style base).
enum Style : unsigned char {
    Plain = 0,
    Dim,   // ruler, complement, "+N more"
    Frame, // translation frames
    Cut,   // restriction sites
    FirstColorStyle
};

// Feature colours → annotation styles. Three styles per colour: the bar, a label box on the bar
// (a shade darker) and a label running past the bar (the colour on the page background).
class ColorStyles
{
public:
    explicit ColorStyles(int capacity = 252)
        : m_capacity(capacity)
    {}
    struct Entry
    {
        QColor color;
        unsigned char bar;
    };
    // The bar style of `color`; the label box is bar + 1, the label outside bar + 2.
    unsigned char bar(const QColor &color);
    // Styles allocated since the last call (the view defines them in Scintilla).
    QList<Entry> takeNew();
    void clear() { m_entries.clear(), m_new.clear(); }

private:
    int m_capacity;
    QList<Entry> m_entries;
    QList<Entry> m_new;
};

// A line of annotation text: UTF-8 and one style byte per byte of it.
struct StyledLine
{
    QByteArray text;
    QByteArray styles;
};

// Builds a line cell by cell (one character per text column).
class LineBuilder
{
public:
    explicit LineBuilder(int width)
        : m_cells(width, QChar(u' '))
        , m_styles(width, Plain)
    {}
    int width() const { return int(m_cells.size()); }
    void put(int column, QChar c, unsigned char style);
    void put(int column, QStringView text, unsigned char style);
    void fill(int from, int to, unsigned char style); // [from, to): blanks in that style
    bool isBlank() const;
    StyledLine line() const; // trailing unstyled blanks dropped

private:
    QList<QChar> m_cells;
    QList<unsigned char> m_styles;
};

struct Site
{
    qint64 cut; // top-strand cut, before base `cut`
    QString name;
};

struct RowOptions
{
    const bio::Record *record = nullptr;
    const models::FeatureIndex *features = nullptr;
    const bio::GeneticCode *code = nullptr;
    bool protein = false;
    bool complement = false;
    QList<int> frames;                  // 1, 2, 3, -1, -2, -3
    const QList<Site> *sites = nullptr; // sorted by cut; nullptr: no site line
    int perRow = 60;
    int maxLanes = 4;
};

// The bases of a row (Latin-1 with a space between blocks).
QByteArray basesText(const RowOptions &options, qint64 rowStart);
// The lines above a row: restriction sites (if any are shown) and the ruler.
QList<StyledLine> linesAbove(const RowOptions &options, qint64 rowStart);
// The lines under a row: complement, frames, feature lanes (as many as it needs, at most
// maxLanes; the last one ends with "+N" when features were left out).
QList<StyledLine> linesBelow(const RowOptions &options, qint64 rowStart, ColorStyles &colors);
// Joins lines into one annotation (text and styles), '\n' between them.
StyledLine join(const QList<StyledLine> &lines);

} // namespace benchtop::widgets::rowtext
